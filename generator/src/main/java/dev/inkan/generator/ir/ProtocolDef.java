package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** Ordered messages between roles; some are APDU scripts sent to the SE under a domain's keys. */
public final class ProtocolDef extends Element {
    private final List<Variable> params = new ArrayList<>();
    private final List<RoleDef> roles = new ArrayList<>();
    private final List<ProtocolStep> steps = new ArrayList<>();

    public ProtocolDef(String name, Span span) {
        super(name, span);
    }

    public List<Variable> params() {
        return params;
    }

    public List<RoleDef> roles() {
        return roles;
    }

    public List<ProtocolStep> steps() {
        return steps;
    }
}
