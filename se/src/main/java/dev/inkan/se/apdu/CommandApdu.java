package dev.inkan.se.apdu;

import java.util.Arrays;

/**
 * A parsed command APDU (ISO/IEC 7816-3 section 12.1.3: cases 1, 2, 3, 4, short and extended).
 * {@link #parse(byte[])} never throws: malformed input gives {@code null}.
 */
public final class CommandApdu {
    private final byte[] bytes;
    private final int ncOffset;
    private final int nc;
    private final int ne;
    private final boolean hasLe;
    private final boolean extended;

    private CommandApdu(byte[] bytes, int ncOffset, int nc, int ne, boolean hasLe, boolean extended) {
        this.bytes = bytes;
        this.ncOffset = ncOffset;
        this.nc = nc;
        this.ne = ne;
        this.hasLe = hasLe;
        this.extended = extended;
    }

    /** Parses {@code apdu}; returns {@code null} when its length fields are inconsistent. */
    public static CommandApdu parse(byte[] apdu) {
        if (apdu == null || apdu.length < 4) {
            return null;
        }
        byte[] b = apdu.clone();
        int len = b.length;
        if (len == 4) {
            return new CommandApdu(b, 4, 0, 0, false, false);
        }
        int b4 = b[4] & 0xFF;
        if (len == 5) {
            return new CommandApdu(b, 5, 0, b4 == 0 ? 256 : b4, true, false);
        }
        if (b4 != 0) {
            if (len == 5 + b4) {
                return new CommandApdu(b, 5, b4, 0, false, false);
            }
            if (len == 6 + b4) {
                int le = b[len - 1] & 0xFF;
                return new CommandApdu(b, 5, b4, le == 0 ? 256 : le, true, false);
            }
            return null;
        }
        // extended length: B4 = 00 then two bytes
        if (len < 7) {
            return null;
        }
        int l = ((b[5] & 0xFF) << 8) | (b[6] & 0xFF);
        if (len == 7) {
            return new CommandApdu(b, 7, 0, l == 0 ? 65536 : l, true, true);
        }
        if (l == 0) {
            return null;
        }
        if (len == 7 + l) {
            return new CommandApdu(b, 7, l, 0, false, true);
        }
        if (len == 9 + l) {
            int le = ((b[len - 2] & 0xFF) << 8) | (b[len - 1] & 0xFF);
            return new CommandApdu(b, 7, l, le == 0 ? 65536 : le, true, true);
        }
        return null;
    }

    /** Builds a short or extended command from its fields; {@code ne} 0 means no Le field. */
    public static byte[] build(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        int nc = data == null ? 0 : data.length;
        boolean ext = nc > 255 || ne > 256;
        int size = 4 + (nc > 0 ? (ext ? 3 : 1) + nc : 0) + (ne > 0 ? (ext ? (nc > 0 ? 2 : 3) : 1) : 0);
        byte[] out = new byte[size];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int o = 4;
        if (nc > 0) {
            if (ext) {
                out[o++] = 0;
                out[o++] = (byte) (nc >> 8);
            }
            out[o++] = (byte) nc;
            System.arraycopy(data, 0, out, o, nc);
            o += nc;
        }
        if (ne > 0) {
            if (ext) {
                if (nc == 0) {
                    out[o++] = 0;
                }
                out[o++] = (byte) (ne >> 8);
                out[o] = (byte) ne;
            } else {
                out[o] = (byte) ne;
            }
        }
        return out;
    }

    public byte cla() {
        return bytes[0];
    }

    public byte ins() {
        return bytes[1];
    }

    public byte p1() {
        return bytes[2];
    }

    public byte p2() {
        return bytes[3];
    }

    /** Number of data bytes (Nc). */
    public int nc() {
        return nc;
    }

    /** Maximum expected response length (Ne), 0 when there is no Le field. */
    public int ne() {
        return ne;
    }

    public boolean hasLe() {
        return hasLe;
    }

    public boolean isExtended() {
        return extended;
    }

    /** Copy of the data field. */
    public byte[] data() {
        return Arrays.copyOfRange(bytes, ncOffset, ncOffset + nc);
    }

    /** Offset of the data field in {@link #bytes()}. */
    public int dataOffset() {
        return ncOffset;
    }

    /** Copy of the whole command. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Logical channel number from the class byte. */
    public int channel() {
        return Cla.channel(cla());
    }
}
