package dev.inkan.generator.cli;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.diag.DiagnosticPrinter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inkan spec check [DIR]}: every problem as {@code file:line:col: error|warning: message}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the specs: syntax, names, types, reachability, guards, commands, requirement ids.")
public final class CheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "spec directory or file (default: spec)")
    Path dir = Path.of("spec");

    @Option(names = "--format", description = "text (default) or json")
    Format format = Format.text;

    @Option(names = "--requirements", paramLabel = "FILE",
            description = "REQUIREMENTS.md to check @req ids against (default: found beside DIR or in docs/)")
    Path requirements;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (!Files.exists(dir)) {
            System.err.println(dir + ": error: no such file or directory");
            return 2;
        }
        Path req = requirements != null ? requirements : SpecCompiler.findRequirements(Files.isDirectory(dir) ? dir
                : dir.toAbsolutePath().getParent());
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), Path.of(""), req);
        var diags = c.diagnostics().sorted();
        if (format == Format.json) {
            out.print(DiagnosticPrinter.json(diags, c.diagnostics().errorCount(), c.diagnostics().warningCount()));
        } else {
            out.print(DiagnosticPrinter.text(diags));
            if (c.ok()) {
                out.println(SpecSummary.oneLine(c.spec()) + (diags.isEmpty() ? "" : ", "
                        + c.diagnostics().warningCount() + " warning(s)"));
            } else {
                out.println(c.diagnostics().errorCount() + " error(s), " + c.diagnostics().warningCount()
                        + " warning(s)");
            }
        }
        return c.ok() ? 0 : 1;
    }
}
