package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** A finite, symmetric set of entities (persons, phones); its size comes from a system. */
public final class DomainDef extends Element {
    public DomainDef(String name, Span span) {
        super(name, span);
    }
}
