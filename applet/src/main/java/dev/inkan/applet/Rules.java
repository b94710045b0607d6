package dev.inkan.applet;

/**
 * The applet's security decisions as small pure static methods over bytes, shorts, booleans and
 * byte arrays, with JML contracts that KeY proves (module {@code verification/}, DESIGN.md
 * Decisions). The handlers of {@link JpkiApplet} and {@link KeySlot} call exactly these methods,
 * so the proved code is the production code path. This file is self-contained (no Java Card API,
 * no other applet class) because KeY loads it on its own. Java Card subset only.
 *
 * <p>Proved here: the PIN formats of UX-1, the PIN state a blocked counter stands for, that only a
 * certified (not locked, not wiped: LIFE-11, LIFE-8) key with the user's own (never a temporary:
 * LIFE-6) verified PIN signs, the DigestInfo bounds and the construction of the EMSA-PKCS1-v1_5
 * type 01 block (CRY-2), the bounds of READ BINARY (ACC-3) and of a STORE CERTIFICATE block (PRE-2).
 */
final class Rules {
    /** KeySlot states (spec/applet.jsm machine KeySlot, in the order of its states). */
    static final byte KEY_EMPTY = 0;
    static final byte KEY_GENERATED = 1;
    static final byte KEY_CERTIFIED = 2;
    static final byte KEY_LOCKED = 3;

    /** Pin states (spec/pins.jsm machine Pin); BLOCKED is never stored: a PIN without tries. */
    static final byte PIN_UNSET = 0;
    static final byte PIN_TEMPORARY = 1;
    static final byte PIN_SET = 2;
    static final byte PIN_BLOCKED = 3;

    /** PIN indexes, as in the generated dispatch (PIN_AUTH_PIN, PIN_SIGN_PIN). */
    static final byte AUTH_PIN = 0;
    static final byte SIGN_PIN = 1;

    /** UX-1: user-authentication PIN 4 digits; signature password 6 to 16 upper-case letters and digits. */
    static final short AUTH_PIN_LENGTH = 4;
    static final short SIGN_PIN_MIN = 6;
    static final short SIGN_PIN_MAX = 16;

    /** Refusals of COMPUTE DIGITAL SIGNATURE; 0 = may sign. */
    static final short SW_CONDITIONS_NOT_SATISFIED = 0x6985;
    static final short SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;

    /** RSA-2048 block; PKCS#1 v1.5 needs 00 01, at least 8 bytes FF and 00 before the DigestInfo. */
    static final short RSA_BYTES = 256;
    static final short MIN_PADDING = 11;
    static final short MAX_DIGEST_INFO = RSA_BYTES - MIN_PADDING;
    /** What Le 00 asks for in a short APDU. */
    static final short SHORT_LE_MAX = 256;

    /** Largest certificate an EF holds, and the block size of STORE CERTIFICATE. */
    static final short CERT_CAPACITY = 3072;
    static final short CERT_BLOCK = 224;
    /** Refusals of a STORE CERTIFICATE block. */
    static final short SW_FILE_FULL = 0x6A84;
    static final short SW_WRONG_DATA = 0x6A80;

    private Rules() {
    }

