package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.Spec;

/** One analysis of the checked model; reports through the diagnostics, never throws. */
interface Check {
    void run(Spec spec, Diagnostics diagnostics);
}
