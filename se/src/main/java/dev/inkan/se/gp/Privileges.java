package dev.inkan.se.gp;

import dev.inkan.se.util.Hex;

/** Privileges as a 24-bit value, byte 1 in the high bits (GP Card Spec 2.3 section 11.1.2). */
public final class Privileges {
    // byte 1
    public static final int SECURITY_DOMAIN = 0x800000;
    public static final int DAP_VERIFICATION = 0x400000;
    public static final int DELEGATED_MANAGEMENT = 0x200000;
    public static final int CARD_LOCK = 0x100000;
    public static final int CARD_TERMINATE = 0x080000;
    public static final int CARD_RESET = 0x040000;
    public static final int CVM_MANAGEMENT = 0x020000;
    public static final int MANDATED_DAP = 0x010000;
    // byte 2
    public static final int TRUSTED_PATH = 0x008000;
    public static final int AUTHORIZED_MANAGEMENT = 0x004000;
    public static final int TOKEN_VERIFICATION = 0x002000;
    public static final int GLOBAL_DELETE = 0x001000;
    public static final int GLOBAL_LOCK = 0x000800;
    public static final int GLOBAL_REGISTRY = 0x000400;
    public static final int FINAL_APPLICATION = 0x000200;
    public static final int GLOBAL_SERVICE = 0x000100;
    // byte 3
    public static final int RECEIPT_GENERATION = 0x000080;
    public static final int CIPHERED_LOAD_FILE = 0x000040;
    public static final int CONTACTLESS_ACTIVATION = 0x000020;
    public static final int CONTACTLESS_SELF_ACTIVATION = 0x000010;

    /** What the ISD holds here: SD, card lock/terminate/reset, CVM, trusted path, AM, global delete/lock/registry. */
    public static final int ISD = SECURITY_DOMAIN | CARD_LOCK | CARD_TERMINATE | CARD_RESET | CVM_MANAGEMENT
            | TRUSTED_PATH | AUTHORIZED_MANAGEMENT | GLOBAL_DELETE | GLOBAL_LOCK | GLOBAL_REGISTRY;

    private Privileges() {
    }

    /** Parses the privileges field of INSTALL: one byte (byte 1 only) or three bytes. Returns -1 if malformed. */
    public static int parse(byte[] data, int offset, int length) {
        if (length == 1) {
            return (data[offset] & 0xFF) << 16;
        }
        if (length == 3) {
            return ((data[offset] & 0xFF) << 16) | ((data[offset + 1] & 0xFF) << 8) | (data[offset + 2] & 0xFF);
        }
        return -1;
    }

    public static byte[] toBytes(int privileges) {
        return new byte[] {(byte) (privileges >>> 16), (byte) (privileges >>> 8), (byte) privileges};
    }

    public static boolean has(int privileges, int privilege) {
        return (privileges & privilege) == privilege;
    }

    public static int parse(String hex) {
        byte[] b = Hex.decode(hex);
        int p = parse(b, 0, b.length);
        if (p < 0) {
            throw new IllegalArgumentException("privileges are 1 or 3 bytes: " + hex);
        }
        return p;
    }

    public static String hex(int privileges) {
        return Hex.encode(toBytes(privileges));
    }
}
