package dev.inkan.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * One certificate EF (0001, 0002, 000A or 000B): a DER certificate received in blocks from the
 * SP-TSM (STORE CERTIFICATE) and readable with READ BINARY once complete. Java Card subset.
 */
final class CertFile {
    /** Largest certificate an EF holds (JPKI certificates are about 1.2 to 2 KB). */
    static final short CAPACITY = Rules.CERT_CAPACITY;
    /** Bytes of every block but the last (STORE CERTIFICATE, spec/applet.jsm). */
    static final short BLOCK = Rules.CERT_BLOCK;

    /** The FID, which is also the CertFile code of STORE CERTIFICATE's P1. */
    final short fid;
    /** The key slot the certificate belongs to. */
    final byte slot;
    /** End-entity certificate (0001, 000A) rather than the CA certificate (0002, 000B). */
    final boolean endEntity;
    final byte[] data;
    /** Length of the complete DER certificate; 0 while none is stored. */
    short length;
    /** Bytes received so far by STORE CERTIFICATE. */
    short written;

    CertFile(short fid, byte slot, boolean endEntity) {
        this.fid = fid;
        this.slot = slot;
        this.endEntity = endEntity;
        data = new byte[CAPACITY];
    }

    boolean complete() {
        return length != 0;
    }

    /**
     * Writes block {@code block} (P2 without bit 8) of {@code len} bytes from {@code buf}.
     * Blocks come in order from 0; block 0 starts the file over. Everything is checked before
     * anything is written, so a refused block changes nothing. Call inside a transaction.
     */
    void writeBlock(short block, boolean last, byte[] buf, short off, short len) {
        short at = block == 0 ? 0 : written;
        if (len <= 0 || len > BLOCK || (!last && len != BLOCK)) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        if (block < 0 || block > (short) (CAPACITY / BLOCK) || (block != 0 && (length != 0
                || (short) (block * BLOCK) != written))) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short declared;
        if (block == 0) {
            if (len < 4 || buf[off] != (byte) 0x30 || buf[(short) (off + 1)] != (byte) 0x82) {
                ISOException.throwIt(ISO7816.SW_WRONG_DATA);
            }
            declared = (short) (Util.getShort(buf, (short) (off + 2)) + 4);
        } else {
            declared = (short) (Util.getShort(data, (short) 2) + 4);
        }
        short refusal = Rules.certBlockRefusal(at, len, last, declared);
        if (refusal != 0) {
            ISOException.throwIt(refusal);
        }
        short end = (short) (at + len);
        Util.arrayCopy(buf, off, data, at, len);
        written = end;
        length = last ? end : 0;
    }

    /** Forgets the certificate (in the caller's transaction); {@link #zeroise} clears the bytes. */
    void erase() {
        length = 0;
        written = 0;
    }

    /** Overwrites the bytes (LIFE-8); not atomic, call after the erasure committed. */
    void zeroise() {
        Util.arrayFillNonAtomic(data, (short) 0, CAPACITY, (byte) 0);
    }

    /** Whether {@code len} bytes of {@code buf} at {@code off} occur in the certificate. */
    boolean contains(byte[] buf, short off, short len) {
        short last = (short) (length - len);
        for (short i = 0; i <= last; i++) {
            if (data[i] == buf[off] && Util.arrayCompare(data, i, buf, off, len) == 0) {
                return true;
            }
        }
        return false;
    }
}
