package dev.inkan.properties.coverage;

import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.StepObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What chains exercised: transitions taken, guard outcomes seen, machine states entered,
 * monitor observations, properties checked, and from these the requirement ids exercised.
 * It observes steps ({@link StepObserver}); one per suite, written to a file the coverage gate
 * reads.
 */
public final class Coverage implements StepObserver {
    private final ModelInfo info;
    private final long[] transitions;
    private final long[] guardTrue;
    private final long[] guardFalse;
    private final BitSet[] states;
    private final long[][] observations;
    private final Set<String> checked = new TreeSet<>();
    private long chains;
    private long steps;

    public Coverage(ModelInfo info) {
        this.info = info;
        int n = info.transitions().size();
        transitions = new long[n];
        guardTrue = new long[n];
        guardFalse = new long[n];
        states = new BitSet[info.machines().size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = new BitSet();
        }
        observations = new long[info.monitors().size()][];
        for (ModelInfo.Monitor m : info.monitors()) {
            observations[m.index()] = new long[m.observations()];
        }
    }

    public ModelInfo info() {
        return info;
    }

    // ------------------------------------------------------------------ observing

    @Override
    public void transition(int transition, int instance, int fromState, int[] args) {
        transitions[transition]++;
        ModelInfo.Transition t = info.transitions().get(transition);
        states[t.machine()].set(t.target());
    }

    @Override
    public void guard(int transition, boolean outcome) {
        if (outcome) {
            guardTrue[transition]++;
        } else {
            guardFalse[transition]++;
        }
    }

    @Override
    public void observation(int monitor, int monitorInstance, int observation) {
        if (observation >= 0 && observation < observations[monitor].length) {
            observations[monitor][observation]++;
        }
    }

    /** A chain started: every machine is in its initial state. */
    public void chainStarted() {
        chains++;
        for (ModelInfo.Machine m : info.machines()) {
            states[m.index()].set(m.initialState());
        }
    }

    public void stepTaken() {
        steps++;
    }

    /** Steps of a fixed chain (a replay) that ran. */
    public void stepsTaken(long n) {
        steps += n;
    }

    /** A property the suite checked ({@code invariant NeverFive}). */
    public void checked(String property) {
        checked.add(property);
    }

