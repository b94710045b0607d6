package dev.inkan.properties.chain;

import dev.inkan.properties.coverage.Coverage;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.properties.adapter.Implementation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
            if (!starts.isEmpty() && random.nextBoolean()) {
                List<Action> prefix = starts.get(random.nextInt(starts.size()));
                // a random cut, so the steps in the middle of the flows get random company too
                int cut = random.nextBoolean() ? prefix.size() : 1 + random.nextInt(Math.max(1, prefix.size()));
                for (Action a : prefix.subList(0, Math.min(cut, prefix.size()))) {
                    if (r.status() != Execution.Status.OK) {
                        break;
                    }
                    chain.add(a);
                    r = exec.apply(a);
                    steps++;
                    if (r.status() == Execution.Status.NOT_ENABLED) {
                        throw new IllegalStateException("a start chain does not replay: " + a);
                    }
                }
            }
            for (int s = 0; s < config.length() && r.status() == Execution.Status.OK; s++) {
                buffer.fill(model, exec.state());
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
                Shrinker shrinker = new Shrinker(shrinkExec, r.violation().property(), SHRINK_REPLAYS);
                List<Action> shrunk = shrinker.shrink(chain);
                Replay.Result last = Replay.run(shrinkExec, shrunk);
                Failure f = new Failure(last.violation(), chain, shrunk, seed, k, steps, found - start,
                        System.nanoTime() - found, shrinker.replays());
                return new Result(chains, steps, System.nanoTime() - start, f);
            }
        }
        return new Result(chains, steps, System.nanoTime() - start, null);
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
