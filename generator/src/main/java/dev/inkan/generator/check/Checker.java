package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.Spec;
import java.util.List;
import java.util.Set;

/** Runs every analysis on a resolved spec. */
public final class Checker {
    private Checker() {
    }

    /** @param requirementIds ids REQUIREMENTS.md defines; null skips the requirement check */
    public static void check(Spec spec, Set<String> requirementIds, Diagnostics diagnostics) {
        List<Check> checks = new java.util.ArrayList<>(List.of(
                new ReachabilityCheck(),
                new EventUseCheck(),
                new GuardOverlapCheck(),
                new CommandClashCheck(),
                new InstalledStateCheck(),
                new ProtocolCheck()));
        if (requirementIds != null) {
            checks.add(new RequirementCheck(requirementIds));
        }
        for (Check c : checks) {
            c.run(spec, diagnostics);
        }
    }
}
