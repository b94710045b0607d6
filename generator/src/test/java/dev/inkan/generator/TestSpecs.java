package dev.inkan.generator;

import dev.inkan.generator.backend.Generator;
import dev.inkan.generator.compile.InMemoryJavaCompiler;
import dev.inkan.generator.diag.Diagnostic;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers of the generator tests: test specs on disk, compiled and generated in memory. */
public final class TestSpecs {
    /** The repository root (tests run in generator/). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();

    private TestSpecs() {
    }

    public static Set<String> requirementIds() {
        try {
            return SpecCompiler.requirementIds(ROOT.resolve("docs/REQUIREMENTS.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sources of every .jsm file under a directory, named by their path relative to it. */
    public static List<SourceFile> sources(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<SourceFile> out = new ArrayList<>();
            for (Path p : walk.filter(f -> f.toString().endsWith(".jsm")).sorted().toList()) {
                out.add(new SourceFile(p, dir.relativize(p).toString(), Files.readString(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SourceFile source(String name, String text) {
        return new SourceFile(Path.of("/mem").resolve(name), name, text);
    }

    /** Compiles specs that must be clean; fails with the diagnostics otherwise. */
    public static Spec clean(List<SourceFile> sources) {
        SpecCompiler.Compilation c = SpecCompiler.compileSources(sources, requirementIds());
        List<Diagnostic> errors = c.diagnostics().sorted();
        if (!c.ok() || !errors.isEmpty()) {
            throw new AssertionError("expected a clean spec, found:\n" + String.join("\n",
                    errors.stream().map(Diagnostic::headline).toList()));
        }
        return c.spec();
    }

    /** Generated Java files of some back ends (path prefix), keyed by path. */
    public static Map<String, String> java(Spec spec, String... prefixes) {
        Map<String, String> out = new TreeMap<>();
        Generator.generate(spec).forEach((path, text) -> {
            for (String p : prefixes) {
                if (path.startsWith(p) && path.endsWith(".java")) {
                    out.put(path, text);
                }
            }
        });
        return out;
    }

    /** Compiles generated Java with every lint on; fails on any error or warning. */
    public static ClassLoader compileStrict(Map<String, String> sources) {
        InMemoryJavaCompiler.Result r = InMemoryJavaCompiler.compile(sources, List.of(),
                List.of("-Xlint:all", "-Werror", "--release", "17"), TestSpecs.class.getClassLoader());
        if (!r.success() || !r.messages().isEmpty()) {
            throw new AssertionError("generated code does not compile cleanly:\n" + String.join("\n", r.messages()));
        }
        return r.loader();
    }
}
