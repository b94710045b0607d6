package dev.inkan.bench.applet;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the applet benchmarks with modest settings (the build machine is shared) and prints the
 * median of the measured iterations of all forks next to JMH's mean:
 * {@code bench/run -h >/dev/null; java -cp "bench/target/classes:$(cat bench/target/bench.cp)" dev.inkan.bench.applet.AppletBenchmarks [forks]} (bench/run builds the module and writes the class path).
 */
public final class AppletBenchmarks {
    private AppletBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Options throughput = new OptionsBuilder()
                .include(SignatureBenchmark.class.getSimpleName())
                .include(VerifyBenchmark.class.getSimpleName())
                .forks(forks).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx512m").build();
        Options keys = new OptionsBuilder()
                .include(KeyGenerationBenchmark.class.getSimpleName())
                .forks(forks).warmupIterations(3).measurementIterations(15)
                .jvmArgsAppend("-Xmx512m").build();
        Collection<RunResult> results = new java.util.ArrayList<>(new Runner(throughput).run());
        results.addAll(new Runner(keys).run());
        System.out.println();
        System.out.println("Applet benchmarks (median of all measured iterations of " + forks + " forks):");
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            System.out.println(String.format(Locale.ROOT, "  %-55s median %10.1f %-6s (mean %.1f, min %.1f, max %.1f, n %d)",
                    r.getParams().getBenchmark(), stats.getPercentile(50), r.getPrimaryResult().getScoreUnit(),
                    stats.getMean(), stats.getMin(), stats.getMax(), stats.getN()));
        }
    }
}
