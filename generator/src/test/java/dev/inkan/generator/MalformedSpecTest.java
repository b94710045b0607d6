package dev.inkan.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.diag.Diagnostic;
import dev.inkan.generator.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every malformed spec under {@code malformed/} answers exactly the diagnostics written in its
 * {@code .expected} file: {@code file:line:col: severity: message}, sorted by position.
 */
class MalformedSpecTest {
    private static final Path DIR = TestSpecs.RESOURCES.resolve("malformed");

    private static List<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".jsm")).sorted().toList();
        }
    }

    @Test
    void thereAreAtLeastThirty() throws IOException {
        assertTrue(specs().size() >= 30, "found " + specs().size());
    }

    @TestFactory
    Stream<DynamicTest> eachAnswersItsExpectedDiagnostics() throws IOException {
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            String name = spec.getFileName().toString();
            SourceFile source = new SourceFile(spec, name, Files.readString(spec));
            SpecCompiler.Compilation c = SpecCompiler.compileSources(List.of(source), TestSpecs.requirementIds());
            List<String> actual = c.diagnostics().sorted().stream().map(Diagnostic::headline).toList();
            Path expectedFile = DIR.resolve(name.replace(".jsm", ".expected"));
            List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
            assertEquals(String.join("\n", expected), String.join("\n", actual), name);
            assertTrue(!actual.isEmpty(), name + " must produce a diagnostic");
        }));
    }
}
