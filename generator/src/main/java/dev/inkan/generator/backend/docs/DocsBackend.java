package dev.inkan.generator.backend.docs;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.ir.Spec;
import java.util.List;

/** Placeholder until this back end is written. */
public final class DocsBackend implements Backend {
    @Override
    public String name() {
        return "docs";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        return List.of();
    }
}
