package dev.inkan.bench.properties;

import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.explore.Explorer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exploration states per second: breadth-first exploration of a spec's model with symmetry
 * reduction, within {@code maxStates}; the {@code states} counter is the figure (per second),
 * and the state count and depth for the bounds are printed once. Run with
 * {@code bench/run Explore}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExploreBenchmark {
    /**
     * {@code dir:system[:bounds]}, the directory relative to the repository root, bounds joined
     * by {@code +} (JMH splits parameters at commas).
     */
    @Param({"spec:Default", "spec:Small", "properties/src/test/resources/specs/symmetric:Default",
        "properties/src/test/resources/specs/symmetric:Default:Person=4+Phone=4"})
    public String target;

    @Param("1000000")
    public long maxStates;

    @Param("true")
    public boolean symmetry;

    private Model model;
    private ModelSource source;
    private int[] sizes;
    private Exploration last;

    /** States explored, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long states;

        @Setup(Level.Iteration)
        public void clear() {
            states = 0;
        }
    }

    @Setup
    public void setup() {
        String[] t = target.split(":");
        source = ModelCompiler.compile(Path.of(t[0]));
        sizes = source.withBounds(source.sizes(t[1]), t.length > 2 ? t[2].replace('+', ',') : "");
        model = source.create(sizes);
    }

    @Benchmark
    public int explore(Counters counters) {
        last = new Explorer(model, Explorer.Options.defaults().withMaxStates(maxStates).withSymmetry(symmetry)
                .withLiveness(false)).run();
        counters.states += last.stateCount();
        return last.stateCount();
    }

    @TearDown
    public void report() {
        if (last != null) {
            System.out.printf("%n%s (%s): %,d states, %,d transitions, depth %d, %s, group %d%n", target,
                    source.describeSizes(sizes), last.stateCount(), last.transitions(), last.depth(),
                    last.complete() ? "complete" : last.stopReason(), last.symmetryGroupSize());
        }
    }
}
