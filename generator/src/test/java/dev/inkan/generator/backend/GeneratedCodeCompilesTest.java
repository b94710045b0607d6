package dev.inkan.generator.backend;

import dev.inkan.generator.TestSpecs;
import dev.inkan.generator.ir.Spec;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every Java back end's output compiles without a single warning under -Xlint:all. */
class GeneratedCodeCompilesTest {
    private static Spec spec(String dir) {
        return TestSpecs.clean(TestSpecs.sources(TestSpecs.RESOURCES.resolve("specs/" + dir)));
    }

    @Test
    void modelScriptsAndDispatchOfTheGoldenSpec() {
        TestSpecs.compileStrict(TestSpecs.java(spec("golden"), "model/", "scripts/", "dispatch/"));
    }

    @Test
    void modelOfTheSemanticsSpec() {
        TestSpecs.compileStrict(TestSpecs.java(spec("semantics"), "model/"));
    }

    @Test
    void everythingGeneratedFromTheProjectSpec() {
        Map<String, String> java = new TreeMap<>(TestSpecs.java(TestSpecs.clean(TestSpecs.sources(
                TestSpecs.ROOT.resolve("spec"))), "model/", "scripts/", "dispatch/"));
        if (!java.isEmpty()) {
            TestSpecs.compileStrict(java);
        }
    }
}
