package dev.inkan.se.apdu;

import dev.inkan.se.util.Hex;

/** A response whose status word was not the expected one; carries the status word and data. */
public class StatusWordException extends RuntimeException {
    private final int sw;
    private final byte[] data;

    public StatusWordException(int sw, byte[] data) {
        super("status word " + Hex.shortHex(sw));
        this.sw = sw;
        this.data = data.clone();
    }

    /** The status word, 0x0000..0xFFFF. */
    public int sw() {
        return sw;
    }

    /** Response data that came with the status word (usually empty). */
    public byte[] data() {
        return data.clone();
    }
}
