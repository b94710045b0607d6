package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An event a machine handles. External events are chosen by the environment (the role in
 * {@code by}); internal ones only arrive through {@code emit}.
 */
public final class EventDef extends Element {
    private final MachineDef machine;
    private final int index;
    private final boolean internal;
    private final List<Variable> params = new ArrayList<>();
    private RoleDef role;
    private int weight = 1;

    public EventDef(MachineDef machine, String name, Span span, int index, boolean internal) {
        super(name, span);
        this.machine = machine;
        this.index = index;
        this.internal = internal;
    }

    public MachineDef machine() {
        return machine;
    }

    public int index() {
        return index;
    }

    public boolean internal() {
        return internal;
    }

    public List<Variable> params() {
        return params;
    }

    public RoleDef role() {
        return role;
    }

    public void setRole(RoleDef role) {
        this.role = role;
    }

    /** Relative weight when random action chains pick among enabled events. */
    public int weight() {
        return weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }
}
