package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** What every named element of the checked model has: a name, a span, citations and a doc line. */
public abstract class Element {
    private final String name;
    private final Span span;
    private final List<ReqCitation> requirements = new ArrayList<>();
    private String doc = "";

    protected Element(String name, Span span) {
        this.name = name;
        this.span = span;
    }

    public String name() {
        return name;
    }

    public Span span() {
        return span;
    }

    public List<ReqCitation> requirements() {
        return requirements;
    }

    public String doc() {
        return doc;
    }

    public void setDoc(String doc) {
        this.doc = doc;
    }

    /** Requirement ids as a sorted, distinct list. */
    public List<String> requirementIds() {
        return requirements.stream().map(ReqCitation::id).distinct().sorted().toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
