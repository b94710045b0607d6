package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * States no transition leads to from the initial state, and non-final states no transition
 * leaves. Guards are ignored here: this is the structure of the graph.
 */
final class ReachabilityCheck implements Check {
    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        for (MachineDef m : spec.machines) {
            graph(m.states(), m.transitions().stream().map(t -> new Edge(t.sources(), t.target())).toList(),
                    "machine " + m.name(), true, diagnostics);
            for (TransitionDef t : m.transitions()) {
                if (t.sources().isEmpty()) {
                    diagnostics.invalid(t.span(), "transition has no source state");
                }
            }
        }
        for (MonitorDef m : spec.monitors) {
            graph(m.states(), m.observations().stream().map(o -> new Edge(o.sources(), o.target())).toList(),
                    "monitor " + m.name(), false, diagnostics);
            for (ObservationDef o : m.observations()) {
                if (o.sources().isEmpty()) {
                    diagnostics.invalid(o.span(), "observation has no source state");
                }
            }
        }
    }

    private record Edge(List<StateDef> sources, StateDef target) {
    }

    private void graph(List<StateDef> states, List<Edge> edges, String owner, boolean wayOut, Diagnostics d) {
        StateDef initial = states.stream().filter(StateDef::initial).findFirst().orElse(null);
        if (initial == null) {
            return;
        }
        Set<StateDef> seen = new HashSet<>();
        Deque<StateDef> work = new ArrayDeque<>();
        seen.add(initial);
        work.add(initial);
        while (!work.isEmpty()) {
            StateDef s = work.poll();
            for (Edge e : edges) {
                if (e.sources().contains(s) && seen.add(e.target())) {
                    work.add(e.target());
                }
            }
        }
        for (StateDef s : states) {
            if (!seen.contains(s)) {
                d.unreachableState(s.span(), owner, s.name());
            } else if (wayOut && !s.isFinal()
                    && edges.stream().noneMatch(e -> e.sources().contains(s) && e.target() != s)) {
                d.noWayOut(s.span(), owner, s.name());
            }
        }
    }
}
