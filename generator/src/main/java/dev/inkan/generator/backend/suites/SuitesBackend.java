package dev.inkan.generator.backend.suites;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.ir.Spec;
import java.util.List;

/** Placeholder until this back end is written. */
public final class SuitesBackend implements Backend {
    @Override
    public String name() {
        return "suites";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        return List.of();
    }
}