    /**
     * UX-1: whether {@code len} bytes of {@code buf} at {@code off} are a well-formed value of PIN
     * {@code pin}: exactly 4 digits for the user-authentication PIN, 6 to 16 upper-case letters or
     * digits for the signature password. Reads nothing beyond the value.
     */
    /*@ normal_behavior
      @ requires pin == AUTH_PIN || pin == SIGN_PIN;
      @ requires buf != null && buf.length <= 32767 && 0 <= off && 0 <= len && off + len <= buf.length;
      @ ensures \result <==>
      @     (pin == AUTH_PIN ? len == AUTH_PIN_LENGTH : SIGN_PIN_MIN <= len && len <= SIGN_PIN_MAX)
      @     && (\forall int j; off <= j && j < off + len;
      @            (0x30 <= buf[j] && buf[j] <= 0x39)
      @            || (pin == SIGN_PIN && 0x41 <= buf[j] && buf[j] <= 0x5A));
      @ assignable \strictly_nothing;
      @*/
    static boolean pinWellFormed(byte pin, byte[] buf, short off, short len) {
        boolean sign = pin == SIGN_PIN;
        if (sign ? len < SIGN_PIN_MIN || len > SIGN_PIN_MAX : len != AUTH_PIN_LENGTH) {
            return false;
        }
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant (\forall int j; off <= j && j < off + i;
          @     (0x30 <= buf[j] && buf[j] <= 0x39) || (sign && 0x41 <= buf[j] && buf[j] <= 0x5A));
          @ decreases len - i;
          @ assignable \strictly_nothing;
          @*/
        for (short i = 0; i < len; i++) {
            byte ch = buf[(short) (off + i)];
            boolean digit = ch >= '0' && ch <= '9';
            boolean upper = ch >= 'A' && ch <= 'Z';
            if (!digit && !(sign && upper)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Pin machine's state of a slot: UNSET stays UNSET; a temporary or set PIN without tries
     * left is BLOCKED; otherwise the stored state.
     */
    /*@ normal_behavior
      @ requires pinState == PIN_UNSET || pinState == PIN_TEMPORARY || pinState == PIN_SET;
      @ ensures pinState == PIN_UNSET ==> \result == PIN_UNSET;
      @ ensures pinState != PIN_UNSET && triesRemaining == 0 ==> \result == PIN_BLOCKED;
      @ ensures pinState != PIN_UNSET && triesRemaining != 0 ==> \result == pinState;
      @ assignable \strictly_nothing;
      @*/
    static byte pinStatus(byte pinState, byte triesRemaining) {
        if (pinState == PIN_UNSET) {
            return PIN_UNSET;
        }
        return triesRemaining == 0 ? PIN_BLOCKED : pinState;
    }

    /**
     * COMPUTE DIGITAL SIGNATURE's refusal, or 0 when the slot's key may sign: only a certified key
     * (never a generated-only, locked or wiped one: LIFE-11, LIFE-8), else 6985; only with the
     * user's own PIN (never a temporary one: LIFE-6; not blocked: {@link #pinStatus}) verified in
     * this session, else 6982.
     */
    /*@ normal_behavior
      @ ensures \result == 0 <==> (keyState == KEY_CERTIFIED && pinStatus == PIN_SET && validated);
      @ ensures keyState != KEY_CERTIFIED ==> \result == SW_CONDITIONS_NOT_SATISFIED;
      @ ensures keyState == KEY_CERTIFIED && \result != 0 ==> \result == SW_SECURITY_STATUS_NOT_SATISFIED;
      @ ensures pinStatus == PIN_TEMPORARY || pinStatus == PIN_BLOCKED || pinStatus == PIN_UNSET ==> \result != 0;
      @ ensures keyState == KEY_LOCKED || keyState == KEY_EMPTY || keyState == KEY_GENERATED ==> \result != 0;
      @ assignable \strictly_nothing;
      @*/
    static short signRefusal(byte keyState, byte pinStatus, boolean validated) {
        if (keyState != KEY_CERTIFIED) {
            return SW_CONDITIONS_NOT_SATISFIED;
        }
        if (pinStatus != PIN_SET || !validated) {
            return SW_SECURITY_STATUS_NOT_SATISFIED;
        }
        return 0;
    }

    /** Whether a DigestInfo of {@code len} bytes fits an RSA-2048 block with PKCS#1 v1.5 type 01 padding (CRY-2). */
    /*@ normal_behavior
      @ ensures \result <==> 1 <= len && len + MIN_PADDING <= RSA_BYTES;
      @ assignable \strictly_nothing;
      @*/
    static boolean digestInfoFits(short len) {
        return len > 0 && len <= MAX_DIGEST_INFO;
    }

    /**
     * EMSA-PKCS1-v1_5 (RFC 8017 9.2) for an RSA-2048 key: writes {@code 00 01 FF..FF 00 DigestInfo}
     * (256 bytes, at least 8 bytes FF) to {@code out} at 0; {@code in} is left alone and nothing
     * outside the block is written. CRY-2.
     */
    /*@ normal_behavior
      @ requires in != null && out != null && in != out;
      @ requires in.length <= 32767 && RSA_BYTES <= out.length && out.length <= 32767;
      @ requires 1 <= len && len <= MAX_DIGEST_INFO && 0 <= inOff && inOff + len <= in.length;
      @ ensures out[0] == 0 && out[1] == 1;
      @ ensures (\forall int j; 2 <= j && j < RSA_BYTES - len - 1; out[j] == (byte) 0xFF);
      @ ensures out[RSA_BYTES - len - 1] == 0;
      @ ensures (\forall int j; 0 <= j && j < len; out[RSA_BYTES - len + j] == in[inOff + j]);
      @ ensures \result == RSA_BYTES;
      @ assignable out[0 .. RSA_BYTES - 1];
      @*/
    static short padType01(byte[] in, short inOff, short len, byte[] out) {
        short data = (short) (RSA_BYTES - len);
        out[0] = 0;
        out[1] = 1;
        /*@ loop_invariant 2 <= i && i <= data - 1;
          @ loop_invariant (\forall int j; 2 <= j && j < i; out[j] == (byte) 0xFF);
          @ decreases data - 1 - i;
          @ assignable out[2 .. data - 2];
          @*/
        for (short i = 2; i < (short) (data - 1); i++) {
            out[i] = (byte) 0xFF;
        }
        out[(short) (data - 1)] = 0;
        /*@ loop_invariant 0 <= k && k <= len;
          @ loop_invariant (\forall int j; 0 <= j && j < k; out[data + j] == in[inOff + j]);
          @ decreases len - k;
          @ assignable out[data .. RSA_BYTES - 1];
          @*/
        for (short k = 0; k < len; k++) {
            out[(short) (data + k)] = in[(short) (inOff + k)];
        }
        return RSA_BYTES;
    }

    /**
     * STORE CERTIFICATE (PRE-2): 0 when {@code len} bytes written at {@code at} of a certificate EF
     * stay inside the certificate of {@code declared} bytes (its DER length) and the EF: the last
     * block ends it exactly, an earlier one leaves room. Else 6A84 for a certificate the EF cannot
     * hold, 6A80 for a block that does not fit it.
     */
    /*@ normal_behavior
      @ requires 0 <= at && at <= CERT_CAPACITY && 0 < len && len <= CERT_BLOCK;
      @ ensures \result == 0 <==> 4 <= declared && declared <= CERT_CAPACITY
      @     && (last ? at + len == declared : at + len < declared);
      @ ensures \result == 0 ==> at + len <= CERT_CAPACITY;
      @ ensures \result == 0 || \result == SW_FILE_FULL || \result == SW_WRONG_DATA;
      @ assignable \strictly_nothing;
      @*/
    static short certBlockRefusal(short at, short len, boolean last, short declared) {
        if (declared < 4 || declared > CERT_CAPACITY) {
            return SW_FILE_FULL;
        }
        short end = (short) (at + len);
        if (last ? end != declared : end >= declared) {
            return SW_WRONG_DATA;
        }
        return 0;
    }

    /**
     * READ BINARY (ACC-3): how many bytes to send from {@code offset} of a file of {@code length}
     * bytes for {@code le} (0 = 256): at least one, never past the end of the file, never more than
     * asked; -1 when the offset is not inside the file (6B00).
     */
    /*@ normal_behavior
      @ requires 0 <= length && 0 <= le;
      @ ensures offset < 0 || offset >= length ==> \result == -1;
      @ ensures 0 <= offset && offset < length ==>
      @     1 <= \result && offset + \result <= length
      @     && \result <= (le == 0 ? SHORT_LE_MAX : le)
      @     && (\result == length - offset || \result == (le == 0 ? SHORT_LE_MAX : le));
      @ assignable \strictly_nothing;
      @*/
    static short readLength(short offset, short length, short le) {
        if (offset < 0 || offset >= length) {
            return -1;
        }
        short max = le == 0 ? SHORT_LE_MAX : le;
        short n = (short) (length - offset);
        return n > max ? max : n;
    }
}