    public void merge(Coverage other) {
        if (!fingerprint(info).equals(fingerprint(other.info))) {
            throw new IllegalArgumentException("coverage of two different models");
        }
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] += other.transitions[i];
            guardTrue[i] += other.guardTrue[i];
            guardFalse[i] += other.guardFalse[i];
        }
        for (int i = 0; i < states.length; i++) {
            states[i].or(other.states[i]);
        }
        for (int m = 0; m < observations.length; m++) {
            for (int o = 0; o < observations[m].length; o++) {
                observations[m][o] += other.observations[m][o];
            }
        }
        checked.addAll(other.checked);
        chains += other.chains;
        steps += other.steps;
    }

    // ------------------------------------------------------------------ figures

    public long chains() {
        return chains;
    }

    public long steps() {
        return steps;
    }

    public long taken(int transition) {
        return transitions[transition];
    }

    public boolean covered(int transition) {
        return transitions[transition] > 0;
    }

    /** Transitions never taken, minus those the spec marks {@code @unreachable}. */
    public List<ModelInfo.Transition> missing() {
        List<ModelInfo.Transition> out = new ArrayList<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (!covered(t.id()) && t.unreachableReason() == null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Transitions marked {@code @unreachable} that chains took anyway (the mark is wrong). */
    public List<ModelInfo.Transition> wronglyUnreachable() {
        List<ModelInfo.Transition> out = new ArrayList<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (covered(t.id()) && t.unreachableReason() != null) {
                out.add(t);
            }
        }
        return out;
    }

    public int transitionsCovered() {
        int n = 0;
        for (long c : transitions) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }

    /** Guard outcomes: two per guarded transition (true and false). */
    public int guardOutcomes() {
        int n = 0;
        for (ModelInfo.Transition t : info.transitions()) {
            n += t.guarded() ? 2 : 0;
        }
        return n;
    }

    public int guardOutcomesSeen() {
        int n = 0;
        for (ModelInfo.Transition t : info.transitions()) {
            if (t.guarded()) {
                n += (guardTrue[t.id()] > 0 ? 1 : 0) + (guardFalse[t.id()] > 0 ? 1 : 0);
            }
        }
        return n;
    }

    public int statesTotal() {
        return info.machines().stream().mapToInt(m -> m.states().size()).sum();
    }

    public int statesSeen() {
        int n = 0;
        for (BitSet b : states) {
            n += b.cardinality();
        }
        return n;
    }

    public List<String> statesMissing() {
        List<String> out = new ArrayList<>();
        for (ModelInfo.Machine m : info.machines()) {
            for (int s = 0; s < m.states().size(); s++) {
                if (!states[m.index()].get(s)) {
                    out.add(m.name() + "." + m.states().get(s));
                }
            }
        }
        return out;
    }

    public Set<String> checkedProperties() {
        return new TreeSet<>(checked);
    }

    /**
     * Requirement ids exercised: those cited by the transitions taken, their events and machines,
     * the monitors that observed something, and the invariants and monitors checked.
     */
    public Set<String> requirements() {
        Set<String> out = new TreeSet<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (covered(t.id())) {
                out.addAll(t.requirements());
                out.addAll(info.events().get(t.event()).requirements());
                out.addAll(info.machines().get(t.machine()).requirements());
            }
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            boolean observed = false;
            for (long c : observations[m.index()]) {
                observed |= c > 0;
            }
            if (observed || checked.contains("monitor " + m.name())) {
                out.addAll(m.requirements());
            }
        }
        for (ModelInfo.Invariant i : info.invariants()) {
            if (checked.contains("invariant " + i.name())) {
                out.addAll(i.requirements());
            }
        }
        return out;
    }

    /** Identifies a model's shape: coverage of one model only merges with coverage of the same. */
    public static String fingerprint(ModelInfo info) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ModelInfo.Machine m : info.machines()) {
                md.update((m.name() + m.states() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (ModelInfo.Transition t : info.transitions()) {
                md.update((t.label() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (ModelInfo.Monitor m : info.monitors()) {
                md.update((m.name() + m.observations() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ files

    /** Writes this coverage for a suite: the coverage gate and the report read it. */
    public void write(Path file, String suite, String origin) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("suite\t").append(suite).append('\n');
        out.append("origin\t").append(origin).append('\n');
        out.append("model\t").append(info.name()).append('\t').append(fingerprint(info)).append('\n');
        out.append("chains\t").append(chains).append('\n');
        out.append("steps\t").append(steps).append('\n');
        for (ModelInfo.Transition t : info.transitions()) {
            out.append("transition\t").append(t.id()).append('\t').append(transitions[t.id()]).append('\t')
                    .append(guardTrue[t.id()]).append('\t').append(guardFalse[t.id()]).append('\n');
        }
        for (ModelInfo.Machine m : info.machines()) {
            for (int s = states[m.index()].nextSetBit(0); s >= 0; s = states[m.index()].nextSetBit(s + 1)) {
                out.append("state\t").append(m.index()).append('\t').append(s).append('\n');
            }
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            for (int o = 0; o < observations[m.index()].length; o++) {
                out.append("observation\t").append(m.index()).append('\t').append(o).append('\t')
                        .append(observations[m.index()][o]).append('\n');
            }
        }
        for (String c : checked) {
            out.append("checked\t").append(c).append('\n');
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Who wrote a coverage file: the suite, the model's origin and its fingerprint. */
    public record Header(String suite, String origin, String fingerprint) {
    }

    public static Header header(Path file) throws IOException {
        String suite = null;
        String origin = null;
        String fingerprint = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "suite" -> suite = f[1];
                case "origin" -> origin = f[1];
                case "model" -> fingerprint = f[2];
                default -> {
                }
            }
        }
        if (suite == null || origin == null || fingerprint == null) {
            throw new IOException(file + ": not a coverage file");
        }
        return new Header(suite, origin, fingerprint);
    }

    /** Reads a coverage file written for this model into a fresh coverage. */
    public static Coverage read(Path file, ModelInfo info) throws IOException {
        Coverage c = new Coverage(info);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "model" -> {
                    if (!f[2].equals(fingerprint(info))) {
                        throw new IOException(file + ": coverage of another model");
                    }
                }
                case "chains" -> c.chains = Long.parseLong(f[1]);
                case "steps" -> c.steps = Long.parseLong(f[1]);
                case "transition" -> {
                    int t = Integer.parseInt(f[1]);
                    c.transitions[t] = Long.parseLong(f[2]);
                    c.guardTrue[t] = Long.parseLong(f[3]);
                    c.guardFalse[t] = Long.parseLong(f[4]);
                }
                case "state" -> c.states[Integer.parseInt(f[1])].set(Integer.parseInt(f[2]));
                case "observation" -> c.observations[Integer.parseInt(f[1])][Integer.parseInt(f[2])] =
                        Long.parseLong(f[3]);
                case "checked" -> c.checked.add(f[1]);
                default -> {
                }
            }
        }
        return c;
    }
}
