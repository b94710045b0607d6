package dev.inkan.generator.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A spec file's text with its line index, so every span can show its source line. */
public final class SourceFile {
    private final Path path;
    private final String displayName;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(Path path, String displayName, String text) {
        this.path = path;
        this.displayName = displayName;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public Path path() {
        return path;
    }

    /** The name diagnostics print: the path as the user gave it. */
    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Text of a 1-based line without its line terminator; empty when out of range. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
