package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** An {@code @req} citation of a requirement id. */
public record ReqCitation(String id, Span span) {
}
