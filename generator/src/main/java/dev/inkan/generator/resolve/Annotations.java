package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.Annotation;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.TransitionDef;
import java.util.List;
import java.util.Set;

/** Applies annotations to elements and reports those an element does not take. */
final class Annotations {
    private final Diagnostics diagnostics;

    Annotations(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** {@code @req} and {@code @doc}, which every element takes. */
    void apply(Element e, List<Annotation> annotations) {
        apply(e, annotations, Set.of("req", "doc"));
    }

    /** Applies {@code @req} and {@code @doc}, and reports annotations the element does not take. */
    void apply(Element e, List<Annotation> annotations, Set<String> allowed) {
        for (Annotation a : annotations) {
            if (!allowed.contains(a.name())) {
                if (!Set.of("req", "doc", "weight", "unreachable").contains(a.name())) {
                    diagnostics.invalid(a.span(), "unknown annotation @" + a.name());
                } else {
                    diagnostics.invalid(a.span(), "@" + a.name() + " does not apply here");
                }
                continue;
            }
            switch (a.name()) {
                case "req" -> {
                    if (a.refs().isEmpty()) {
                        diagnostics.invalid(a.span(), "@req needs requirement ids, such as @req LIFE-3");
                    }
                    for (Annotation.ReqRef r : a.refs()) {
                        e.requirements().add(new ReqCitation(r.id(), r.span()));
                    }
                }
                case "doc" -> {
                    if (a.text() == null) {
                        diagnostics.invalid(a.span(), "@doc needs a string");
                    } else {
                        e.setDoc(a.text());
                    }
                }
                case "weight" -> {
                    if (a.number() == null || a.number() < 0) {
                        diagnostics.invalid(a.span(), "@weight needs a number >= 0");
                    } else if (e instanceof EventDef ev) {
                        ev.setWeight(a.number());
                    }
                }
                case "unreachable" -> {
                    if (e instanceof TransitionDef t) {
                        t.setUnreachableReason(a.text() == null ? "" : a.text());
                    }
                }
                default -> {
                }
            }
        }
    }
}
