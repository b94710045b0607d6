package dev.inkan.properties.suite;

import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.adapter.Implementations;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.Execution;
import dev.inkan.properties.chain.FailureFile;
import dev.inkan.properties.chain.Replay;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Replays failure files: the model they name, with their domain sizes, through the
 * implementation they name, checking every property. {@code -Dinkan.replay=FILE} replays one;
 * the files under {@code properties/src/test/resources/regressions/} replay on every build.
 */
public final class Replays {
    private Replays() {
    }

    /** Replays a file and throws an assertion error with the trace unless it turns out as the file expects. */
    public static void check(Path file) throws IOException {
        FailureFile f = FailureFile.read(file);
        ModelSource source = ModelOrigins.load(f.model());
        int[] sizes = source.withBounds(source.sizes(source.defaultSystem()), f.sizes());
        Model model = source.create(sizes);
        List<Action> chain;
        try {
            chain = f.actions(model);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError(file + ": the chain no longer fits the model (" + e.getMessage()
                    + "); update or delete the file");
        }
        Replay.Result r;
        try (Implementation impl = Implementations.named(f.implementation(), source.info()).get()) {
            r = Replay.run(new Execution(model, impl, Checks.all(source.info()), null), chain);
        }
        String trace = TracePrinter.print(model, chain, -1);
        if (r.status() == Execution.Status.NOT_ENABLED) {
            throw new AssertionFailedError(file + ": step " + (r.step() + 1) + " is no longer enabled, so the chain "
                    + "does not replay; update or delete the file\n" + trace);
        }
        if (f.expect() == null) {
            if (r.failed()) {
                throw new AssertionFailedError(file + ": " + r.violation().property() + " fails at step "
                        + (r.step() + 1) + ": " + r.violation().message() + "\n" + trace);
            }
        } else if (!r.failed() || !r.violation().property().equals(f.expect())) {
            throw new AssertionFailedError(file + ": expected the chain to fail " + f.expect() + ", but "
                    + (r.failed() ? "it fails " + r.violation().property() : "every property holds") + "\n" + trace);
        }
        System.out.println("replayed " + file + ": " + chain.size() + " steps, "
                + (f.expect() == null ? "every property holds" : "fails " + f.expect() + " as expected"));
    }
}
