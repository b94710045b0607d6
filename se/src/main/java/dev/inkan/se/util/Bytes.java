package dev.inkan.se.util;

import java.security.MessageDigest;
import java.util.Arrays;

/** Small byte-array helpers used by both the card side and the host side. */
public final class Bytes {
    private Bytes() {
    }

    /** Concatenation of all arguments. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, offset, p.length);
            offset += p.length;
        }
        return out;
    }

    /** Copy of {@code length} bytes from {@code offset}. */
    public static byte[] slice(byte[] source, int offset, int length) {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    /** Constant-time comparison of two regions of equal length. */
    public static boolean constantTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= a[aOffset + i] ^ b[bOffset + i];
        }
        return diff == 0;
    }

    /** Constant-time comparison of whole arrays (lengths are not secret). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Unsigned big-endian 16-bit value at {@code offset}. */
    public static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }

    /** Big-endian encoding of {@code value} in {@code length} bytes. */
    public static byte[] bigEndian(long value, int length) {
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** Unsigned big-endian value of {@code length} bytes at {@code offset}. */
    public static long unsignedBigEndian(byte[] data, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (data[offset + i] & 0xFF);
        }
        return v;
    }

    /**
     * ISO/IEC 9797-1 method 2 padding ('80' then '00's) to a multiple of {@code blockSize}; always
     * adds at least one byte (GP 2.3 B.2.3).
     */
    public static byte[] pad80(byte[] data, int blockSize) {
        int padded = (data.length / blockSize + 1) * blockSize;
        byte[] out = Arrays.copyOf(data, padded);
        out[data.length] = (byte) 0x80;
        return out;
    }

    /**
     * Removes ISO/IEC 9797-1 method 2 padding; returns -1 when the padding is malformed (no '80'
     * marker in the last block, or a non-zero byte after it).
     */
    public static int unpad80Length(byte[] data, int offset, int length, int blockSize) {
        int end = offset + length - 1;
        int limit = offset + Math.max(0, length - blockSize);
        for (int i = end; i >= limit; i--) {
            if (data[i] == (byte) 0x80) {
                return i - offset;
            }
            if (data[i] != 0) {
                return -1;
            }
        }
        return -1;
    }
}
