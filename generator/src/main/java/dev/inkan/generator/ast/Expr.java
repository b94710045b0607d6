package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Expressions of the DSL, as parsed (names unresolved, no types yet). */
public sealed interface Expr {
    Span span();

    record IntLit(Span span, long value) implements Expr {
    }

    record BoolLit(Span span, boolean value) implements Expr {
    }

    record NoneLit(Span span) implements Expr {
    }

    record Self(Span span) implements Expr {
    }

    record NameRef(Span span, Name name) implements Expr {
    }

    /** {@code f(a, b)}: a function call or a machine instance {@code Machine(a, b)}. */
    record Call(Span span, Name name, List<Expr> args) implements Expr {
    }

    record Field(Span span, Expr target, Name field) implements Expr {
    }

    record Unary(Span span, String op, Expr operand) implements Expr {
    }

    record Binary(Span span, String op, Expr left, Expr right) implements Expr {
    }

    /** {@code x in {A, B}} and {@code x not in {A, B}}; also {@code x is A} (one member). */
    record In(Span span, Expr subject, List<Name> members, boolean negated) implements Expr {
    }

    record Conditional(Span span, Expr cond, Expr thenValue, Expr elseValue) implements Expr {
    }

    record Quantified(Span span, boolean universal, List<Param> binders, Expr body) implements Expr {
    }

    record Count(Span span, List<Param> binders, Expr body) implements Expr {
    }
}
