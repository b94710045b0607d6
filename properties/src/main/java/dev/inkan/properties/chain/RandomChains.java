package dev.inkan.properties.chain;

import dev.inkan.properties.coverage.Coverage;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.properties.adapter.Implementation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dev.inkan.runtime.model.ValueType;

/**
 * Seeded random action chains. Each chain starts from the initial state; at each step it picks
 * an enabled event (by weight), then one of that event's enabled instances and parameter values
 * (uniformly), applies it to the model and the implementation and checks the properties. The
 * first failing chain is shrunk.
 */
public final class RandomChains {
    /** Most candidate replays spent on shrinking one failure. */
    public static final int SHRINK_REPLAYS = 20_000;

    /** What a run did, and its failure if one was found. */
    public record Result(int chains, long steps, long nanos, Failure failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    private final Model model;
    private final Implementation implementation;
    private final Checks checks;
    private final ChainConfig config;
    private final Coverage coverage;
    private final int[] weights;
    private final List<List<Action>> starts;
    private boolean alwaysStart;
    private double probes = Double.parseDouble(System.getProperty("inkan.probes", "0.2"));
    private List<Action> probeCandidates;
    private final java.util.Map<Long, List<Action>> probesByInstance = new java.util.HashMap<>();
    private int maxWeight = 1;

    public RandomChains(Model model, Implementation implementation, Checks checks, ChainConfig config,
                        Coverage coverage) {
        this(model, implementation, checks, config, coverage, List.of());
    }

    /**
     * With {@code starts}: half the chains (chosen by their seed) begin with one of these
     * chains, so random steps also happen deep in the flows the spec describes.
     */
    public RandomChains(Model model, Implementation implementation, Checks checks, ChainConfig config,
                        Coverage coverage, List<List<Action>> starts) {
        this.starts = List.copyOf(starts);
        this.model = model;
        this.implementation = implementation;
        this.checks = checks;
        this.config = config;
        this.coverage = coverage;
        this.weights = weights(model.info(), config);
    }

    /**
     * Every chain begins with a whole start chain (one of {@code starts}, none cut), which the
     * shrinking keeps as one macro step: for full-system runs from a prepared phone.
     */
    public RandomChains alwaysStart() {
        this.alwaysStart = true;
        return this;
    }

    /**
     * The share of steps that probe, on an implementation that is not the model alone, an action
     * the model refuses and the implementation must refuse too ({@code -Dinkan.probes}, 0.2 by
     * default; 0 never).
     */
    public RandomChains probes(double share) {
        this.probes = share;
        return this;
    }

    /** Event weights: the spec's {@code @weight}, overridden by the configuration. */
    static int[] weights(ModelInfo info, ChainConfig config) {
        int[] w = new int[info.events().size()];
        for (ModelInfo.Event e : info.events()) {
            String key = info.machines().get(e.machine()).name() + "." + e.name();
            w[e.id()] = e.internal() ? 0 : config.weights().getOrDefault(key, e.weight());
        }
        for (String key : config.weights().keySet()) {
            String[] parts = key.split("\\.", 2);
            info.event(parts[0], parts[1]);
        }
        return w;
    }

    public Result run() {
        long start = System.nanoTime();
        long deadline = start + config.budgetMillis() * 1_000_000L;
        Execution exec = new Execution(model, implementation, checks, coverage);
        ActionBuffer buffer = new ActionBuffer();
        int[] perEvent = new int[weights.length];
        long steps = 0;
        long seed = config.seed();
        int chains = 0;
        for (int k = 0; k < config.tries(); k++, seed = ChainConfig.next(seed)) {
            if (k > 0 && System.nanoTime() > deadline) {
                break;
            }
            chains++;
            SplittableRandom random = new SplittableRandom(seed);
            if (coverage != null) {
                coverage.chainStarted();
            }
            List<Action> chain = new ArrayList<>();
            Execution.StepResult r = exec.reset();
            int prefixLength = 0;
            if (!starts.isEmpty() && (alwaysStart || random.nextBoolean())) {
                List<Action> prefix = starts.get(random.nextInt(starts.size()));
                // a random cut, so the steps in the middle of the flows get random company too
                int cut = alwaysStart || random.nextBoolean() ? prefix.size()
                        : 1 + random.nextInt(Math.max(1, prefix.size()));
                List<Action> taken = prefix.subList(0, Math.min(cut, prefix.size()));
                if (r.status() == Execution.Status.OK) {
                    chain.addAll(taken);
                    r = exec.applyPrefix(taken);
                    steps += taken.size();
                    prefixLength = alwaysStart ? taken.size() : 0;
                    if (r.status() == Execution.Status.NOT_ENABLED) {
                        throw new IllegalStateException("a start chain does not replay: " + taken);
                    }
                }
            }
            for (int s = 0; s < config.length() && r.status() == Execution.Status.OK; s++) {
                buffer.fill(model, exec.state());
                Action probe = probes > 0 && !(implementation instanceof dev.inkan.properties.adapter.ModelOnly)
                        && random.nextDouble() < probes
                        ? probe(buffer, exec.state(), random, chain.isEmpty() ? null : chain.get(chain.size() - 1)) : null;
                if (probe != null) {
                    chain.add(probe);
                    r = exec.apply(probe);
                    steps++;
                    if (coverage != null) {
                        coverage.stepTaken();
                    }
                    continue;
                }
                int pick = choose(buffer, random, perEvent);
                if (pick < 0) {
                    break;
                }
                Action a = buffer.action(pick);
                chain.add(a);
                r = exec.apply(a);
                steps++;
                if (coverage != null) {
                    coverage.stepTaken();
                }
                if (r.status() == Execution.Status.NOT_ENABLED) {
                    throw new IllegalStateException("the model lists " + a + " as enabled but refuses to step it");
                }
            }
            if (r.status() == Execution.Status.VIOLATED) {
                long found = System.nanoTime();
                Execution shrinkExec = new Execution(model, implementation, checks, null);
                Shrinker shrinker = new Shrinker(shrinkExec, r.violation().property(), SHRINK_REPLAYS, prefixLength);
                List<Action> shrunk = shrinker.shrink(chain);
                Replay.Result last = Replay.run(shrinkExec, shrunk, prefixLength);
                Failure f = new Failure(last.violation(), chain, shrunk, seed, k, steps, found - start,
                        System.nanoTime() - found, shrinker.replays(), Math.min(prefixLength, shrunk.size()));
                return new Result(chains, steps, System.nanoTime() - start, f);
            }
        }
        return new Result(chains, steps, System.nanoTime() - start, null);
    }

    /**
     * An action the model does not enable in {@code state} and the implementation must refuse
     * ({@link Implementation#probes}), drawn from the external actions of events with weight (by
     * weight), half the time among those of the instance the last step acted on; null when a few
     * draws find none.
     */
    private Action probe(ActionBuffer enabled, byte[] state, SplittableRandom random, Action last) {
        if (probeCandidates == null) {
            probeCandidates = new ArrayList<>();
            ModelInfo info = model.info();
            int[] sizes = model.domainSizes();
            for (ModelInfo.Event e : info.events()) {
                if (e.internal() || weights[e.id()] == 0) {
                    continue;
                }
                maxWeight = Math.max(maxWeight, weights[e.id()]);
                int combos = 1;
                for (ModelInfo.Param p : e.params()) {
                    combos *= p.type().cardinality(sizes);
                }
                for (int inst = 0; inst < model.instanceCount(e.machine()); inst++) {
                    for (int c = 0; c < combos; c++) {
                        int[] args = new int[e.params().size()];
                        int rest = c;
                        for (int i = args.length - 1; i >= 0; i--) {
                            ValueType t = e.params().get(i).type();
                            int n = t.cardinality(sizes);
                            args[i] = t.first() + rest % n;
                            rest /= n;
                        }
                        Action a = new Action(e.id(), inst, args);
                        probeCandidates.add(a);
                        probesByInstance.computeIfAbsent(instanceKey(a), k -> new ArrayList<>()).add(a);
                    }
                }
            }
        }
        // half the time the instance the last step acted on (a lock, then the signature it forbids)
        List<Action> pool = probeCandidates;
        if (last != null && random.nextBoolean()) {
            pool = probesByInstance.getOrDefault(instanceKey(last), probeCandidates);
        }
        for (int attempt = 0; attempt < 32 && !pool.isEmpty(); attempt++) {
            Action a = pool.get(random.nextInt(pool.size()));
            if (random.nextInt(maxWeight) >= weights[a.event()]) {
                continue;
            }
            if (!isEnabled(enabled, a) && implementation.probes(model, a, state)) {
                return a;
            }
        }
        return null;
    }

    private long instanceKey(Action a) {
        return ((long) model.info().events().get(a.event()).machine() << 32) | a.instance();
    }

    private static boolean isEnabled(ActionBuffer enabled, Action a) {
        for (int i = 0; i < enabled.size(); i++) {
            if (enabled.event(i) == a.event() && enabled.action(i).equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** An enabled event by weight, then one of its actions uniformly; -1 when none has weight. */
    private int choose(ActionBuffer buffer, SplittableRandom random, int[] perEvent) {
        int n = buffer.size();
        if (n == 0) {
            return -1;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            int e = buffer.event(i);
            if (perEvent[e]++ == 0) {
                total += weights[e];
            }
        }
        int pick = -1;
        if (total > 0) {
            long r = random.nextLong(total);
            int event = -1;
            for (int i = 0; i < n && event < 0; i++) {
                int e = buffer.event(i);
                if (perEvent[e] > 0) {
                    r -= weights[e];
                    if (r < 0) {
                        event = e;
                    } else {
                        perEvent[e] = -perEvent[e];
                    }
                }
            }
            int nth = random.nextInt(Math.abs(perEvent[event]));
            for (int i = 0; i < n; i++) {
                if (buffer.event(i) == event && nth-- == 0) {
                    pick = i;
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            perEvent[buffer.event(i)] = 0;
        }
        return pick;
    }
}
