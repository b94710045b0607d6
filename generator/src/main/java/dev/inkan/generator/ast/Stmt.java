package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Statements of transition and observation bodies. */
public sealed interface Stmt {
    Span span();

    record Assign(Span span, Name target, Expr value) implements Stmt {
    }

    /** {@code emit Machine(args).event(args)}; {@code machine} is null for {@code self}. */
    record Emit(Span span, Name machine, List<Expr> instanceArgs, Name event, List<Expr> args) implements Stmt {
    }

    record For(Span span, List<Param> binders, Expr filter, List<Stmt> body) implements Stmt {
    }

    record If(Span span, Expr cond, List<Stmt> thenBody, List<Stmt> elseBody) implements Stmt {
    }

    record Fail(Span span, String message) implements Stmt {
    }
}
