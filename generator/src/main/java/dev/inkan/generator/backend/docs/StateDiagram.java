package dev.inkan.generator.backend.docs;

import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mermaid {@code stateDiagram-v2} of a machine or monitor: every state declared first, {@code [*]}
 * into the initial state and out of final ones, one edge per source of a transition labelled
 * {@code event [guard] / emits}, hot states marked, and a note on a state listing the
 * requirement ids the state and the transitions into it cite.
 */
final class StateDiagram {
    /** Longest guard shown on an edge; the transition table has it whole. */
    static final int GUARD_LENGTH = 60;
    private static final int DOC_LENGTH = 60;
    private static final String INDENT = "    ";

    private final List<String> lines = new ArrayList<>();
    private final Mermaid.Ids ids;
    private final Map<StateDef, Set<String>> notes = new LinkedHashMap<>();

    private StateDiagram(List<StateDef> states) {
        ids = new Mermaid.Ids(states.stream().map(StateDef::name).toList());
        lines.add("stateDiagram-v2");
        for (StateDef s : states) {
            String id = ids.id(s.name());
            String label = s.name() + (s.hot() ? " (hot)" : "");
            lines.add(INDENT + (id.equals(label) ? id : "state \"" + Mermaid.text(label) + "\" as " + id));
            if (!s.doc().isBlank()) {
                lines.add(INDENT + id + " : " + Mermaid.text(Mermaid.shorten(s.doc(), DOC_LENGTH)));
            }
            notes.put(s, new LinkedHashSet<>());
            if (!s.requirementIds().isEmpty()) {
                notes.get(s).add(Markdown.ids(s.requirementIds()));
            }
        }
    }

    static List<String> of(MachineDef m) {
        StateDiagram d = new StateDiagram(m.states());
        d.initial(m.initialState());
        for (TransitionDef t : m.transitions()) {
            StringBuilder label = new StringBuilder(t.event().name()).append(guard(t.guard()));
            List<String> emits = StmtPrinter.emits(t.body());
            if (!emits.isEmpty()) {
                label.append(" / ").append(String.join(", ", emits));
            }
            d.edges(t.sources(), t.target(), label.toString(), t);
        }
        return d.finish(m.states());
    }

    static List<String> of(MonitorDef m) {
        StateDiagram d = new StateDiagram(m.states());
        d.initial(m.initialState());
        for (ObservationDef o : m.observations()) {
            StringBuilder label = new StringBuilder(observed(o)).append(guard(o.guard()));
            if (StmtPrinter.fails(o.body())) {
                label.append(" / fail");
            }
            d.edges(o.sources(), o.target(), label.toString(), o);
        }
        return d.finish(m.states());
    }

    /** {@code PhoneCert(_, ph, Sign).revoke}: the observed instances and event. */
    static String observed(ObservationDef o) {
        String patterns = o.patterns().isEmpty() ? ""
                : "(" + o.patterns().stream().map(p -> p == null ? "_" : ExprPrinter.print(p))
                        .collect(Collectors.joining(", ")) + ")";
        return o.machine().name() + patterns + "." + o.event().name();
    }

    private static String guard(Expr g) {
        return g == null ? "" : " [" + Mermaid.shorten(ExprPrinter.print(g), GUARD_LENGTH) + "]";
    }

    private void initial(StateDef s) {
        if (s != null) {
            lines.add(INDENT + "[*] --> " + ids.id(s.name()));
        }
    }

    private void edges(List<StateDef> sources, StateDef target, String label, Element cited) {
        for (StateDef s : sources) {
            lines.add(INDENT + ids.id(s.name()) + " --> " + ids.id(target.name()) + " : " + Mermaid.text(label));
        }
        if (!cited.requirementIds().isEmpty()) {
            notes.get(target).add(Markdown.ids(cited.requirementIds()) + " via " + cited.name());
        }
    }

    private List<String> finish(List<StateDef> states) {
        for (StateDef s : states) {
            if (s.isFinal()) {
                lines.add(INDENT + ids.id(s.name()) + " --> [*]");
            }
        }
        notes.forEach((s, text) -> {
            if (!text.isEmpty()) {
                lines.add(INDENT + "note right of " + ids.id(s.name()) + " : "
                        + Mermaid.note("REQ " + String.join(", ", text)));
            }
        });
        List<String> hot = states.stream().filter(StateDef::hot).map(s -> ids.id(s.name())).toList();
        if (!hot.isEmpty()) {
            lines.add(INDENT + "classDef hot fill:orange,stroke:red,stroke-width:2px");
            lines.add(INDENT + "class " + String.join(",", hot) + " hot");
        }
        return List.copyOf(lines);
    }
}
