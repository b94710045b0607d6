package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code on Machine(patterns).event from S -> T when g { ... }} in a monitor. A pattern is an
 * expression the instance's parameter must equal, or null for {@code _}. The observed machine's
 * parameters and the event's parameters are in scope in the guard and body.
 */
public final class ObservationDef extends Element {
    private final MonitorDef monitor;
    private final int index;
    private final MachineDef machine;
    private final EventDef event;
    private final List<Expr> patterns = new ArrayList<>();
    private final List<Variable> observedParams = new ArrayList<>();
    private final List<StateDef> sources = new ArrayList<>();
    private final StateDef target;
    private final Expr guard;
    private final List<Stmt> body;

    public ObservationDef(MonitorDef monitor, int index, MachineDef machine, EventDef event, Span span,
                          StateDef target, Expr guard, List<Stmt> body) {
        super(event.name(), span);
        this.monitor = monitor;
        this.index = index;
        this.machine = machine;
        this.event = event;
        this.target = target;
        this.guard = guard;
        this.body = body;
    }

    public MonitorDef monitor() {
        return monitor;
    }

    public int index() {
        return index;
    }

    public MachineDef machine() {
        return machine;
    }

    public EventDef event() {
        return event;
    }

    /** One entry per machine parameter (null = any); empty when the machine has no parameters. */
    public List<Expr> patterns() {
        return patterns;
    }

    /** The observed machine's parameters as seen inside this observation. */
    public List<Variable> observedParams() {
        return observedParams;
    }

    public List<StateDef> sources() {
        return sources;
    }

    public StateDef target() {
        return target;
    }

    public Expr guard() {
        return guard;
    }

    public List<Stmt> body() {
        return body;
    }
}
