package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A state machine; one instance exists for every combination of its parameters' values. */
public final class MachineDef extends Element {
    private final List<Variable> params = new ArrayList<>();
    private final List<Variable> vars = new ArrayList<>();
    private final List<StateDef> states = new ArrayList<>();
    private final List<EventDef> events = new ArrayList<>();
    private final List<TransitionDef> transitions = new ArrayList<>();
    private final Map<EventDef, Set<StateDef>> ignored = new LinkedHashMap<>();

    public MachineDef(String name, Span span) {
        super(name, span);
    }

    public List<Variable> params() {
        return params;
    }

    public List<Variable> vars() {
        return vars;
    }

    public List<StateDef> states() {
        return states;
    }

    public StateDef state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public StateDef initialState() {
        return states.stream().filter(StateDef::initial).findFirst().orElse(states.isEmpty() ? null : states.get(0));
    }

    public List<EventDef> events() {
        return events;
    }

    public EventDef event(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    public List<TransitionDef> transitions() {
        return transitions;
    }

    /** Events that are silently dropped in the given states when no transition takes them. */
    public Map<EventDef, Set<StateDef>> ignored() {
        return ignored;
    }

    public List<TransitionDef> transitionsOf(EventDef event) {
        return transitions.stream().filter(t -> t.event() == event).toList();
    }
}
