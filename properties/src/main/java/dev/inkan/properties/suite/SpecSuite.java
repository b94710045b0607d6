package dev.inkan.properties.suite;

import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.adapter.Implementations;
import dev.inkan.properties.chain.ChainConfig;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.Execution;
import dev.inkan.properties.chain.Failure;
import dev.inkan.properties.chain.FailureFile;
import dev.inkan.properties.chain.Property;
import dev.inkan.properties.chain.RandomChains;
import dev.inkan.properties.chain.Replay;
import dev.inkan.properties.chain.Shrinker;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.properties.coverage.Coverage;
import dev.inkan.properties.explore.Counterexample;
import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.properties.protocol.DeepStates;
import dev.inkan.properties.protocol.Fired;
import dev.inkan.properties.protocol.ProtocolReplayer;
import dev.inkan.properties.protocol.ProtocolSequence;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * What the generated suites call: one object per suite class, naming the suite and the model,
 * with one method per kind of check. The suites stay thin (names and data); the work happens
 * here, against the runtime's {@code Model} API only.
 *
 * <pre>
 * class NeverFiveInvariantSuite {
 *     private static final SpecSuite SUITE = SpecSuite.of("NeverFiveInvariantSuite", SpecModel.class,
 *             Protocols.SEQUENCES);
 *
 *     &#64;Test
 *     void holdsOnRandomChains() {
 *         SUITE.invariantOnRandomChains("NeverFive");
 *     }
 * }
 * </pre>
 *
 * A failure throws an {@link AssertionFailedError} whose message is the shrunk, numbered trace,
 * and writes a failure file that replays it ({@code -Dinkan.replay=FILE}).
 */
public final class SpecSuite {
    private final String name;
    private final ModelSource source;
    private final SuiteConfig config;
    private final Supplier<Implementation> implementations;
    private final String implementationName;
    private final int[] sizes;
    private final Coverage coverage;
    private final List<ProtocolSequence> protocols;

    private SpecSuite(String name, ModelSource source, SuiteConfig config, Supplier<Implementation> implementations,
                      List<ProtocolSequence> protocols) {
        this.name = name;
        this.protocols = List.copyOf(protocols);
        this.source = source;
        this.config = config;
        this.implementations = implementations;
        try (Implementation probe = implementations.get()) {
            this.implementationName = probe.name();
        }
        String system = config.system() == null || config.system().isBlank() ? source.defaultSystem()
                : config.system();
        this.sizes = source.withBounds(source.sizes(system), config.bounds());
        this.coverage = new Coverage(source.info());
    }

    /**
     * The suite of a generated model class, configured from system properties; {@code protocols}
     * are every sequence of model events the spec's protocols fire (the generated
     * {@code Protocols.SEQUENCES}): protocol suites replay theirs, and all of them lead chains and
     * searches to the deep states the flows reach.
     */
    public static SpecSuite of(String name, Class<? extends Model> modelClass, List<ProtocolSequence> protocols) {
        return of(name, ModelSource.ofClass(modelClass), protocols);
    }

    public static SpecSuite of(String name, ModelSource source, List<ProtocolSequence> protocols) {
        return new SpecSuite(name, source, SuiteConfig.fromSystemProperties(),
                Implementations.fromSystemProperties(source.info()), protocols);
    }

    public SpecSuite with(SuiteConfig c) {
        return new SpecSuite(name, source, c, implementations, protocols);
    }

    public SpecSuite with(Supplier<Implementation> impls) {
        return new SpecSuite(name, source, config, impls, protocols);
    }

    public String name() {
        return name;
    }

