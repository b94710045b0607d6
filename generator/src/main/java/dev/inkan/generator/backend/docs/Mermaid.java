package dev.inkan.generator.backend.docs;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Text and identifiers that Mermaid's parsers accept. Labels of {@code stateDiagram-v2} end at
 * {@code ;}, notes at {@code :} or {@code ;}, and {@code #} starts a comment or an entity; quotes
 * end a state description and braces open composite states. Such characters are replaced by
 * look-alikes (the full-width forms) so the label reads the same and parses.
 */
public final class Mermaid {
    /** Characters that never appear in a label we write. */
    public static final String FORBIDDEN = "\";#{}%";

    /**
     * Words Mermaid's lexers take as keywords (case-insensitively) where an identifier may stand,
     * in state and sequence diagrams: a state or role with such a name gets an alias.
     */
    private static final Set<String> RESERVED = Set.of("state", "note", "class", "classdef", "style", "scale",
            "click", "href", "default", "hide", "direction", "acctitle", "accdescr", "end", "as", "statediagram",
            "box", "participant", "actor", "create", "destroy", "loop", "rect", "opt", "alt", "else", "par",
            "par_over", "and", "critical", "option", "break", "left", "right", "links", "link", "properties",
            "details", "over", "activate", "deactivate", "title", "sequencediagram", "autonumber", "off", "wrap",
            "nowrap");

    private Mermaid() {
    }

    /** A label for a transition, message or block: one line, no character Mermaid chokes on. */
    public static String text(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> out.append('\'');
                case ';' -> out.append('\uFF1B');
                case '#' -> out.append('\uFF03');
                case '{' -> out.append('\uFF5B');
                case '}' -> out.append('\uFF5D');
                case '%' -> out.append('\uFF05');
                case '<' -> out.append(i + 1 < raw.length() && tagStart(raw.charAt(i + 1)) ? '\u2039' : '<');
                case ':' -> out.append(i + 1 < raw.length() && raw.charAt(i + 1) == ':' ? "\uFF1A" : ":");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** A note of a state diagram: like {@link #text} and without colons, which end the note there. */
    public static String note(String raw) {
        return text(raw).replace(':', '\uFF1A');
    }

    /** Shortens to at most {@code max} characters, ending with an ellipsis when cut. */
    public static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "\u2026";
    }

    private static boolean tagStart(char c) {
        return Character.isLetter(c) || c == '/' || c == '!' || c == '?';
    }

    /** Whether a name must be aliased to serve as a state id or participant. */
    public static boolean reserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Gives every name of one diagram an id the diagram's lexer reads as an id, unique in it. */
    static final class Ids {
        private final Set<String> used = new HashSet<>();
        private final java.util.Map<String, String> ids = new java.util.HashMap<>();

        Ids(Iterable<String> names) {
            for (String n : names) {
                used.add(n);
            }
        }

        String id(String name) {
            return ids.computeIfAbsent(name, n -> {
                if (!reserved(n)) {
                    return n;
                }
                String id = "x_" + n;
                while (used.contains(id)) {
                    id = id + "_";
                }
                used.add(id);
                return id;
            });
        }
    }
}
