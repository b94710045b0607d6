package dev.inkan.runtime.model;

import java.util.List;

/**
 * The part of every generated model that does not depend on the spec: the state layout, the
 * step loop with its queue of emitted events, monitor dispatch, invariants and symmetry. The
 * generated subclass supplies guards, effects and observations as straight-line Java.
 *
 * <p>Layout: machines first, then monitors. An instance of a machine holds its state index
 * followed by its variables, one byte each: ints are stored minus their low bound, optional
 * values plus one (0 is none), the rest as they are.
 */
public abstract class GeneratedModel implements Model {
    /** Most emitted events one step may process before it is called a loop. */
    public static final int EMIT_LIMIT = 64;

    protected final ModelInfo info;
    protected final int[] sizes;
    private final int[] machineBase;
    private final int[] machineStride;
    private final int[] machineCount;
    private final int[] monitorBase;
    private final int[] monitorStride;
    private final int[] monitorCount;
    private final int stateSize;

    private final int[] queue = new int[EMIT_LIMIT * 8];
    private final int[][] queueArgs = new int[EMIT_LIMIT][];
    private int queueHead;
    private int queueTail;
    private StepObserver observer = StepObserver.NONE;
    /** Set by {@link #loopTaken}: the transition just fired provably changes nothing. */
    private boolean loopTaken;
    /** Whether the last step was one transition that provably changes nothing (see {@link #unchanged}). */
    private boolean unchanged;
    /** Whether the current observer overrides {@code guard} / {@code observation} (calls to no-ops are skipped). */
    private boolean seesGuards;
    private boolean seesObservations;
    /** The last observer class stepped with, and what it overrides. */
    private Class<?> seenClass;
    private boolean[] seen;

