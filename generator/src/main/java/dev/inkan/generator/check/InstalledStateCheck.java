package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.Spec;

/**
 * A freshly installed applet must accept some command, or it could never leave its first
 * state: the binding's {@code installed} state (default: the machine's initial state).
 */
final class InstalledStateCheck implements Check {
    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        for (AppletDef a : spec.applets) {
            if (!a.commands().isEmpty() && a.commands().stream().noneMatch(c -> c.states().contains(a.installedState()))) {
                diagnostics.invalid(a.span(), "applet " + a.name() + " starts in state '" + a.installedState().name()
                        + "', where none of its commands is allowed; name the state an installed instance starts in "
                        + "with 'installed STATE'");
            }
        }
    }
}
