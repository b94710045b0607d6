package dev.inkan.se.apdu;

/**
 * Status words used by the SE (ISO/IEC 7816-4 section 5.6, GP Card Spec 2.3 section 11.1.3), and
 * the one central check of a response's status word.
 */
public final class Sw {
    public static final int OK = 0x9000;
    /** GET STATUS: more data available (GP 2.3 section 11.4). */
    public static final int MORE_DATA = 0x6310;
    /** EXTERNAL AUTHENTICATE: host cryptogram verification failed (GP 2.3 Amd D 7.1.2). */
    public static final int AUTHENTICATION_FAILED = 0x6300;
    public static final int MEMORY_FAILURE = 0x6581;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
    public static final int SECURE_MESSAGING_NOT_SUPPORTED = 0x6882;
    public static final int COMMAND_CHAINING_NOT_SUPPORTED = 0x6884;
    public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    public static final int AUTHENTICATION_METHOD_BLOCKED = 0x6983;
    public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int COMMAND_NOT_ALLOWED = 0x6986;
    public static final int INCORRECT_SM_DATA = 0x6988;
    public static final int WRONG_DATA = 0x6A80;
    public static final int FUNCTION_NOT_SUPPORTED = 0x6A81;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int NOT_ENOUGH_MEMORY = 0x6A84;
    public static final int INCORRECT_P1P2 = 0x6A86;
    public static final int REFERENCED_DATA_NOT_FOUND = 0x6A88;
    /** ARA-M STORE DATA: a rule with the same REF-DO exists already (GP SEAC 1.1 chapter 5). */
    public static final int DATA_ALREADY_EXISTS = 0x6A89;
    public static final int WRONG_P1P2 = 0x6B00;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int UNKNOWN = 0x6F00;
    /** Java Card RE: applet selection failed, or no applet selected on the channel. */
    public static final int APPLET_SELECT_FAILED = 0x6999;

    private Sw() {
    }

    /** The status word (last two bytes) of a response APDU. */
    public static int of(byte[] response) {
        if (response == null || response.length < 2) {
            throw new IllegalArgumentException("a response APDU has at least two bytes");
        }
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    /** The response data (everything before the status word). */
    public static byte[] data(byte[] response) {
        of(response);
        return java.util.Arrays.copyOf(response, response.length - 2);
    }

    /** True for 9000 and the warning status words 62xx and 63xx (GP 2.3 Amd D 6.2.5). */
    public static boolean isSuccessOrWarning(int sw) {
        int sw1 = sw >>> 8;
        return sw == OK || sw1 == 0x62 || sw1 == 0x63;
    }

    /**
     * The central check: returns the response data when the status word is {@code 9000}, otherwise
     * throws a {@link StatusWordException} carrying the status word.
     */
    public static byte[] check(byte[] response) {
        int sw = of(response);
        if (sw != OK) {
            throw new StatusWordException(sw, data(response));
        }
        return data(response);
    }

    /** As {@link #check(byte[])}, but accepts any of the given status words. */
    public static byte[] check(byte[] response, int... accepted) {
        int sw = of(response);
        for (int a : accepted) {
            if (sw == a) {
                return data(response);
            }
        }
        throw new StatusWordException(sw, data(response));
    }

    /** A status word as a two-byte array. */
    public static byte[] bytes(int sw) {
        return new byte[] {(byte) (sw >>> 8), (byte) sw};
    }
}
