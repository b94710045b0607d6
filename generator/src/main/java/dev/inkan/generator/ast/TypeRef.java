package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;

/** A type as written in a spec. */
public sealed interface TypeRef {
    Span span();

    record Bool(Span span) implements TypeRef {
    }

    record Range(Span span, long lo, long hi) implements TypeRef {
    }

    record Byte(Span span) implements TypeRef {
    }

    record Bytes(Span span) implements TypeRef {
    }

    /** An enum, a domain or a machine name, optionally with {@code ?} for "or none". */
    record Named(Span span, Name name, boolean optional) implements TypeRef {
    }
}
