package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An observer of the events machines take, with its own state (P's spec machines). It fails
 * with {@code fail "..."}; a hot state expresses "must eventually be left" (liveness).
 */
public final class MonitorDef extends Element {
    private final List<Variable> params = new ArrayList<>();
    private final List<Variable> vars = new ArrayList<>();
    private final List<StateDef> states = new ArrayList<>();
    private final List<ObservationDef> observations = new ArrayList<>();

    public MonitorDef(String name, Span span) {
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

    public List<ObservationDef> observations() {
        return observations;
    }
}
