package dev.inkan.se.util;

import java.util.Arrays;

/** An application identifier (ISO/IEC 7816-5): 5 to 16 bytes. Immutable, ordered by bytes. */
public final class Aid implements Comparable<Aid> {
    private final byte[] bytes;

    private Aid(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless 5..16 bytes */
    public static Aid of(byte[] bytes) {
        if (bytes.length < 5 || bytes.length > 16) {
            throw new IllegalArgumentException("an AID has 5 to 16 bytes, not " + bytes.length);
        }
        return new Aid(bytes.clone());
    }

    public static Aid of(byte[] data, int offset, int length) {
        return of(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Parses hex. */
    public static Aid of(String hex) {
        return of(Hex.decode(hex));
    }

    /** True when {@code length} is a valid AID length. */
    public static boolean validLength(int length) {
        return length >= 5 && length <= 16;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** True when this AID starts with {@code prefix[offset, offset+length)} (partial selection). */
    public boolean startsWith(byte[] prefix, int offset, int length) {
        if (length > bytes.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != prefix[offset + i]) {
                return false;
            }
        }
        return true;
    }

    public boolean equalsBytes(byte[] other, int offset, int length) {
        return length == bytes.length && startsWith(other, offset, length);
    }

    /** The Java Card AID object for this identifier. */
    public javacard.framework.AID toJavacard() {
        return new javacard.framework.AID(bytes, (short) 0, (byte) bytes.length);
    }

    /** The identifier of a Java Card AID object. */
    public static Aid of(javacard.framework.AID aid) {
        byte[] b = new byte[16];
        int n = aid.getBytes(b, (short) 0);
        return of(b, 0, n);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aid a && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Aid o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
