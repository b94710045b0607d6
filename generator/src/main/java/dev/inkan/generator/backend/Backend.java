package dev.inkan.generator.backend;

import dev.inkan.generator.ir.Spec;
import java.util.List;

/** One target of the generator. Sees only the checked model, never the parse tree. */
public interface Backend {
    /** Short name, also the folder under {@code generated/} it writes to. */
    String name();

    List<GeneratedFile> generate(Spec spec);
}
