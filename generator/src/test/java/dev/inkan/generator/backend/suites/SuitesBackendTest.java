package dev.inkan.generator.backend.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.TestSpecs;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.ir.ProtocolDef;
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
 * The suites back end against golden files; run with {@code -Dgolden.write=true} to rewrite them
 * after an intended change, then review the diff. That the suites compile without a warning and
 * catch planted faults is shown in {@code properties/}, where their harness lives.
 */
class SuitesBackendTest {
    private static final Path GOLDEN = TestSpecs.RESOURCES.resolve("golden");

    private static Spec spec() {
        return TestSpecs.clean(TestSpecs.sources(TestSpecs.RESOURCES.resolve("specs/suites")));
    }

    private static Map<String, String> generated() {
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : new SuitesBackend().generate(spec())) {
            out.put(f.path(), f.content());
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> outputMatchesGoldenFiles() throws IOException {
        Map<String, String> files = generated();
        if (Boolean.getBoolean("golden.write")) {
            Path dir = GOLDEN.resolve("suites");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        Files.delete(p);
                    }
                }
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
    void oneClassPerInvariantMonitorMachineAndProtocolWithTheNamesTheDocsUse() {
        List<String> names = new ArrayList<>();
        for (String path : generated().keySet()) {
            assertTrue(path.startsWith("suites/java/dev/inkan/generated/suites/"), path);
            names.add(Path.of(path).getFileName().toString());
        }
        assertEquals(List.of("ClearedEventuallyMonitorSuite.java", "LifecycleProtocolSuite.java",
                "NoUseWhenEmptyMonitorSuite.java", "Protocols.java", "SlotMachineSuite.java", "TalkProtocolSuite.java",
                "UsesBoundedInvariantSuite.java"), names);
        assertEquals("suites", new SuitesBackend().name());
    }

    @Test
    void everyWayThroughTheBlocksIsASequence() {
        ProtocolDef lifecycle = spec().protocols.stream().filter(p -> p.name().equals("Lifecycle")).findFirst()
                .orElseThrow();
        List<String> labels = ProtocolSequences.of(lifecycle).stream().map(ProtocolSequences.Seq::label).toList();
        assertEquals(List.of("as written", "without opt \"the other slot too\"",
                "else \"kept\" of alt \"used at once\"", "alt \"cleared\" not taken"), labels);
        List<String> written = ProtocolSequences.of(lifecycle).get(0).display();
        assertEquals(List.of("Slot(ph, k).fill(2)", "Slot(ph, k).use()", "Slot(ph, next(k)).fill(1)",
                "Slot(ph, next(k)).use()", "Slot(ph, k).clear()"), written);
    }

    @Test
    void argumentsBecomeParametersValuesOrAnything() {
        String catalog = generated().get("suites/java/dev/inkan/generated/suites/Protocols.java");
        assertTrue(catalog.contains("fired(\"Slot\", List.of(param(\"ph\"), param(\"k\")), \"fill\", "
                + "List.of(value(\"2\")))"), catalog);
        assertTrue(catalog.contains("fired(\"Slot\", List.of(param(\"ph\"), any(\"next(k)\")), \"use\", List.of())"),
                catalog);
    }

    @Test
    void aProtocolThatFiresNothingHasNoTestAndIsNotInTheCatalog() {
        String talk = generated().get("suites/java/dev/inkan/generated/suites/TalkProtocolSuite.java");
        assertFalse(talk.contains("@Test"), talk);
        assertTrue(talk.contains("fire no model event"), talk);
        assertFalse(generated().get("suites/java/dev/inkan/generated/suites/Protocols.java").contains("\"Talk\""));
    }

    @Test
    void onlyMonitorsWithHotStatesGetALivenessTest() {
        assertTrue(generated().get("suites/java/dev/inkan/generated/suites/ClearedEventuallyMonitorSuite.java")
                .contains("monitorHotStatesAreLeft(\"ClearedEventually\")"));
        assertFalse(generated().get("suites/java/dev/inkan/generated/suites/NoUseWhenEmptyMonitorSuite.java")
                .contains("monitorHotStatesAreLeft"));
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(generated(), generated());
    }
}
