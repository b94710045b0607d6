package dev.inkan.applet;

import javacard.framework.Util;
import javacard.security.RSAPublicKey;

/**
 * DER SubjectPublicKeyInfo of an RSA public key (RFC 5280 4.1.2.7, RFC 8017 A.1.1): what READ
 * PUBLIC KEY returns for the CA to certify (REQ PRE-7). Java Card subset.
 */
final class PublicKeyInfo {
    /** AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
        (byte) 0x30, (byte) 0x0D, (byte) 0x06, (byte) 0x09, (byte) 0x2A, (byte) 0x86, (byte) 0x48,
        (byte) 0x86, (byte) 0xF7, (byte) 0x0D, (byte) 0x01, (byte) 0x01, (byte) 0x01, (byte) 0x05, (byte) 0x00,
    };

    private PublicKeyInfo() {
    }

    /**
     * Writes the SubjectPublicKeyInfo of {@code key} at {@code out[off]} and returns its length
     * (294 bytes for RSA-2048 with e = 65537). {@code tmp} (distinct from {@code out}) receives
     * the modulus and the exponent from {@code tmpOff}.
     */
    static short encode(RSAPublicKey key, byte[] out, short off, byte[] tmp, short tmpOff) {
        short modLen = key.getModulus(tmp, tmpOff);
        short modAt = significant(tmp, tmpOff, modLen);
        short modBytes = (short) (tmpOff + modLen - modAt);
        short modPad = (short) (tmp[modAt] < 0 ? 1 : 0);
        short expOff = (short) (tmpOff + modLen);
        short expLen = key.getExponent(tmp, expOff);
        short expAt = significant(tmp, expOff, expLen);
        short expBytes = (short) (expOff + expLen - expAt);
        short expPad = (short) (tmp[expAt] < 0 ? 1 : 0);
        short modTlv = tlv((short) (modBytes + modPad));
        short expTlv = tlv((short) (expBytes + expPad));
        short rsaKey = (short) (modTlv + expTlv);
        short bits = (short) (1 + tlv(rsaKey));
        short spki = (short) (RSA_ALGORITHM.length + tlv(bits));

        short at = header(out, off, (byte) 0x30, spki);
        at = Util.arrayCopyNonAtomic(RSA_ALGORITHM, (short) 0, out, at, (short) RSA_ALGORITHM.length);
        at = header(out, at, (byte) 0x03, bits);
        out[at++] = 0; // no unused bits
        at = header(out, at, (byte) 0x30, rsaKey);
        at = integer(out, at, tmp, modAt, modBytes, modPad);
        at = integer(out, at, tmp, expAt, expBytes, expPad);
        return (short) (at - off);
    }

    /** The first non-zero byte of a big-endian number (its last byte when it is zero). */
    private static short significant(byte[] buf, short off, short len) {
        short last = (short) (off + len - 1);
        short at = off;
        while (at < last && buf[at] == 0) {
            at++;
        }
        return at;
    }

    /** Bytes of a whole TLV with {@code len} content bytes. */
    private static short tlv(short len) {
        return (short) (head(len) + len);
    }

    private static short integer(byte[] out, short at, byte[] src, short srcOff, short len, short pad) {
        at = header(out, at, (byte) 0x02, (short) (len + pad));
        if (pad != 0) {
            out[at++] = 0;
        }
        return Util.arrayCopyNonAtomic(src, srcOff, out, at, len);
    }

    /** Bytes of a DER tag and length for {@code len} content bytes. */
    private static short head(short len) {
        if (len < 0x80) {
            return 2;
        }
        return (short) (len < 0x100 ? 3 : 4);
    }

    private static short header(byte[] out, short at, byte tag, short len) {
        out[at++] = tag;
        if (len < 0x80) {
            out[at++] = (byte) len;
        } else if (len < 0x100) {
            out[at++] = (byte) 0x81;
            out[at++] = (byte) len;
        } else {
            out[at++] = (byte) 0x82;
            at = Util.setShort(out, at, len);
        }
        return at;
    }
}
