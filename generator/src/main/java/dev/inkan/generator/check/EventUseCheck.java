package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Events no transition handles, and internal events nothing emits. */
final class EventUseCheck implements Check {
    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        Set<EventDef> emitted = new HashSet<>();
        for (MachineDef m : spec.machines) {
            m.transitions().forEach(t -> collect(t.body(), emitted));
        }
        for (MachineDef m : spec.machines) {
            for (EventDef e : m.events()) {
                if (m.transitionsOf(e).isEmpty()) {
                    diagnostics.unusedEvent(e.span(), m.name(), e.name(), "is never handled by a transition");
                } else if (e.internal() && !emitted.contains(e)) {
                    diagnostics.unusedEvent(e.span(), m.name(), e.name(), "is internal but nothing emits it");
                }
            }
        }
    }

    private static void collect(List<Stmt> body, Set<EventDef> emitted) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Emit e) {
                emitted.add(e.event());
            } else if (s instanceof Stmt.For f) {
                collect(f.body(), emitted);
            } else if (s instanceof Stmt.If i) {
                collect(i.thenBody(), emitted);
                collect(i.elseBody(), emitted);
            }
        }
    }
}
