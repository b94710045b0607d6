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
        return requirements.stream().map(ReqCitation::id).distinct().sorted(REQUIREMENT_ORDER).toList();
    }

    /** PRE-2 before PRE-10: by prefix, then by number. */
    public static final java.util.Comparator<String> REQUIREMENT_ORDER = (a, b) -> {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        int c = a.substring(0, Math.max(da, 0)).compareTo(b.substring(0, Math.max(db, 0)));
        if (c != 0 || da < 0 || db < 0) {
            return c != 0 ? c : a.compareTo(b);
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(da + 1)), Integer.parseInt(b.substring(db + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    };

    @Override
    public String toString() {
        return name;
    }
}
