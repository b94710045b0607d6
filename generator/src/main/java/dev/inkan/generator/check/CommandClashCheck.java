package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.Spec;
import java.util.List;

/** Two commands of one applet that the dispatcher could not tell apart by CLA/INS/P1/P2. */
final class CommandClashCheck implements Check {
    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        for (AppletDef a : spec.applets) {
            List<CommandDef> cmds = a.commands();
            for (int i = 0; i < cmds.size(); i++) {
                for (int j = 0; j < i; j++) {
                    CommandDef x = cmds.get(i);
                    CommandDef y = cmds.get(j);
                    if (overlap(x.cla(), y.cla()) && overlap(x.ins(), y.ins()) && overlap(x.p1(), y.p1())
                            && overlap(x.p2(), y.p2())) {
                        diagnostics.commandClash(x.span(), a.name(), x.name(), y.name(), y.span());
                    }
                }
            }
        }
    }

    private static boolean overlap(CommandDef.Header a, CommandDef.Header b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.matchesAnything() || b.matchesAnything()) {
            return true;
        }
        return a.constant() != null && a.constant().equals(b.constant());
    }
}
