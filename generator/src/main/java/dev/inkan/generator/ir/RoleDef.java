package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** An actor: who triggers events and takes part in protocols. */
public final class RoleDef extends Element {
    public RoleDef(String name, Span span) {
        super(name, span);
    }
}
