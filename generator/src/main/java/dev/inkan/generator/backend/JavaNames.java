package dev.inkan.generator.backend;

import java.util.Set;

/** Java identifiers for spec names. */
public final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private JavaNames() {
    }

    public static String upperSnake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    public static String upperCamel(String name) {
        if (name.contains("_") || name.chars().noneMatch(Character::isLowerCase)) {
            StringBuilder s = new StringBuilder();
            for (String part : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
                if (!part.isEmpty()) {
                    s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            return s.toString();
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public static String lowerCamel(String name) {
        String u = upperCamel(name);
        String s = Character.toLowerCase(u.charAt(0)) + u.substring(1);
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /** A Java string literal. */
    public static String literal(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
