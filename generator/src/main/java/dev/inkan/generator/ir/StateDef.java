package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** A state of a machine or monitor. Hot states of monitors must eventually be left (liveness). */
public final class StateDef extends Element {
    private final int index;
    private final boolean initial;
    private final boolean isFinal;
    private final boolean hot;

    public StateDef(String name, Span span, int index, boolean initial, boolean isFinal, boolean hot) {
        super(name, span);
        this.index = index;
        this.initial = initial;
        this.isFinal = isFinal;
        this.hot = hot;
    }

    public int index() {
        return index;
    }

    public boolean initial() {
        return initial;
    }

    public boolean isFinal() {
        return isFinal;
    }

    public boolean hot() {
        return hot;
    }
}
