package dev.inkan.generator.cli;

import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;

/** Counts of what a spec holds, for the CLI. */
final class SpecSummary {
    private SpecSummary() {
    }

    static String oneLine(Spec s) {
        int states = s.machines.stream().mapToInt(m -> m.states().size()).sum();
        int transitions = s.machines.stream().mapToInt(m -> m.transitions().size()).sum();
        int commands = s.applets.stream().mapToInt(a -> a.commands().size()).sum();
        return "ok: " + s.files.size() + " files, " + s.machines.size() + " machines (" + states + " states, "
                + transitions + " transitions), " + s.monitors.size() + " monitors, " + s.invariants.size()
                + " invariants, " + s.applets.size() + " applets (" + commands + " commands), "
                + s.protocols.size() + " protocols";
    }

    static String table(Spec s) {
        StringBuilder out = new StringBuilder();
        for (MachineDef m : s.machines) {
            out.append(String.format("  %-24s %2d states %3d transitions %2d events%n", m.name(), m.states().size(),
                    m.transitions().size(), m.events().size()));
        }
        return out.toString();
    }
}