    /** Per observer class: [overrides guard, overrides observation]. */
    private static final ClassValue<boolean[]> OVERRIDES = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> c) {
            return new boolean[] {overrides(c, "guard", int.class, boolean.class),
                    overrides(c, "observation", int.class, int.class, int.class)};
        }
    };

    private static boolean overrides(Class<?> c, String name, Class<?>... params) {
        try {
            return c.getMethod(name, params).getDeclaringClass() != StepObserver.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /** Thrown inside a step to stop it at a violation. */
    protected static final class Violation extends RuntimeException {
        final Outcome outcome;

        Violation(Outcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** Per event: its machine, and whether it is internal (read on every step, so kept in arrays). */
    private final int[] eventMachine;
    private final boolean[] eventInternal;

    protected GeneratedModel(ModelInfo info, int[] sizes) {
        this.info = info;
        if (sizes.length != info.domains().size()) {
            throw new IllegalArgumentException("expected " + info.domains().size() + " domain sizes");
        }
        for (int s : sizes) {
            if (s < 1 || s > 8) {
                throw new IllegalArgumentException("domain sizes range from 1 to 8");
            }
        }
        this.sizes = sizes.clone();
        int n = info.machines().size();
        machineBase = new int[n];
        machineStride = new int[n];
        machineCount = new int[n];
        int offset = 0;
        for (ModelInfo.Machine m : info.machines()) {
            machineBase[m.index()] = offset;
            machineStride[m.index()] = 1 + m.vars().size();
            machineCount[m.index()] = count(m.params());
            offset += machineStride[m.index()] * machineCount[m.index()];
        }
        int k = info.monitors().size();
        monitorBase = new int[k];
        monitorStride = new int[k];
        monitorCount = new int[k];
        for (ModelInfo.Monitor m : info.monitors()) {
            monitorBase[m.index()] = offset;
            monitorStride[m.index()] = 1 + m.vars().size();
            monitorCount[m.index()] = count(m.params());
            offset += monitorStride[m.index()] * monitorCount[m.index()];
        }
        stateSize = offset;
        int events = info.events().size();
        eventMachine = new int[events];
        eventInternal = new boolean[events];
        for (int e = 0; e < events; e++) {
            eventMachine[e] = info.events().get(e).machine();
            eventInternal[e] = info.events().get(e).internal();
        }
    }

    private int count(List<ModelInfo.Param> params) {
        int c = 1;
        for (ModelInfo.Param p : params) {
            c *= p.type().cardinality(sizes);
        }
        return c;
    }

    // ------------------------------------------------------------------ what the subclass supplies

    /** Runs the transition of {@code event} enabled on the instance; its id, or -1 when none is. */
    protected abstract int fire(byte[] s, int machine, int instance, int event, int[] args);

    /** Reports the enabled external events of one instance. */
    protected abstract void enabledOf(byte[] s, int machine, int instance, ActionSink sink);

    /** Shows a transition taken by a machine instance to every monitor. */
    protected abstract void observe(byte[] s, int machine, int instance, int event, int[] args);

    /** Whether the machine ignores an emitted event in a state. */
    protected abstract boolean ignored(int machine, int state, int event);

    /** Writes the initial values of every variable (states are all initial already). */
    protected abstract void initialize(byte[] s);

    @Override
    public abstract boolean invariantHolds(int invariant, byte[] state);

    // ------------------------------------------------------------------ helpers for generated code (public: the generated
    // machine classes live in another package)

    public final int size(int domain) {
        return sizes[domain];
    }

    public final int machineBase(int machine) {
        return machineBase[machine];
    }

    public final int base(int machine, int instance) {
        return machineBase[machine] + instance * machineStride[machine];
    }

    public final int monitorSlot(int monitor, int instance) {
        return monitorBase[monitor] + instance * monitorStride[monitor];
    }

    /** Reads a slot as an unsigned value. */
    public static int raw(byte[] s, int slot) {
        return s[slot] & 0xFF;
    }

    /** Stores an int variable, checking its range (a violation when outside). */
    public static void setInt(byte[] s, int slot, int value, int lo, int hi, String name) {
        if (value < lo || value > hi) {
            throw new Violation(new Outcome(Outcome.Kind.OUT_OF_RANGE,
                    name + " = " + value + " is outside " + lo + ".." + hi));
        }
        s[slot] = (byte) (value - lo);
    }

    /** Whether a small int is in a set given as a bit mask ({@code none}, -1, never is). */
    public static boolean in(int value, long mask) {
        return value >= 0 && value < 64 && ((mask >>> value) & 1L) != 0;
    }

    /** Integer division as the DSL defines it: truncating, and a violation on zero. */
    public static int div(int a, int b) {
        if (b == 0) {
            throw new Violation(new Outcome(Outcome.Kind.OUT_OF_RANGE, "division by zero"));
        }
        return a / b;
    }

    public static int mod(int a, int b) {
        if (b == 0) {
            throw new Violation(new Outcome(Outcome.Kind.OUT_OF_RANGE, "division by zero"));
        }
        return a % b;
    }

    /** Queues an emitted event for a machine instance. */
    public final void emit(int machine, int instance, int event, int... args) {
        if (queueTail - queueHead >= EMIT_LIMIT || queueTail >= EMIT_LIMIT) {
            throw new Violation(new Outcome(Outcome.Kind.EMIT_LOOP,
                    "more than " + EMIT_LIMIT + " emitted events in one step"));
        }
        int at = queueTail++;
        queue[at * 3] = machine;
        queue[at * 3 + 1] = instance;
        queue[at * 3 + 2] = event;
        queueArgs[at] = args;
    }

    /** A monitor's {@code fail "message"}. */
    public final void fail(String monitor, int instance, String message) {
        throw new Violation(new Outcome(Outcome.Kind.MONITOR_FAILED, monitor + describeMonitorInstance(
                monitor, instance) + ": " + message));
    }

    private String describeMonitorInstance(String monitor, int instance) {
        for (ModelInfo.Monitor m : info.monitors()) {
            if (m.name().equals(monitor) && !m.params().isEmpty()) {
                return format(m.params(), decode(m.params(), instance));
            }
        }
        return "";
    }

    /** Tells observers a transition ran (the generated fire methods call it). */
    public final void transitionTaken(int transition, int instance, int fromState, int[] args) {
        observer.transition(transition, instance, fromState, args);
    }

    /**
     * Tells observers a transition ran that provably changes nothing: no effect, no emit, its
     * only source is its target, and no monitor observes its event (the generator knows which).
     */
    public final void loopTaken(int transition, int instance, int fromState, int[] args) {
        loopTaken = true;
        observer.transition(transition, instance, fromState, args);
    }

    public final void observationTaken(int monitor, int instance, int observation) {
        if (seesObservations) {
            observer.observation(monitor, instance, observation);
        }
    }

    /** Tells observers how a guard came out when its transition's source state matched. */
    public final boolean guardEvaluated(int transition, boolean outcome) {
        if (seesGuards) {
            observer.guard(transition, outcome);
        }
        return outcome;
    }

    // ------------------------------------------------------------------ Model

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int[] domainSizes() {
        return sizes.clone();
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    @Override
    public byte[] initialState() {
        byte[] s = new byte[stateSize];
        for (ModelInfo.Machine m : info.machines()) {
            for (int i = 0; i < machineCount[m.index()]; i++) {
                s[base(m.index(), i)] = (byte) m.initialState();
            }
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            for (int i = 0; i < monitorCount[m.index()]; i++) {
                s[monitorSlot(m.index(), i)] = (byte) m.initialState();
            }
        }
        initialize(s);
        return s;
    }

    @Override
    public void enabled(byte[] state, ActionSink sink) {
        for (int m = 0; m < machineCount.length; m++) {
            for (int i = 0; i < machineCount[m]; i++) {
                enabledOf(state, m, i, sink);
            }
        }
    }

    @Override
    public Outcome step(byte[] state, Action action, StepObserver obs) {
        return step(state, action.event(), action.instance(), action.args(), obs);
    }

    @Override
    public Outcome step(byte[] state, int event, int instance, int[] args, StepObserver obs) {
        unchanged = false;
        if (eventInternal[event]) {
            return new Outcome(Outcome.Kind.NOT_ENABLED, "internal event "
                    + describe(new Action(event, instance, args)) + " cannot be chosen");
        }
        observer = obs == null ? StepObserver.NONE : obs;
        if (observer.getClass() != seenClass) {
            seenClass = observer.getClass();
            seen = OVERRIDES.get(seenClass);
        }
        seesGuards = seen[0];
        seesObservations = seen[1];
        queueHead = 0;
        queueTail = 0;
        loopTaken = false;
        try {
            int machineOfEvent = eventMachine[event];
            if (fire(state, machineOfEvent, instance, event, args) < 0) {
                return new Outcome(Outcome.Kind.NOT_ENABLED, describe(new Action(event, instance, args))
                        + " is not enabled");
            }
            if (loopTaken) {
                // nothing written, nothing emitted, no monitor to show it to
                unchanged = true;
                return Outcome.OK;
            }
            observe(state, machineOfEvent, instance, event, args);
            while (queueHead < queueTail) {
                int at = queueHead++;
                int machine = queue[at * 3];
                int target = queue[at * 3 + 1];
                int emitted = queue[at * 3 + 2];
                int[] qargs = queueArgs[at];
                queueArgs[at] = null;
                int from = raw(state, base(machine, target));
                if (fire(state, machine, target, emitted, qargs) >= 0) {
                    observe(state, machine, target, emitted, qargs);
                } else if (!ignored(machine, from, emitted)) {
                    ModelInfo.Machine md = info.machines().get(machine);
                    return new Outcome(Outcome.Kind.UNHANDLED_EVENT, "emitted event "
                            + describe(new Action(emitted, target, qargs)) + " is not handled in state "
                            + md.states().get(from));
                }
            }
            return Outcome.OK;
        } catch (Violation v) {
            return v.outcome;
        } finally {
            observer = StepObserver.NONE;
            seesGuards = false;
            seesObservations = false;
            if (queueTail > 0) {
                java.util.Arrays.fill(queueArgs, 0, Math.min(queueTail, EMIT_LIMIT), null);
            }
        }
    }

    @Override
    public boolean unchanged() {
        return unchanged;
    }

    @Override
    public int instanceCount(int machine) {
        return machineCount[machine];
    }

    @Override
    public int monitorInstanceCount(int monitor) {
        return monitorCount[monitor];
    }

    @Override
    public int[] instanceParams(int machine, int instance) {
        return decode(info.machines().get(machine).params(), instance);
    }

    @Override
    public int instanceOf(int machine, int... params) {
        return encode(info.machines().get(machine).params(), params);
    }

    /** Mixed-radix decoding of an instance index into parameter values. */
    public int[] decode(List<ModelInfo.Param> params, int instance) {
        int[] out = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            ValueType t = params.get(i).type();
            int card = t.cardinality(sizes);
            out[i] = instance % card + t.first();
            instance /= card;
        }
        return out;
    }

    public int encode(List<ModelInfo.Param> params, int[] values) {
        int index = 0;
        for (int i = 0; i < params.size(); i++) {
            ValueType t = params.get(i).type();
            index = index * t.cardinality(sizes) + (values[i] - t.first());
        }
        return index;
    }

    @Override
    public int machineState(byte[] state, int machine, int instance) {
        return raw(state, base(machine, instance));
    }

    @Override
    public int machineVar(byte[] state, int machine, int instance, int var) {
        ValueType t = info.machines().get(machine).vars().get(var).type();
        return decodeValue(t, raw(state, base(machine, instance) + 1 + var));
    }

    @Override
    public int monitorState(byte[] state, int monitor, int instance) {
        return raw(state, monitorSlot(monitor, instance));
    }

    @Override
    public boolean hot(byte[] state, int monitor, int instance) {
        return info.monitors().get(monitor).hot().get(monitorState(state, monitor, instance));
    }

    @Override
    public int violatedInvariant(byte[] state) {
        for (int i = 0; i < info.invariants().size(); i++) {
            if (!invariantHolds(i, state)) {
                return i;
            }
        }
        return -1;
    }

    private static int decodeValue(ValueType t, int raw) {
        if (t.optional()) {
            return raw - 1;
        }
        return t.kind() == ValueType.Kind.INT ? raw + t.lo() : raw;
    }

    private static int encodeValue(ValueType t, int value) {
        if (t.optional()) {
            return value + 1;
        }
        return t.kind() == ValueType.Kind.INT ? value - t.lo() : value;
    }

    // ------------------------------------------------------------------ symmetry

    @Override
    public void permute(byte[] state, int domain, int[] perm, byte[] out) {
        for (ModelInfo.Machine m : info.machines()) {
            permuteBlock(state, out, m.params(), m.vars(), machineBase[m.index()], machineStride[m.index()],
                    machineCount[m.index()], domain, perm);
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            permuteBlock(state, out, m.params(), m.vars(), monitorBase[m.index()], monitorStride[m.index()],
                    monitorCount[m.index()], domain, perm);
        }
    }

    private void permuteBlock(byte[] in, byte[] out, List<ModelInfo.Param> params, List<ModelInfo.Param> vars,
                              int blockBase, int stride, int count, int domain, int[] perm) {
        int[] values = new int[params.size()];
        for (int i = 0; i < count; i++) {
            int[] p = decode(params, i);
            for (int k = 0; k < p.length; k++) {
                ValueType t = params.get(k).type();
                values[k] = t.kind() == ValueType.Kind.DOMAIN && t.domain() == domain && p[k] >= 0 ? perm[p[k]] : p[k];
            }
            int from = blockBase + i * stride;
            int to = blockBase + encode(params, values) * stride;
            out[to] = in[from];
            for (int v = 0; v < vars.size(); v++) {
                ValueType t = vars.get(v).type();
                int raw = in[from + 1 + v] & 0xFF;
                if (t.kind() == ValueType.Kind.DOMAIN && t.domain() == domain) {
                    int value = decodeValue(t, raw);
                    raw = encodeValue(t, value >= 0 ? perm[value] : value);
                }
                out[to + 1 + v] = (byte) raw;
            }
        }
    }

    // ------------------------------------------------------------------ printing

    /** {@code Machine(p1, Sign).event(true)}, for traces and messages. */
    public String describe(Action a) {
        ModelInfo.Event e = info.events().get(a.event());
        ModelInfo.Machine m = info.machines().get(e.machine());
        return m.name() + format(m.params(), instanceParams(m.index(), a.instance())) + "." + e.name()
                + format(e.params(), a.args());
    }

    public String describeInstance(int machine, int instance) {
        ModelInfo.Machine m = info.machines().get(machine);
        return m.name() + (m.params().isEmpty() ? "" : format(m.params(), instanceParams(machine, instance)));
    }

    private static String format(List<ModelInfo.Param> params, int[] values) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? ", " : "").append(params.get(i).type().format(values[i]));
        }
        return s.append(')').toString();
    }
}
