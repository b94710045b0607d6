package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Members of machines and monitors. */
public final class Member {
    private Member() {
    }

    public record Var(Span span, List<Annotation> annotations, Name name, TypeRef type, Expr init) {
    }

    /** One {@code state} line: {@code initial state A} or {@code final state B, C}. */
    public record States(Span span, List<Annotation> annotations, List<String> modifiers, List<Name> names) {
    }

    public record Event(Span span, List<Annotation> annotations, Name name, List<Param> params, boolean internal,
                        Name role) {
    }

    /** A state set: {@code any} for {@code *}, else the names. */
    public record StateSet(Span span, boolean any, List<Name> names) {
    }

    /** A transition; {@code target} null for {@code -> *}: each source state stays as it is. */
    public record Transition(Span span, List<Annotation> annotations, Name event, StateSet source, Name target,
                             Expr guard, List<Stmt> body) {
    }

    public record Ignore(Span span, List<Annotation> annotations, List<Name> events, StateSet states) {
    }

    /** A monitor's {@code on Machine(patterns).event from S -> T when g { ... }}; a null pattern is {@code _}. */
    public record Observation(Span span, List<Annotation> annotations, Name machine, List<Expr> patterns,
                              boolean hasPatterns, Name event, StateSet source, Name target, Expr guard,
                              List<Stmt> body) {
    }
}
