package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** {@code on event from sources -> target when guard { body }}. */
public final class TransitionDef extends Element {
    private final MachineDef machine;
    private final int index;
    private final EventDef event;
    private final List<StateDef> sources = new ArrayList<>();
    private final StateDef target;
    private final Expr guard;
    private final List<Stmt> body;
    private String unreachableReason;

    public TransitionDef(MachineDef machine, int index, EventDef event, Span span, StateDef target, Expr guard,
                         List<Stmt> body) {
        super(event.name(), span);
        this.machine = machine;
        this.index = index;
        this.event = event;
        this.target = target;
        this.guard = guard;
        this.body = body;
    }

    public MachineDef machine() {
        return machine;
    }

    public int index() {
        return index;
    }

    public EventDef event() {
        return event;
    }

    public List<StateDef> sources() {
        return sources;
    }

    public StateDef target() {
        return target;
    }

    /** Null when the transition has no guard. */
    public Expr guard() {
        return guard;
    }

    public List<Stmt> body() {
        return body;
    }

    /** Set by {@code @unreachable "why"}: coverage does not ask for this transition. */
    public String unreachableReason() {
        return unreachableReason;
    }

    public void setUnreachableReason(String reason) {
        this.unreachableReason = reason;
    }

    /** {@code Machine.event(S1,S2->T)#i}: a stable, readable identifier used in coverage reports. */
    public String label() {
        StringBuilder s = new StringBuilder(machine.name()).append('.').append(event.name()).append('(');
        for (int i = 0; i < sources.size(); i++) {
            s.append(i > 0 ? "," : "").append(sources.get(i).name());
        }
        return s.append("->").append(target.name()).append(")#").append(index).toString();
    }
}
