package dev.inkan.se.scp03;

/**
 * SCP03 constants and the KDF input block shared by the card side and the host side
 * (GP Card Spec 2.3 Amendment D v1.1, sections 4.1.5, 5.2 and 6.2).
 */
public final class Scp03 {
    /** The SCP identifier returned in INITIALIZE UPDATE. */
    public static final byte SCP_ID = 0x03;
    /** i = '70': pseudo-random card challenge, R-MAC, R-ENC supported (Amd D 5.1). */
    public static final byte I_PARAMETER = 0x70;

    /** Data derivation constants (Amd D 4.1.5 Table 4-1). */
    public static final byte DERIVE_CARD_CRYPTOGRAM = 0x00;
    public static final byte DERIVE_HOST_CRYPTOGRAM = 0x01;
    public static final byte DERIVE_CARD_CHALLENGE = 0x02;
    public static final byte DERIVE_S_ENC = 0x04;
    public static final byte DERIVE_S_MAC = 0x06;
    public static final byte DERIVE_S_RMAC = 0x07;

    /** Length in bytes of challenges, cryptograms and C-MAC/R-MAC in S8 mode. */
    public static final int S8 = 8;
    /** AES block size. */
    public static final int BLOCK = 16;
    /** Length of the key diversification data in the INITIALIZE UPDATE response. */
    public static final int KDD_LENGTH = 10;
    /** Length of the sequence counter in the INITIALIZE UPDATE response (i = '70'). */
    public static final int COUNTER_LENGTH = 3;
    /** Highest sequence counter value; a key set whose counter reached it opens no more sessions. */
    public static final int MAX_SEQUENCE_COUNTER = 0xFFFFFF;
    /** Length of the INITIALIZE UPDATE response data with i = '70' in S8 mode. */
    public static final int INIT_UPDATE_RESPONSE_LENGTH = KDD_LENGTH + 3 + S8 + S8 + COUNTER_LENGTH;

    /** Key identifiers of an SCP03 key set (Amd D 5.1.1). */
    public static final byte KID_ENC = 0x01;
    public static final byte KID_MAC = 0x02;
    public static final byte KID_DEK = 0x03;
    /** Key type AES in PUT KEY and key information (GP 2.3 section 11.8). */
    public static final byte KEY_TYPE_AES = (byte) 0x88;

    private Scp03() {
    }

    /**
     * The fixed input of the first KDF iteration (Amd D 4.1.5, NIST SP 800-108 counter mode):
     * label = eleven '00' bytes and the derivation constant, separation indicator '00', L on two
     * bytes, counter i = '01', then the context.
     */
    public static byte[] derivationData(byte constant, int lengthBits, byte[] context) {
        return derivationData(constant, lengthBits, context, 1);
    }

    /** The fixed input of KDF iteration {@code i} (AES-256 session keys take two: i = 1, 2). */
    public static byte[] derivationData(byte constant, int lengthBits, byte[] context, int i) {
        if (lengthBits != 64 && lengthBits != 128 && lengthBits != 256) {
            throw new IllegalArgumentException("SCP03 derives 64 (cryptograms, challenges), 128 or 256 bits (session keys), not "
                    + lengthBits);
        }
        if (i < 1 || (i - 1) * 128 >= lengthBits) {
            throw new IllegalArgumentException("KDF iteration " + i + " for " + lengthBits + " bits");
        }
        byte[] d = new byte[16 + context.length];
        d[11] = constant;
        d[12] = 0x00;
        d[13] = (byte) (lengthBits >>> 8);
        d[14] = (byte) lengthBits;
        d[15] = (byte) i;
        System.arraycopy(context, 0, d, 16, context.length);
        return d;
    }

    /** Whether {@code n} bytes is an SCP03 key length here: AES-128 or AES-256 (AES-192 is not offered). */
    public static boolean keyLength(int n) {
        return n == 16 || n == 32;
    }

    /** The context of the pseudo-random card challenge: sequence counter then the SD's AID (Amd D 6.2.2.1). */
    public static byte[] challengeContext(int counter, byte[] sdAid) {
        byte[] c = new byte[COUNTER_LENGTH + sdAid.length];
        c[0] = (byte) (counter >>> 16);
        c[1] = (byte) (counter >>> 8);
        c[2] = (byte) counter;
        System.arraycopy(sdAid, 0, c, COUNTER_LENGTH, sdAid.length);
        return c;
    }

    /** The block whose encryption under S-ENC gives the ICV (Amd D 6.2.6; response: first byte '80', 6.2.7). */
    public static byte[] counterBlock(long counter, boolean response) {
        byte[] b = new byte[BLOCK];
        for (int i = 0; i < 8; i++) {
            b[BLOCK - 1 - i] = (byte) (counter >>> (8 * i));
        }
        if (response) {
            b[0] = (byte) 0x80;
        }
        return b;
    }
}
