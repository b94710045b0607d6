package dev.inkan.se.config;

import dev.inkan.se.util.Hex;

/** Builds and checks answers to reset (ISO/IEC 7816-3 section 8.2). */
public final class Atr {
    private Atr() {
    }

    /**
     * A T=1 ATR with the given historical bytes: TS '3B' (direct convention), T0 '8k' (TD1
     * present, k historical bytes), TD1 '01' (T=1 only, nothing follows), historical bytes, TCK.
     */
    public static String build(byte[] historical) {
        if (historical.length > 15) {
            throw new IllegalArgumentException("at most 15 historical bytes");
        }
        byte[] atr = new byte[3 + historical.length + 1];
        atr[0] = 0x3B;
        atr[1] = (byte) (0x80 | historical.length);
        atr[2] = 0x01;
        System.arraycopy(historical, 0, atr, 3, historical.length);
        int tck = 0;
        for (int i = 1; i < atr.length - 1; i++) {
            tck ^= atr[i];
        }
        atr[atr.length - 1] = (byte) tck;
        return Hex.encode(atr);
    }

    /** Structural check: TS, interface bytes, historical bytes and (when T!=0 is indicated) TCK. */
    public static void check(byte[] atr) {
        if (atr.length < 2 || atr.length > 33) {
            throw new IllegalArgumentException("an ATR has 2 to 33 bytes");
        }
        if (atr[0] != 0x3B && atr[0] != 0x3F) {
            throw new IllegalArgumentException("TS must be 3B or 3F");
        }
        int historical = atr[1] & 0x0F;
        int y = (atr[1] & 0xF0) >>> 4;
        int pos = 2;
        boolean tckNeeded = false;
        while (true) {
            pos += Integer.bitCount(y & 0x07);
            if ((y & 0x08) == 0) {
                break;
            }
            if (pos >= atr.length) {
                throw new IllegalArgumentException("ATR truncated in interface bytes");
            }
            int td = atr[pos++] & 0xFF;
            if ((td & 0x0F) != 0) {
                tckNeeded = true;
            }
            y = td >>> 4;
        }
        int expected = pos + historical + (tckNeeded ? 1 : 0);
        if (expected != atr.length) {
            throw new IllegalArgumentException("ATR length " + atr.length + " does not match its structure (" + expected + ")");
        }
        if (tckNeeded) {
            int x = 0;
            for (int i = 1; i < atr.length; i++) {
                x ^= atr[i];
            }
            if (x != 0) {
                throw new IllegalArgumentException("ATR check byte TCK is wrong");
            }
        }
    }
}
