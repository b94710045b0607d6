package dev.inkan.generator.cli;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.Generator;
import dev.inkan.generator.diag.DiagnosticPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inkan spec generate}: writes every artefact into {@code generated/}, deterministically. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate the model, applet dispatch, TSM scripts, property suites and docs into generated/.")
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "spec directory (default: spec)")
    Path dir = Path.of("spec");

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: generated)")
    Path out = Path.of("generated");

    @Option(names = "--check", description = "write nothing; exit 1 and list the files that differ")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println(dir + ": error: no such directory");
            return 2;
        }
        Map<String, String> files = generate(dir);
        if (files == null) {
            return 1;
        }
        if (check) {
            List<String> diff = Generator.difference(files, out);
            diff.forEach(p -> System.out.println("stale: " + out.resolve(p)));
            if (!diff.isEmpty()) {
                System.out.println(diff.size() + " generated file(s) differ from the specs; run ./inkan spec generate");
            }
            return diff.isEmpty() ? 0 : 1;
        }
        List<String> changed = Generator.write(files, out);
        changed.forEach(System.out::println);
        System.out.println(files.size() + " files in " + out + " (" + changed.size() + " changed)");
        return 0;
    }

    /** Compiles the specs and runs every back end; null (diagnostics printed) on errors. */
    static Map<String, String> generate(Path dir) throws Exception {
        Path base = dir.toAbsolutePath().normalize().getParent();
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), base, SpecCompiler.findRequirements(dir));
        if (!c.ok()) {
            System.out.print(DiagnosticPrinter.text(c.diagnostics().sorted()));
            System.out.println(c.diagnostics().errorCount() + " error(s): nothing generated");
            return null;
        }
        return Generator.generate(c.spec());
    }
}
