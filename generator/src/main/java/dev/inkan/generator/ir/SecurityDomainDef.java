package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** A GlobalPlatform security domain and the role that holds its keys. */
public final class SecurityDomainDef extends Element {
    private final byte[] aid;
    private RoleDef owner;
    private SecurityDomainDef parent;

    public SecurityDomainDef(String name, Span span, byte[] aid) {
        super(name, span);
        this.aid = aid;
    }

    public byte[] aid() {
        return aid.clone();
    }

    public RoleDef owner() {
        return owner;
    }

    public void setOwner(RoleDef owner) {
        this.owner = owner;
    }

    public SecurityDomainDef parent() {
        return parent;
    }

    public void setParent(SecurityDomainDef parent) {
        this.parent = parent;
    }
}
