package dev.inkan.properties.cli;

import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.properties.explore.Counterexample;
import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.explore.Explorer;
import dev.inkan.properties.model.ModelCompiler;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.runtime.model.Model;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inkan explore [DIR]}: compiles the spec in process, explores its model breadth first
 * within the bounds, and prints the figures and every violation with a shortest trace.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Explore every reachable state of the spec's model within bounds; print violations with shortest traces.")
public final class ExploreCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "spec directory (default: spec)")
    Path dir = Path.of("spec");

    @Option(names = "--system", paramLabel = "NAME", description = "system whose domain sizes to use (default: Default)")
    String system;

    @Option(names = "--bounds", paramLabel = "D=N,...", description = "domain sizes overriding the system's, e.g. Person=2,Phone=2")
    String bounds;

    @Option(names = "--depth", paramLabel = "N", description = "do not go deeper than N steps")
    int depth = Integer.MAX_VALUE;

    @Option(names = "--max-states", paramLabel = "N", description = "stop after N distinct states (default: 5000000)")
    long maxStates = 5_000_000;

    @Option(names = "--no-symmetry", description = "do not identify states that differ by a renaming of domain elements")
    boolean noSymmetry;

    @Option(names = "--threads", paramLabel = "N", description = "threads that expand states (default: the"
            + " processors, or the system property inkan.threads); the results do not depend on it")
    Integer threads;

    @Option(names = "--no-liveness", description = "skip the check that hot monitor states are left eventually (saves memory)")
    boolean noLiveness;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** For tests: where the report and the progress go. */
    public ExploreCommand printTo(PrintStream report, PrintStream progress) {
        this.out = report;
        this.err = progress;
        return this;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            err.println(dir + ": error: no such directory");
            return 2;
        }
        ModelSource source;
        try {
            source = ModelCompiler.compile(dir);
        } catch (ModelCompiler.SpecException e) {
            err.print(e.getMessage());
            return 1;
        }
        int[] sizes;
        try {
            String sys = system == null ? source.defaultSystem() : system;
            sizes = source.withBounds(source.sizes(sys), bounds);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (threads != null && (threads < 1 || threads > 256)) {
            err.println("error: --threads must be 1 to 256, not " + threads);
            return 2;
        }
        Model model = source.create(sizes);
        Explorer.Options o = Explorer.Options.defaults().withMaxStates(maxStates).withMaxDepth(depth)
                .withSymmetry(!noSymmetry).withLiveness(!noLiveness).withProgress(p -> err.println("  " + p), 1000);
        if (threads != null) {
            o = o.withThreads(threads);
        }
        out.println("exploring " + dir + " (" + source.describeSizes(sizes) + ")" + (noSymmetry ? ""
                : ", symmetry over the domains") + (noLiveness ? "" : ", liveness of hot monitor states"));
        Explorer explorer;
        try {
            explorer = new Explorer(model, o);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Exploration ex = explorer.run();
        out.printf("states: %,d%n", ex.stateCount());
        out.printf("transitions: %,d%n", ex.transitions());
        out.printf("depth: %d%s%n", ex.depth(), ex.complete() ? " (complete: every reachable state visited)"
                : " (incomplete: " + ex.stopReason() + ")");
        out.printf("time: %.2f s (%.2f s with the liveness check)%n", ex.nanos() / 1e9, ex.totalNanos() / 1e9);
        out.printf("states/s: %,.0f (%d thread%s)%n", ex.statesPerSecond(), o.threads(), o.threads() == 1 ? "" : "s");
        if (ex.symmetryGroupSize() > 1) {
            out.printf("symmetry: %d renamings, %d words per packed state%n", ex.symmetryGroupSize(),
                    ex.wordsPerState());
        }
        List<Counterexample> all = new ArrayList<>(ex.violations());
        all.addAll(ex.livenessViolations());
        if (all.isEmpty()) {
            out.println("violations: none (" + source.info().invariants().size() + " invariants, "
                    + source.info().monitors().size() + " monitors checked)");
            return 0;
        }
        out.println("violations: " + all.size());
        for (Counterexample c : all) {
            out.println();
            out.println(c.property() + ": " + c.message());
            out.println((c.lasso() ? "lasso" : "shortest trace") + ", " + c.trace().size() + " step(s):");
            out.print(TracePrinter.print(model, c.trace(), c.loopFrom()));
        }
        return 1;
    }
}
