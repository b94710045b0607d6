package dev.inkan.generator.backend.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.diag.DiagnosticPrinter;
import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The docs back end's test spec, {@code src/test/resources/docs/spec}, compiled as {@code inkan spec diagram} does. */
final class SpecFixture {
    static final Path BASE = Path.of("src", "test", "resources", "docs");
    static final Path SPEC = BASE.resolve("spec");
    static final Path REQUIREMENTS = SPEC.resolve("REQUIREMENTS.md");

    private SpecFixture() {
    }

    static Spec compile() throws IOException {
        return compile(SPEC, BASE, REQUIREMENTS);
    }

    static Spec compile(Path dir, Path base, Path requirements) throws IOException {
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), base, requirements);
        assertTrue(c.ok(), () -> "the spec does not compile:\n" + DiagnosticPrinter.text(c.diagnostics().sorted()));
        return c.spec();
    }

    /** The docs of a spec, by path relative to {@code docs/}, sorted. */
    static Map<String, String> docs(Spec spec) {
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : new DocsBackend().generate(spec)) {
            assertTrue(f.path().startsWith(DocsBackend.DIR), f.path());
            out.put(f.path().substring(DocsBackend.DIR.length()), f.content());
        }
        return out;
    }
}
