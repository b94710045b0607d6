package dev.inkan.se.scp03;

import dev.inkan.se.util.Hex;

/**
 * Security level bits (GP 2.3 chapter 10 and Amd D, EXTERNAL AUTHENTICATE P1) and the
 * levels SCP03 allows: '00', '01', '03', '11', '13', '33'.
 */
public final class SecurityLevel {
    public static final int NONE = 0x00;
    public static final int C_MAC = 0x01;
    public static final int C_DECRYPTION = 0x02;
    public static final int R_MAC = 0x10;
    public static final int R_ENCRYPTION = 0x20;
    /** Set by the card once EXTERNAL AUTHENTICATE succeeded (GP API SecureChannel.AUTHENTICATED). */
    public static final int AUTHENTICATED = 0x80;

    /** All four protections: C-DEC, C-MAC, R-ENC, R-MAC. */
    public static final int FULL = 0x33;

    private static final int[] VALID = {0x00, 0x01, 0x03, 0x11, 0x13, 0x33};

    private SecurityLevel() {
    }

    /** True for the levels EXTERNAL AUTHENTICATE accepts. */
    public static boolean isValid(int level) {
        for (int v : VALID) {
            if (v == level) {
                return true;
            }
        }
        return false;
    }

    /** Every valid level, weakest first. */
    public static int[] all() {
        return VALID.clone();
    }

    /** True when {@code actual} provides every protection of {@code required}. */
    public static boolean covers(int actual, int required) {
        int mask = C_MAC | C_DECRYPTION | R_MAC | R_ENCRYPTION;
        return (actual & required & mask) == (required & mask);
    }

    public static String describe(int level) {
        StringBuilder sb = new StringBuilder(Hex.byteHex(level)).append(" (");
        if ((level & 0x33) == 0) {
            sb.append("no secure messaging");
        }
        if ((level & C_MAC) != 0) {
            sb.append("C-MAC");
        }
        if ((level & C_DECRYPTION) != 0) {
            sb.append(", C-DEC");
        }
        if ((level & R_MAC) != 0) {
            sb.append(", R-MAC");
        }
        if ((level & R_ENCRYPTION) != 0) {
            sb.append(", R-ENC");
        }
        return sb.append(')').toString();
    }
}
