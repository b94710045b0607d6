package dev.inkan.properties;

import dev.inkan.properties.model.ModelCompiler;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.runtime.model.Model;
import java.nio.file.Path;

/** The harness's own test specs under {@code src/test/resources/specs/}, compiled in process. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static Path dir(String name) {
        return Path.of("src/test/resources/specs", name);
    }

    public static ModelSource load(String name) {
        return ModelCompiler.compile(dir(name));
    }

    /** The model of the spec's Default system. */
    public static Model model(String name) {
        ModelSource s = load(name);
        return s.create(s.sizes(s.defaultSystem()));
    }
}
