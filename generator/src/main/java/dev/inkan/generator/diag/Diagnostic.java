package dev.inkan.generator.diag;

/**
 * One problem found in the specs. {@code related} optionally points at a second place, such as
 * the earlier declaration of a duplicated name.
 */
public record Diagnostic(Severity severity, Span span, String code, String message, Span related)
        implements Comparable<Diagnostic> {

    @Override
    public int compareTo(Diagnostic o) {
        int c = span.compareTo(o.span);
        if (c != 0) {
            return c;
        }
        c = severity.compareTo(o.severity);
        return c != 0 ? c : message.compareTo(o.message);
    }

    /** The one-line form: {@code file:line:col: error: message}. */
    public String headline() {
        return span.location() + ": " + severity.label() + ": " + message;
    }
}
