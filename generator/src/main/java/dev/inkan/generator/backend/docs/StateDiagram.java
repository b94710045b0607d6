package dev.inkan.generator.backend.docs;

import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Mermaid {@code stateDiagram-v2} of a machine or monitor: every state declared first, {@code [*]}
 * into the initial state and out of final ones, hot states marked, and a note on a state listing
 * the requirement ids the state and the transitions into it cite (the tables say which cites what).
 *
 * <p>So that large machines stay readable, there is one edge per pair of states. An edge taken by
 * one transition is labelled {@code event [guard] / emits} (the guard shortened); one taken by
 * several lists their events, {@code […]} marking guarded ones. Events that only ever leave the
 * state unchanged, in {@link #LOOP_STATES} or more states, are not drawn: a comment in the
 * diagram and a line under it name them. The tables have every transition in full.
 */
final class StateDiagram {
    /** Longest guard shown on an edge. */
    static final int GUARD_LENGTH = 60;
    /** An event that loops in this many states or more, and does nothing else, is not drawn. */
    static final int LOOP_STATES = 3;
    private static final int DOC_LENGTH = 60;
    private static final String INDENT = "    ";

    /** The diagram's lines, and the events left out of it with the number of states they loop in. */
    record Diagram(List<String> lines, List<String> notDrawn) {
        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** One transition or observation: what the edge labels are made of. */
    private record Arrow(List<StateDef> sources, StateDef target, String subject, String event, String guard,
                         List<String> effects, Element cited) {
        String key() {
            return subject.isEmpty() ? event : subject + "." + event;
        }

        boolean loops() {
            return sources.stream().allMatch(s -> s == target);
        }
    }

    private record Pair(StateDef from, StateDef to) {
    }

    private StateDiagram() {
    }

    static Diagram of(MachineDef m) {
        List<Arrow> arrows = new ArrayList<>();
        for (TransitionDef t : m.transitions()) {
            arrows.add(new Arrow(t.sources(), t.target(), "", t.event().name(),
                    t.guard() == null ? null : ExprPrinter.print(t.guard()), StmtPrinter.emits(t.body()), t));
        }
        return draw(m.states(), m.initialState(), arrows);
    }

    static Diagram of(MonitorDef m) {
        List<Arrow> arrows = new ArrayList<>();
        for (ObservationDef o : m.observations()) {
            arrows.add(new Arrow(o.sources(), o.target(), subject(o), o.event().name(),
                    o.guard() == null ? null : ExprPrinter.print(o.guard()),
                    StmtPrinter.fails(o.body()) ? List.of("fail") : List.of(), o));
        }
        return draw(m.states(), m.initialState(), arrows);
    }

    /** {@code PhoneCert(_, ph, Sign).revoke}: the observed instances and event. */
    static String observed(ObservationDef o) {
        return subject(o) + "." + o.event().name();
    }

    private static String subject(ObservationDef o) {
        return o.machine().name() + (o.patterns().isEmpty() ? ""
                : "(" + o.patterns().stream().map(p -> p == null ? "_" : ExprPrinter.print(p))
                        .collect(Collectors.joining(", ")) + ")");
    }

    private static Diagram draw(List<StateDef> states, StateDef initial, List<Arrow> arrows) {
        Mermaid.Ids ids = new Mermaid.Ids(states.stream().map(StateDef::name).toList());
        List<String> lines = new ArrayList<>();
        lines.add("stateDiagram-v2");
        Map<StateDef, Set<String>> notes = new LinkedHashMap<>();
        for (StateDef s : states) {
            String id = ids.id(s.name());
            String label = s.name() + (s.hot() ? " (hot)" : "");
            lines.add(INDENT + (id.equals(label) ? id : "state \"" + Mermaid.text(label) + "\" as " + id));
            if (!s.doc().isBlank()) {
                lines.add(INDENT + id + " : " + Mermaid.text(Mermaid.shorten(s.doc(), DOC_LENGTH)));
            }
            notes.put(s, new TreeSet<>(CrossReference.ID_ORDER));
            notes.get(s).addAll(s.requirementIds());
        }
        Map<String, Long> loops = loops(arrows);
        List<String> notDrawn = loops.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " states)")
                .toList();
        if (!notDrawn.isEmpty()) {
            lines.add(INDENT + "%% not drawn, they leave the state unchanged: " + String.join(", ", notDrawn));
        }
        if (initial != null) {
            lines.add(INDENT + "[*] --> " + ids.id(initial.name()));
        }
        Map<Pair, List<Arrow>> edges = new LinkedHashMap<>();
        for (Arrow a : arrows) {
            if (loops.containsKey(a.key())) {
                continue;
            }
            for (StateDef s : a.sources()) {
                edges.computeIfAbsent(new Pair(s, a.target()), k -> new ArrayList<>()).add(a);
            }
        }
        edges.forEach((pair, group) -> lines.add(INDENT + ids.id(pair.from().name()) + " --> "
                + ids.id(pair.to().name()) + " : " + Mermaid.text(label(group))));
        for (Arrow a : arrows) {
            notes.get(a.target()).addAll(a.cited().requirementIds());
        }
        for (StateDef s : states) {
            if (s.isFinal()) {
                lines.add(INDENT + ids.id(s.name()) + " --> [*]");
            }
        }
        notes.forEach((s, reqs) -> {
            if (!reqs.isEmpty()) {
                lines.add(INDENT + "note right of " + ids.id(s.name()) + " : "
                        + Mermaid.note("REQ " + String.join(", ", reqs)));
            }
        });
        List<String> hot = states.stream().filter(StateDef::hot).map(s -> ids.id(s.name())).toList();
        if (!hot.isEmpty()) {
            lines.add(INDENT + "classDef hot fill:orange,stroke:red,stroke-width:2px");
            lines.add(INDENT + "class " + String.join(",", hot) + " hot");
        }
        return new Diagram(List.copyOf(lines), notDrawn);
    }

    /** The events that only loop, in {@link #LOOP_STATES} states or more, with the number of states. */
    private static Map<String, Long> loops(List<Arrow> arrows) {
        Map<String, List<Arrow>> byKey = new LinkedHashMap<>();
        for (Arrow a : arrows) {
            byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        byKey.forEach((key, list) -> {
            long states = list.stream().flatMap(a -> a.sources().stream()).distinct().count();
            if (list.stream().allMatch(Arrow::loops) && states >= LOOP_STATES) {
                out.put(key, states);
            }
        });
        return out;
    }

    /**
     * The label of one edge: {@code event [guard] / emits} for one transition, {@code event [n cases] /
     * emits} for several of one event, else the events, {@code […]} after guarded ones and
     * {@code / fail} after those of a monitor that fail.
     */
    private static String label(List<Arrow> group) {
        Map<String, List<Arrow>> byKey = new LinkedHashMap<>();
        for (Arrow a : group) {
            byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
        }
        if (byKey.size() == 1) {
            Arrow first = group.get(0);
            String guard = group.size() == 1
                    ? (first.guard() == null ? "" : " [" + Mermaid.shorten(first.guard(), GUARD_LENGTH) + "]")
                    : group.stream().anyMatch(a -> a.guard() != null) ? " [" + group.size() + " cases]" : "";
            List<String> effects = group.stream().flatMap(a -> a.effects().stream()).distinct().toList();
            return first.key() + guard + (effects.isEmpty() ? "" : " / " + String.join(", ", effects));
        }
        Map<String, List<String>> bySubject = new LinkedHashMap<>();
        byKey.forEach((key, list) -> bySubject.computeIfAbsent(list.get(0).subject(), k -> new ArrayList<>())
                .add(list.get(0).event() + (list.stream().anyMatch(a -> a.guard() != null) ? " [\u2026]" : "")
                        + (list.stream().anyMatch(a -> a.effects().contains("fail")) ? " / fail" : "")));
        return bySubject.entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "" : e.getKey() + ": ") + String.join(", ", e.getValue()))
                .collect(Collectors.joining(" \u00b7 "));
    }
}