    public ModelSource source() {
        return source;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public Coverage coverage() {
        return coverage;
    }

    // ------------------------------------------------------------------ invariants

    /** Random chains never reach a state where the invariant does not hold. */
    public void invariantOnRandomChains(String invariant) {
        ModelInfo.Invariant inv = invariant(invariant);
        coverage.checked(Property.invariant(invariant).toString());
        chains(Checks.invariant(inv.index()), "invariant." + invariant);
    }

    /** No explored state breaks the invariant. */
    public void invariantExhaustively(String invariant) {
        invariant(invariant);
        coverage.checked(Property.invariant(invariant).toString());
        exhaustive(Property.invariant(invariant));
    }

    // ------------------------------------------------------------------ monitors

    /** Random chains never make the monitor fail. */
    public void monitorOnRandomChains(String monitor) {
        ModelInfo.Monitor m = monitor(monitor);
        coverage.checked(Property.monitor(monitor).toString());
        chains(Checks.monitor(m.index()), "monitor." + monitor);
    }

    /** No explored step makes the monitor fail. */
    public void monitorExhaustively(String monitor) {
        monitor(monitor);
        coverage.checked(Property.monitor(monitor).toString());
        exhaustive(Property.monitor(monitor));
    }

    /** From every explored state where an instance of the monitor is hot, a state where it is not stays reachable. */
    public void monitorHotStatesAreLeft(String monitor) {
        ModelInfo.Monitor m = monitor(monitor);
        if (!m.hot().contains(Boolean.TRUE)) {
            throw new AssertionFailedError(name + ": monitor " + monitor + " has no hot state any more; the "
                    + "generated suite is stale, run ./inkan spec generate");
        }
        coverage.checked(Property.liveness(monitor).toString());
        exhaustive(Property.liveness(monitor));
    }

    // ------------------------------------------------------------------ machines

    /** Random chains: the step semantics hold and the implementation does what the model does. */
    public void machineConforms(String machine) {
        source.info().machine(machine);
        chains(Checks.conformance(), "machine." + machine);
    }

    /**
     * Every transition of the machine is taken by a chain that also runs on the implementation:
     * random chains first, then, for each transition they missed, a shortest chain to it found
     * in the explored states. Transitions marked {@code @unreachable} are exempt, and must
     * indeed never be taken.
     */
    public void machineTransitionsCovered(String machine, List<String> transitions) {
        ModelInfo info = source.info();
        ModelInfo.Machine m = info.machine(machine);
        Set<String> declared = new TreeSet<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (t.machine() == m.index()) {
                declared.add(t.label());
            }
        }
        if (!declared.equals(new TreeSet<>(transitions))) {
            throw new AssertionFailedError(name + ": the transitions of " + machine + " are " + declared
                    + ", the suite lists " + new TreeSet<>(transitions) + "; the generated suite is stale, run "
                    + "./inkan spec generate");
        }
        Coverage own = new Coverage(info);
        chains(Checks.conformance(), "transitions." + machine, own);
        List<ModelInfo.Transition> missing = new ArrayList<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (t.machine() == m.index() && !own.covered(t.id())) {
                missing.add(t);
            }
        }
        Exploration ex = null;
        int directed = 0;
        if (!missing.isEmpty()) {
            ex = SharedExplorations.get(source, sizes, config);
            DeepStates deep = null;
            for (ModelInfo.Transition t : missing) {
                if (own.covered(t.id())) {
                    continue;
                }
                List<Action> chain = ex.pathTaking(t.id());
                if (chain == null) {
                    deep = deep == null ? deep() : deep;
                    chain = deep.pathTaking(t.id());
                }
                if (chain != null) {
                    directed++;
                    runDirected(chain, own, "transitions." + machine);
                }
            }
            // still missing: random chains that favour this machine's events, from the flows' states
            if (missing.stream().anyMatch(t -> !own.covered(t.id()) && t.unreachableReason() == null)) {
                ChainConfig focused = config.chains(name + ".focused." + machine).withTries(config.tries() * 5);
                for (ModelInfo.Event e : info.events()) {
                    if (e.machine() == m.index() && !e.internal()) {
                        focused = focused.withWeight(machine + "." + e.name(), Math.max(1, e.weight()) * 10);
                    }
                }
                Model model = source.create(sizes);
                List<List<Action>> starts = protocols.isEmpty() ? List.of() : deep().protocolEnds();
                RandomChains.Result r;
                try (Implementation impl = implementations.get()) {
                    r = new RandomChains(model, impl, Checks.conformance(), focused, own, starts).run();
                }
                if (r.failure() != null) {
                    fail(model, "transitions." + machine, r.failure(), "random chains favouring " + machine);
                }
            }
        }
        coverage.merge(own);
        writeCoverage();
        List<String> problems = new ArrayList<>();
        for (ModelInfo.Transition t : info.transitions()) {
            if (t.machine() != m.index()) {
                continue;
            }
            if (!own.covered(t.id()) && t.unreachableReason() == null) {
                problems.add("never taken: " + t.label() + " at " + t.location());
            } else if (own.covered(t.id()) && t.unreachableReason() != null) {
                problems.add("marked @unreachable (\"" + t.unreachableReason() + "\") but taken: " + t.label() + " at "
                        + t.location());
            }
        }
        if (!problems.isEmpty()) {
            String bounds = ex == null ? "" : " (searched " + ex.stateCount() + " states of " + source.describeSizes(sizes)
                    + (ex.complete() ? ", all reachable ones" : ", stopped: " + ex.stopReason()) + ")";
            throw new AssertionFailedError(name + ": transitions of " + machine + " not exercised as the spec says"
                    + bounds + ":\n  " + String.join("\n  ", problems));
        }
        int random = 0;
        int exempt = 0;
        for (ModelInfo.Transition t : info.transitions()) {
            if (t.machine() == m.index()) {
                random += missing.contains(t) ? 0 : 1;
                exempt += t.unreachableReason() != null ? 1 : 0;
            }
        }
        System.out.printf("%s: the %d transitions of %s are exercised as the spec says (%d by random chains, %d by "
                + "directed chains, %d unreachable by design)%n", name, declared.size(), machine, random, directed,
                exempt);
    }

    /** Runs a directed chain on the model and the implementation, recording coverage; a failure is shrunk and reported. */
    private void runDirected(List<Action> chain, Coverage own, String test) {
        Model model = source.create(sizes);
        try (Implementation impl = implementations.get()) {
            own.chainStarted();
            Replay.Result r = Replay.run(new Execution(model, impl, Checks.conformance(), own), chain);
            own.stepsTaken(r.step() < 0 ? 0 : Math.min(chain.size(), r.step() + 1));
            if (r.failed()) {
                Shrinker shrinker = new Shrinker(new Execution(model, impl, Checks.conformance(), null),
                        r.violation().property(), RandomChains.SHRINK_REPLAYS);
                List<Action> shrunk = shrinker.shrink(chain);
                Replay.Result again = Replay.run(new Execution(model, impl, Checks.conformance(), null), shrunk);
                fail(model, test, new Failure(again.violation(), chain, shrunk, 0, 0, chain.size(), 0, 0,
                        shrinker.replays()), "a directed chain to a transition random chains missed");
            }
        }
    }

    private DeepStates deep() {
        return SharedExplorations.deep(source, sizes, config, protocols);
    }

    // ------------------------------------------------------------------ protocols

    /**
     * The events one sequence of a protocol fires replay in the model from a reachable state
     * (found by search, the shortest way first), each enabled at its turn, every invariant
     * holding; the whole chain then runs on the implementation too.
     */
    public void protocolReplays(String protocol, String sequence) {
        ProtocolSequence seq = protocols.stream().filter(p -> p.protocol().equals(protocol)
                && p.label().equals(sequence)).findFirst().orElseThrow(() -> new AssertionFailedError(name
                + ": no sequence \"" + sequence + "\" of protocol " + protocol + " among the " + protocols.size()
                + " the suite was given; the generated suites are stale, run ./inkan spec generate"));
        protocolReplays(protocol, sequence, seq.events());
    }

    /** {@link #protocolReplays(String, String)} with the events given. */
    public void protocolReplays(String protocol, String sequence, List<Fired> events) {
        Model model = source.create(sizes);
        ProtocolReplayer replayer;
        try {
            replayer = new ProtocolReplayer(model, events);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError(name + ": protocol " + protocol + " (" + sequence + "): " + e.getMessage());
        }
        Exploration ex = SharedExplorations.get(source, sizes, config);
        ProtocolReplayer.Result r = replayer.search(ex, config.protocolStates(), protocols.isEmpty() ? null : deep());
        String what = "protocol " + protocol + " (" + sequence + ")";
        if (r.violated() != null) {
            throw new AssertionFailedError(name + ": replaying " + what + " from a reachable state fails "
                    + r.violated() + ": " + r.message() + "\n" + TracePrinter.print(model, r.violationTrace(), -1)
                    + written(model, "protocol", r.violated(), r.violationTrace(), List.of(what)));
        }
        if (r.found() == null) {
            throw new AssertionFailedError(name + ": " + what + " does not replay in the model: no start among "
                    + r.statesSearched() + " reachable states (" + source.describeSizes(sizes) + (ex.complete()
                    ? ", all of them" : ", exploration stopped: " + ex.stopReason()) + (protocols.isEmpty() ? ""
                    : ", and the states reached through the spec's protocols") + ") lets its events " + events
                    + " run in turn; furthest: " + r.furthest());
        }
        List<Action> chain = r.found().chain();
        try (Implementation impl = implementations.get()) {
            Execution exec = new Execution(model, impl, Checks.all(source.info()), coverage);
            coverage.chainStarted();
            Replay.Result run = Replay.run(exec, chain);
            coverage.stepsTaken(run.step() < 0 ? 0 : Math.min(chain.size(), run.step() + 1));
            writeCoverage();
            if (run.status() != dev.inkan.properties.chain.Execution.Status.OK) {
                String why = run.violation() == null ? run.status().toString()
                        : run.violation().property() + ": " + run.violation().message();
                throw new AssertionFailedError(name + ": " + what + " replays in the model but the chain fails on "
                        + impl.name() + ": " + why + "\n" + TracePrinter.print(model, chain, -1)
                        + written(model, "protocol", run.violation() == null ? null : run.violation().property(),
                        chain, List.of(what)));
            }
        }
        System.out.printf("%s: %s replays with %s after %d step(s) to reach its start, %d event(s)%n", name, what,
                r.found().binding(), r.found().prefix(), chain.size() - r.found().prefix());
    }

    // ------------------------------------------------------------------ shared

    private void chains(Checks checks, String test) {
        chains(checks, test, coverage);
        writeCoverage();
    }

    private void chains(Checks checks, String test, Coverage into) {
        Model model = source.create(sizes);
        ChainConfig cc = config.chains(name + "." + test);
        RandomChains.Result r;
        List<List<Action>> starts = protocols.isEmpty() ? List.of() : deep().protocolEnds();
        try (Implementation impl = implementations.get()) {
            r = new RandomChains(model, impl, checks, cc, into, starts).run();
        }
        if (r.failure() != null) {
            writeCoverage();
            fail(model, test, r.failure(), "random chains (" + r.chains() + " run, " + cc.tries() + " allowed, "
                    + cc.length() + " steps each)");
        }
        System.out.printf("%s %s: %d chains, %d steps, %.2f s, no failure%n", name, test, r.chains(), r.steps(),
                r.nanos() / 1e9);
    }

    private void exhaustive(Property p) {
        Exploration ex = SharedExplorations.get(source, sizes, config);
        Counterexample c = ex.violation(p);
        String scope = String.format("%,d states, %,d transitions, depth %d of %s%s", ex.stateCount(),
                ex.transitions(), ex.depth(), source.describeSizes(sizes), ex.complete() ? ", complete"
                        : ", stopped: " + ex.stopReason());
        if (c != null) {
            Model model = source.create(sizes);
            throw new AssertionFailedError(name + ": " + p + " fails; shortest counterexample found by exhaustive "
                    + "exploration (" + scope + "), " + c.trace().size() + " step(s):\n"
                    + TracePrinter.print(model, c.trace(), c.loopFrom()) + c.message() + "\n"
                    + written(model, "exhaustive", c.lasso() ? null : p, c.trace(), List.of(c.message())));
        }
        System.out.printf("%s: %s holds in every explored state (%s)%n", name, p, scope);
    }

    private void fail(Model model, String test, Failure f, String how) {
        String header = String.format("%s: %s fails after %d step(s) (%s; found by chain %d after %d steps in %.2f s, "
                        + "chain seed %s; shrunk from %d steps with %d replays in %.2f s):%n", name, f.property(),
                f.shrunk().size(), how, f.chainIndex() + 1, f.stepsToFind(), f.nanosToFind() / 1e9,
                ChainConfig.formatSeed(f.seed()), f.found().size(), f.shrinkReplays(), f.nanosToShrink() / 1e9);
        String trace = TracePrinter.print(model, f.shrunk(), -1);
        String reason = f.violation().message() + "\n";
        throw new AssertionFailedError(header + trace + reason + written(model, test, f.property(), f.shrunk(),
                List.of(f.property() + ": " + f.violation().message(), "rerun this chain first: -Dinkan.seed="
                        + ChainConfig.formatSeed(f.seed()))));
    }

    /** Writes the failure file and says how to replay it. */
    private String written(Model model, String test, Property failed, List<Action> chain, List<String> comments) {
        Path file = config.failuresDir().resolve(name + "-" + test.replaceAll("[^A-Za-z0-9._-]", "_") + ".chain");
        String origin = source.origin().startsWith("spec ")
                ? "spec " + RepoPaths.relative(Path.of(source.origin().substring(5))) : source.origin();
        FailureFile ff = FailureFile.of(origin, source.describeSizes(sizes), implementationName, failed, model, chain,
                comments);
        try {
            ff.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "failure file: " + file.toAbsolutePath() + "\nreplay it: mvn -B -o -pl properties verify "
                + "-Dtest=RegressionsTest -Dinkan.coverage.skip=true -Dinkan.replay=" + file.toAbsolutePath()
                + "\nkeep it as a regression: copy it to properties/src/test/resources/regressions/\n";
    }

    private void writeCoverage() {
        if (config.coverageDir() == null) {
            return;
        }
        try {
            coverage.write(config.coverageDir().resolve(name + ".cov"), name, source.origin());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ModelInfo.Invariant invariant(String invariant) {
        return source.info().invariants().stream().filter(i -> i.name().equals(invariant)).findFirst().orElseThrow(
                () -> new AssertionFailedError(name + ": the model has no invariant " + invariant
                        + "; the generated suite is stale, run ./inkan spec generate"));
    }

    private ModelInfo.Monitor monitor(String monitor) {
        return source.info().monitors().stream().filter(m -> m.name().equals(monitor)).findFirst().orElseThrow(
                () -> new AssertionFailedError(name + ": the model has no monitor " + monitor
                        + "; the generated suite is stale, run ./inkan spec generate"));
    }
}
