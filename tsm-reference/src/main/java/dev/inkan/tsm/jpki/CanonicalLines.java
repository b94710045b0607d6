package dev.inkan.tsm.jpki;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The encoding the phone's signed requests share ({@link RevocationRequest}, {@link AppKeyBinding}):
 * UTF-8, a first line naming the request, then one {@code name: value} line per field in a fixed
 * order, each line ending in a newline, nothing else. Decoders re-encode what they read and
 * compare, so only the canonical form is ever accepted.
 */
final class CanonicalLines {
    private CanonicalLines() {
    }

    /**
     * The values of {@code names}, in order, from {@code bytes}.
     *
     * @throws IllegalArgumentException when the first line is not {@code magic}, a line is missing or extra, or a name differs
     */
    static String[] read(byte[] bytes, String magic, String what, String... names) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length != names.length + 2 || !lines[0].equals(magic) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not " + what);
        }
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = Application.field(lines[i + 1], names[i]);
        }
        return values;
    }

    static long person(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad person", e);
        }
    }

    static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time", e);
        }
    }
}
