package dev.inkan.se.gp;

import java.util.Arrays;

/** Reads length-value fields (one length byte) as INSTALL uses them; {@code null} on overrun. */
final class LvReader {
    private final byte[] data;
    private int pos;
    private boolean failed;

    LvReader(byte[] data) {
        this.data = data;
    }

    /** The next field's value, or null (and failure recorded) when it runs past the end. */
    byte[] next() {
        if (failed || pos >= data.length) {
            failed = true;
            return null;
        }
        int len = data[pos++] & 0xFF;
        if (pos + len > data.length) {
            failed = true;
            return null;
        }
        byte[] v = Arrays.copyOfRange(data, pos, pos + len);
        pos += len;
        return v;
    }

    /** True when every field was read and nothing is left over. */
    boolean complete() {
        return !failed && pos == data.length;
    }

    boolean failed() {
        return failed;
    }
}
