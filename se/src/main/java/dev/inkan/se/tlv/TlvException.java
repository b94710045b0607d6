package dev.inkan.se.tlv;

/** Malformed BER-TLV input. Checked, so card-side callers must map it to a status word. */
public final class TlvException extends Exception {
    public TlvException(String message) {
        super(message);
    }
}
