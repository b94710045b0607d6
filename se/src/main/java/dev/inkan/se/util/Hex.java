package dev.inkan.se.util;

import java.util.HexFormat;

/** Hexadecimal helpers: upper-case, no separators; parsing ignores spaces and colons. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of().withUpperCase();

    private Hex() {
    }

    /** Encodes {@code bytes} as upper-case hex. */
    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Encodes {@code length} bytes of {@code bytes} from {@code offset}. */
    public static String encode(byte[] bytes, int offset, int length) {
        return FORMAT.formatHex(bytes, offset, offset + length);
    }

    /**
     * Decodes hex text; whitespace and ':' separators are ignored.
     *
     * @throws IllegalArgumentException on an odd number of digits or a non-hex character
     */
    public static byte[] decode(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != ':') {
                clean.append(c);
            }
        }
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + text);
        }
        return FORMAT.parseHex(clean);
    }

    /** Two hex digits of one byte. */
    public static String byteHex(int b) {
        return FORMAT.toHexDigits((byte) b);
    }

    /** Four hex digits of a 16-bit value (a status word, for instance). */
    public static String shortHex(int s) {
        return FORMAT.toHexDigits((short) s);
    }
}
