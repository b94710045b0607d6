package dev.inkan.generator.diag;

/**
 * A region of a spec file: 1-based line and column of its first character and its length on
 * that line. Every AST and IR element carries one, so no diagnostic loses its position.
 */
public record Span(SourceFile file, int line, int column, int length) implements Comparable<Span> {

    public Span {
        if (line < 1) {
            line = 1;
        }
        if (column < 1) {
            column = 1;
        }
        if (length < 1) {
            length = 1;
        }
    }

    /** Where a span points: {@code file:line:col}. */
    public String location() {
        return file.displayName() + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(Span o) {
        int c = file.displayName().compareTo(o.file.displayName());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return location();
    }
}
