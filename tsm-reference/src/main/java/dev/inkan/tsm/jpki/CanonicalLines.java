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

    /** {@code magic}, then a {@code name: value} line per pair of {@code namesAndValues}, in order. */
    static byte[] encode(String magic, Object... namesAndValues) {
        StringBuilder b = new StringBuilder(magic).append('\n');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The fields every request of the phone about a person on a phone carries, checked. */
    static void requirePersonOnPhone(long person, String handset, String nonce, Instant time) {
        java.util.Objects.requireNonNull(handset, "handset");
        java.util.Objects.requireNonNull(nonce, "nonce");
        java.util.Objects.requireNonNull(time, "time");
        Application.checkHandsetAndNonce(handset, nonce);
        if (person < 0) {
            throw new IllegalArgumentException("person: a registry id, not " + person);
        }
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
