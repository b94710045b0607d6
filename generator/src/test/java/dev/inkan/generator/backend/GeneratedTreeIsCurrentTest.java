package dev.inkan.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.TestSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed generated/ tree is exactly what the generator makes from spec/: the build
 * regenerates it and fails on any difference, missing or extra file.
 */
class GeneratedTreeIsCurrentTest {
    @Test
    void generatedTreeMatchesTheSpecs() throws Exception {
        Path spec = TestSpecs.ROOT.resolve("spec");
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(spec), TestSpecs.ROOT,
                SpecCompiler.findRequirements(spec));
        if (!c.ok()) {
            throw new AssertionError("spec/ does not check: run ./inkan spec check");
        }
        Map<String, String> files = Generator.generate(c.spec());
        List<String> stale = Generator.difference(files, TestSpecs.ROOT.resolve("generated"));
        assertEquals(List.of(), stale, "generated/ is stale: run ./inkan spec generate and commit the result");
    }
}
