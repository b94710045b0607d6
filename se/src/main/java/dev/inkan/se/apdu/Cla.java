package dev.inkan.se.apdu;

/**
 * Class byte coding (ISO/IEC 7816-4 section 5.4.1, GP 2.3 section 11.1.4): logical channel number,
 * secure messaging indication and command chaining for first and further interindustry classes,
 * with b8 free for GP's proprietary class ('8x', 'Cx').
 */
public final class Cla {
    /** Highest logical channel number the class byte can carry. */
    public static final int MAX_CHANNEL = 19;

    private Cla() {
    }

    /** True when {@code cla} is 'FF' (invalid per ISO/IEC 7816-4). */
    public static boolean isInvalid(byte cla) {
        return cla == (byte) 0xFF;
    }

    /** True for first interindustry coding (b7 = 0): channels 0-3 in b2-b1, SM in b4-b3. */
    public static boolean isFirstInterindustry(byte cla) {
        return (cla & 0x40) == 0;
    }

    /** True when b8 is set: the proprietary class GP uses ('80', '84', 'C0'...). */
    public static boolean isProprietary(byte cla) {
        return (cla & 0x80) != 0;
    }

    /** The logical channel number, 0..19. */
    public static int channel(byte cla) {
        return isFirstInterindustry(cla) ? cla & 0x03 : 4 + (cla & 0x0F);
    }

    /** True when the class byte indicates secure messaging. */
    public static boolean isSecureMessaging(byte cla) {
        return isFirstInterindustry(cla) ? (cla & 0x0C) != 0 : (cla & 0x20) != 0;
    }

    /**
     * True when the class byte carries exactly GP's secure messaging indication (GP 2.3 11.1.4):
     * b4-b3 = '01' in first interindustry coding, b6 = 1 in further interindustry coding. ISO's
     * other SM codings ('08', '0C') are not GP secure messaging.
     */
    public static boolean isGpSecureMessaging(byte cla) {
        return isFirstInterindustry(cla) ? (cla & 0x0C) == 0x04 : (cla & 0x20) != 0;
    }

    /** True when the class byte indicates command chaining (b5). */
    public static boolean isChaining(byte cla) {
        return (cla & 0x10) != 0;
    }

    /** The class byte with the logical channel set to {@code channel} (re-coded if needed). */
    public static byte withChannel(byte cla, int channel) {
        if (channel < 0 || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException("logical channel " + channel);
        }
        boolean proprietary = isProprietary(cla);
        boolean sm = isSecureMessaging(cla);
        boolean chaining = isChaining(cla);
        int out;
        if (channel <= 3) {
            out = channel | (sm ? 0x04 : 0) | (chaining ? 0x10 : 0);
        } else {
            out = 0x40 | (channel - 4) | (sm ? 0x20 : 0) | (chaining ? 0x10 : 0);
        }
        return (byte) (out | (proprietary ? 0x80 : 0));
    }

    /** The class byte with the GP secure messaging indication set (b3, or b6 for further interindustry). */
    public static byte withSecureMessaging(byte cla) {
        return (byte) (isFirstInterindustry(cla) ? (cla & ~0x08) | 0x04 : cla | 0x20);
    }

    /** The class byte with the secure messaging indication cleared. */
    public static byte withoutSecureMessaging(byte cla) {
        return (byte) (isFirstInterindustry(cla) ? cla & ~0x0C : cla & ~0x20);
    }

    /**
     * The class byte that enters the C-MAC computation (GP 2.3 Amd D 6.2.4): the logical channel
     * number set to zero and GP secure messaging indicated, so a command MACs the same on every
     * channel; a further interindustry class byte (channels 4-19) becomes its basic channel
     * equivalent. Chaining and b8 are kept.
     */
    public static byte forMac(byte cla) {
        if (isFirstInterindustry(cla)) {
            return (byte) ((cla & 0xF0) | 0x04);
        }
        return (byte) ((cla & 0x80) | (cla & 0x10) | 0x04);
    }
}
