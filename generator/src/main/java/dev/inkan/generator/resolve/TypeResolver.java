package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.TypeRef;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.Type;

/** Resolves written types to {@link Type}s. */
final class TypeResolver {
    private final Diagnostics diagnostics;
    private final GlobalNames globals;

    TypeResolver(Diagnostics diagnostics, GlobalNames globals) {
        this.diagnostics = diagnostics;
        this.globals = globals;
    }

    /** @param bytesAllowed whether {@code byte} and {@code bytes} may appear (command parameters) */
    Type resolve(TypeRef ref, SourceFile file, boolean bytesAllowed) {
        if (ref instanceof TypeRef.Bool b) {
            return Type.BOOL;
        }
        if (ref instanceof TypeRef.Range r) {
            if (r.lo() > r.hi()) {
                diagnostics.badType(r.span(), "empty range " + r.lo() + ".." + r.hi());
                return Type.ERROR;
            }
            if (r.hi() - r.lo() > 255) {
                diagnostics.badType(r.span(), "range " + r.lo() + ".." + r.hi()
                        + " has more than 256 values; state must stay small enough to explore");
                return Type.ERROR;
            }
            return new Type.Int(r.lo(), r.hi());
        }
        if (ref instanceof TypeRef.Byte b) {
            if (!bytesAllowed) {
                diagnostics.badType(b.span(), "'byte' is only allowed for command parameters; use a range");
            }
            return Type.BYTE;
        }
        if (ref instanceof TypeRef.Bytes b) {
            if (!bytesAllowed) {
                diagnostics.badType(b.span(), "'bytes' is only allowed for command parameters");
            }
            return Type.BYTES;
        }
        if (ref instanceof TypeRef.Named n) {
            Element e = globals.peek(file, n.name().text());
            Type inner;
            if (e instanceof EnumDef en) {
                inner = new Type.Enum(en);
            } else if (e instanceof DomainDef d) {
                inner = new Type.Domain(d);
            } else {
                if (e != null) {
                    diagnostics.wrongKind(n.name().span(), n.name().text(), "a type (enum or domain)",
                            Resolver.describe(e));
                } else {
                    globals.find(file, n.name().span(), n.name().text(), EnumDef.class, "type");
                }
                return Type.ERROR;
            }
            return n.optional() ? new Type.Optional(inner) : inner;
        }
        throw new IllegalStateException("unhandled " + ref);
    }
}
