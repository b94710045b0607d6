package dev.inkan.bench.spec;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.Generator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm time of the spec toolchain on the full spec: check (parse, resolve, analyse) and
 * check + generate every artefact in memory. Target: at most 100 ms per run.
 * Run with {@code bench/run SpecToolchain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpecToolchainBenchmark {
    @Param("spec")
    public String specDir;

    private Path dir;
    private Path requirements;

    @org.openjdk.jmh.annotations.Setup
    public void setup() {
        dir = Path.of(specDir).toAbsolutePath().normalize();
        requirements = SpecCompiler.findRequirements(dir);
    }

    @Benchmark
    public SpecCompiler.Compilation check() throws Exception {
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), dir.getParent(), requirements);
        if (!c.ok()) {
            throw new IllegalStateException("the spec does not check");
        }
        return c;
    }

    @Benchmark
    public Map<String, String> checkAndGenerate() throws Exception {
        return Generator.generate(check().spec());
    }
}
