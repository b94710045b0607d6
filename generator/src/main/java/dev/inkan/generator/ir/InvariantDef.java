package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** A predicate every reachable state must satisfy. */
public final class InvariantDef extends Element {
    private Expr body;

    public InvariantDef(String name, Span span) {
        super(name, span);
    }

    public Expr body() {
        return body;
    }

    public void setBody(Expr body) {
        this.body = body;
    }
}
