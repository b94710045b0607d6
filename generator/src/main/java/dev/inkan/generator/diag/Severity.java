package dev.inkan.generator.diag;

/** How bad a diagnostic is; errors make {@code spec check} exit 1. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
