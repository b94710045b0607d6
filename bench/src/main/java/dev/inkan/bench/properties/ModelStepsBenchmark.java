package dev.inkan.bench.properties;

import dev.inkan.properties.adapter.ModelOnly;
import dev.inkan.properties.chain.ChainConfig;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.RandomChains;
import dev.inkan.properties.model.ModelCompiler;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.runtime.model.Model;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model-only steps per second of the harness's random chains: each step lists the enabled
 * actions, picks one by weight, steps the model and checks every invariant and monitor (the
 * implementation is {@code ModelOnly}). The {@code steps} counter is the figure (per second).
 * Run with {@code bench/run ModelSteps}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelStepsBenchmark {
    /** A spec directory, relative to the repository root (bench/run runs there). */
    @Param({"spec", "properties/src/test/resources/specs/clean"})
    public String specDir;

    private Model model;
    private Checks checks;
    private long seed = 1;

    /** Steps taken, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long steps;

        @Setup(Level.Iteration)
        public void clear() {
            steps = 0;
        }
    }

    @Setup
    public void setup() {
        ModelSource source = ModelCompiler.compile(Path.of(specDir));
        model = source.create(source.sizes(source.defaultSystem()));
        checks = Checks.all(source.info());
    }

    /** 20 chains of 40 steps from the initial state. */
    @Benchmark
    public long chains(Counters counters) {
        ChainConfig c = ChainConfig.defaults("bench").withSeed(seed++).withTries(20).withLength(40);
        RandomChains.Result r = new RandomChains(model, new ModelOnly(), checks, c, null).run();
        counters.steps += r.steps();
        return r.steps();
    }
}
