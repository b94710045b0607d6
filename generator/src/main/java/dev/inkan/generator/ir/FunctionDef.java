package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** A pure function: {@code fun limit(k: PinKind): 0..5 = if k == Auth then 3 else 5}. */
public final class FunctionDef extends Element {
    private final List<Variable> params = new ArrayList<>();
    private Type result = Type.ERROR;
    private Expr body;

    public FunctionDef(String name, Span span) {
        super(name, span);
    }

    public List<Variable> params() {
        return params;
    }

    public Type result() {
        return result;
    }

    public void setResult(Type result) {
        this.result = result;
    }

    public Expr body() {
        return body;
    }

    public void setBody(Expr body) {
        this.body = body;
    }
}
