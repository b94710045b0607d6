package dev.inkan.se.omapi;

import dev.inkan.se.apdu.Cla;

/**
 * One APDU filter of an APDU-AR-DO (GP SEAC 1.1 chapter 5): a command passes when its header
 * (CLA with the logical channel and secure messaging bits cleared, INS, P1, P2) masked with
 * {@code mask} equals {@code header} masked the same way.
 */
public record ApduFilter(byte[] header, byte[] mask) {
    public ApduFilter {
        if (header.length != 4 || mask.length != 4) {
            throw new IllegalArgumentException("an APDU filter has a 4-byte header and a 4-byte mask");
        }
        header = header.clone();
        mask = mask.clone();
    }

    /** Parses the 8 bytes of one filter. */
    public static ApduFilter of(byte[] eight) {
        return new ApduFilter(java.util.Arrays.copyOf(eight, 4), java.util.Arrays.copyOfRange(eight, 4, 8));
    }

    public boolean matches(byte[] command) {
        byte cla = Cla.withoutSecureMessaging(Cla.withChannel(command[0], 0));
        byte[] h = {cla, command[1], command[2], command[3]};
        for (int i = 0; i < 4; i++) {
            if ((h[i] & mask[i]) != (header[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }
}
