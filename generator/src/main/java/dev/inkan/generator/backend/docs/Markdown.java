package dev.inkan.generator.backend.docs;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** Markdown pieces: table cells, code spans, anchors and links, as GitHub renders them. */
final class Markdown {
    /** What an empty table cell shows. */
    static final String NONE = "\u2014";

    private Markdown() {
    }

    /** Text in a table cell: one line, pipes escaped. */
    static String cell(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        return s.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
    }

    /** A code span in a table cell (pipes escaped, which GitHub undoes inside the span); empty for none. */
    static String code(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String fence = s.contains("`") ? "``" : "`";
        String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
        return fence + pad + cell(s) + pad + fence;
    }

    /** Comma-separated requirement ids ({@code LIFE-6} before {@code LIFE-11}), or empty. */
    static String ids(Collection<String> ids) {
        return ids.stream().sorted(CrossReference.ID_ORDER).collect(Collectors.joining(", "));
    }

    /** The anchor GitHub gives a heading made of words and identifiers: lower case, spaces as dashes. */
    static String anchor(String heading) {
        StringBuilder out = new StringBuilder();
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }

    static String link(String text, String target) {
        return "[" + text.replace("[", "\\[").replace("]", "\\]") + "](" + target + ")";
    }
}
