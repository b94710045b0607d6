package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;

/** An identifier as written, with its position. */
public record Name(Span span, String text) {
    @Override
    public String toString() {
        return text;
    }
}
