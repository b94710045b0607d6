package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/**
 * A named value: a parameter of a machine, event, function, monitor or protocol, a state
 * variable, or a binder of a quantifier or loop. {@code index} is its position among its kind
 * in its owner.
 */
public final class Variable {
    public enum Kind {
        MACHINE_PARAM, MACHINE_VAR, EVENT_PARAM, FUNCTION_PARAM, MONITOR_PARAM, MONITOR_VAR,
        OBSERVED_PARAM, PROTOCOL_PARAM, COMMAND_PARAM, LOCAL
    }

    private final String name;
    private final Type type;
    private final Span span;
    private final Kind kind;
    private final int index;
    private Expr init;

    public Variable(String name, Type type, Span span, Kind kind, int index) {
        this.name = name;
        this.type = type;
        this.span = span;
        this.kind = kind;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Span span() {
        return span;
    }

    public Kind kind() {
        return kind;
    }

    public int index() {
        return index;
    }

    /** Initial value of a state variable; null means the type's first value. */
    public Expr init() {
        return init;
    }

    public void setInit(Expr init) {
        this.init = init;
    }

    @Override
    public String toString() {
        return name;
    }
}
