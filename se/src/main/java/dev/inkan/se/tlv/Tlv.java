package dev.inkan.se.tlv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One BER-TLV data object (ISO/IEC 7816-4 and ISO/IEC 8825-1 as GP uses it): tags of one to
 * three bytes, definite lengths of one to three bytes. Immutable.
 */
public final class Tlv {
    private final int tag;
    private final byte[] value;

    public Tlv(int tag, byte[] value) {
        this.tag = tag;
        this.value = value.clone();
    }

    /** A constructed object holding {@code children} in order. */
    public static Tlv of(int tag, Tlv... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tlv c : children) {
            out.writeBytes(c.encode());
        }
        return new Tlv(tag, out.toByteArray());
    }

    public int tag() {
        return tag;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** True when the first tag byte has b6 set (constructed encoding). */
    public boolean isConstructed() {
        return (firstTagByte(tag) & 0x20) != 0;
    }

    /** Children of a constructed object. */
    public List<Tlv> children() throws TlvException {
        return parseAll(value, 0, value.length);
    }

    /** The first child with {@code childTag}, or null. */
    public Tlv find(int childTag) throws TlvException {
        for (Tlv c : children()) {
            if (c.tag == childTag) {
                return c;
            }
        }
        return null;
    }

    /** Tag, length and value as bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        writeTag(out, tag);
        writeLength(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** Encodes several objects one after the other. */
    public static byte[] encodeAll(List<Tlv> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tlv t : list) {
            out.writeBytes(t.encode());
        }
        return out.toByteArray();
    }

    /** Writes {@code tag} in as many bytes as it has (1..3). */
    public static void writeTag(ByteArrayOutputStream out, int tag) {
        if (tag > 0xFFFF) {
            out.write(tag >>> 16);
        }
        if (tag > 0xFF) {
            out.write(tag >>> 8);
        }
        out.write(tag);
    }

    /** Writes a definite length (short form up to 127, then '81' or '82'). */
    public static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            throw new IllegalArgumentException("length " + length);
        }
    }

    /** Number of bytes {@link #writeLength} uses for {@code length}. */
    public static int lengthOfLength(int length) {
        return length < 0x80 ? 1 : length <= 0xFF ? 2 : 3;
    }

    private static int firstTagByte(int tag) {
        if (tag > 0xFFFF) {
            return (tag >>> 16) & 0xFF;
        }
        if (tag > 0xFF) {
            return (tag >>> 8) & 0xFF;
        }
        return tag & 0xFF;
    }

    /** Parses every object in {@code data[offset, offset+length)}; the region must be fully used. */
    public static List<Tlv> parseAll(byte[] data, int offset, int length) throws TlvException {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new TlvException("region outside the buffer");
        }
        List<Tlv> out = new ArrayList<>();
        int[] pos = {offset};
        int end = offset + length;
        while (pos[0] < end) {
            out.add(parseOne(data, pos, end));
        }
        return Collections.unmodifiableList(out);
    }

    /** Parses exactly one object filling {@code data}. */
    public static Tlv parseSingle(byte[] data) throws TlvException {
        List<Tlv> all = parseAll(data, 0, data.length);
        if (all.size() != 1) {
            throw new TlvException("expected exactly one data object, found " + all.size());
        }
        return all.get(0);
    }

    private static Tlv parseOne(byte[] data, int[] pos, int end) throws TlvException {
        int p = pos[0];
        int first = data[p++] & 0xFF;
        if (first == 0x00) {
            // '00' is padding between data objects (ISO/IEC 7816-4), never a tag; 'FF' starts
            // multi-byte tags such as GP SEAC's 'FF40'
            throw new TlvException("invalid tag byte 00");
        }
        int tag = first;
        if ((first & 0x1F) == 0x1F) {
            int n = 0;
            int b;
            do {
                if (p >= end) {
                    throw new TlvException("truncated tag");
                }
                b = data[p++] & 0xFF;
                tag = (tag << 8) | b;
                if (++n > 2) {
                    throw new TlvException("tag longer than three bytes");
                }
            } while ((b & 0x80) != 0);
        }
        if (p >= end) {
            throw new TlvException("missing length");
        }
        int l = data[p++] & 0xFF;
        if (l == 0x81) {
            if (p >= end) {
                throw new TlvException("truncated length");
            }
            l = data[p++] & 0xFF;
        } else if (l == 0x82) {
            if (p + 1 >= end) {
                throw new TlvException("truncated length");
            }
            l = ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
            p += 2;
        } else if (l > 0x7F) {
            throw new TlvException("unsupported length encoding " + Integer.toHexString(l));
        }
        if (l > end - p) {
            throw new TlvException("value runs past the end");
        }
        Tlv t = new Tlv(tag, Arrays.copyOfRange(data, p, p + l));
        pos[0] = p + l;
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return Integer.toHexString(tag).toUpperCase() + "[" + dev.inkan.se.util.Hex.encode(value) + "]";
    }
}
