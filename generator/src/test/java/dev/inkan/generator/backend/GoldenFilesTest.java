package dev.inkan.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.TestSpecs;
import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The model, dispatch and scripts back ends against golden files (Avro style). Run with
 * {@code -Dgolden.write=true} to rewrite them after an intended change, then review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = TestSpecs.RESOURCES.resolve("golden");
    private static final List<String> BACKENDS = List.of("model/", "dispatch/", "scripts/");

    private static Map<String, String> generated() {
        Spec spec = TestSpecs.clean(TestSpecs.sources(TestSpecs.RESOURCES.resolve("specs/golden")));
        Map<String, String> out = new TreeMap<>();
        Generator.generate(spec).forEach((path, text) -> {
            if (BACKENDS.stream().anyMatch(path::startsWith)) {
                out.put(path, text);
            }
        });
        return out;
    }

    private static List<String> goldenFiles() throws IOException {
        List<String> out = new ArrayList<>();
        for (String b : BACKENDS) {
            Path dir = GOLDEN.resolve(b);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).forEach(p -> out.add(GOLDEN.relativize(p).toString()));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> outputMatchesGoldenFiles() throws IOException {
        Map<String, String> files = generated();
        if (Boolean.getBoolean("golden.write")) {
            for (String old : goldenFiles()) {
                Files.delete(GOLDEN.resolve(old));
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = GOLDEN.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
        return files.entrySet().stream().map(f -> DynamicTest.dynamicTest(f.getKey(), () -> {
            Path p = GOLDEN.resolve(f.getKey());
            assertTrue(Files.isRegularFile(p), "no golden file " + p + " (run with -Dgolden.write=true)");
            assertEquals(Files.readString(p), f.getValue(), f.getKey());
        }));
    }

    @Test
    void noGoldenFileIsLeftOver() throws IOException {
        assertEquals(new ArrayList<>(generated().keySet()), goldenFiles().stream().sorted().toList());
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(generated(), generated());
    }
}
