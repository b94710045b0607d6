package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sizes of the domains for exploration and testing: {@code system Default { Person = 2 }}. */
public final class SystemDef extends Element {
    private final Map<DomainDef, Integer> sizes = new LinkedHashMap<>();

    public SystemDef(String name, Span span) {
        super(name, span);
    }

    public Map<DomainDef, Integer> sizes() {
        return sizes;
    }
}
