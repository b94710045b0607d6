package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** {@code @req LIFE-3, PRE-1}, {@code @doc "..."}, {@code @weight 5}, {@code @unreachable "..."}. */
public record Annotation(Span span, String name, List<ReqRef> refs, String text, Integer number) {

    /** A requirement citation such as {@code LIFE-3}. */
    public record ReqRef(Span span, String id) {
    }
}
