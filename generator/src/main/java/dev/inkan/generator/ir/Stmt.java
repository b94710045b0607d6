package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Checked statements of transition and observation bodies. */
public sealed interface Stmt {
    Span span();

    record Assign(Span span, Variable target, Expr value) implements Stmt {
    }

    /** Queues {@code event(args)} for {@code target}; processed after the current transition. */
    record Emit(Span span, Expr target, EventDef event, List<Expr> args) implements Stmt {
    }

    record For(Span span, List<Variable> binders, Expr filter, List<Stmt> body) implements Stmt {
    }

    record If(Span span, Expr cond, List<Stmt> thenBody, List<Stmt> elseBody) implements Stmt {
    }

    /** Reports a violation (monitors). */
    record Fail(Span span, String message) implements Stmt {
    }
}
