package dev.inkan.se.scp03;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Bytes;
import javacard.framework.ISOException;
import javacard.security.AESKey;

/**
 * The card side of one SCP03 session: one per security domain, interface and logical channel
 * (GP 2.3 Amd D). Explicit initiation (INITIALIZE UPDATE, EXTERNAL AUTHENTICATE), command
 * unwrapping (C-MAC verification with chaining, C-DECRYPTION with the encryption counter) and
 * response wrapping (R-ENCRYPTION, R-MAC), BEGIN/END R-MAC SESSION. Every verification failure
 * closes the session before the error status word is thrown as an {@link ISOException}.
 */
public final class CardSession {
    public static final int NONE = 0;
    public static final int INITIALIZED = 1;
    public static final int AUTHENTICATED = 2;
    /** The encryption counter never passes this value; the session closes instead. */
    static final long MAX_ENCRYPTION_COUNTER = 0xFFFFFFFFL;

    private final CardKeys keys;
    private final CardCrypto crypto;
    /** Session keys, as long as the key set's static keys (AES-128 or AES-256): rebuilt when the length changes. */
    private AESKey sEnc = CardCrypto.newKey();
    private AESKey sMac = CardCrypto.newKey();
    private AESKey sRmac = CardCrypto.newKey();
    private final byte[] mcv = new byte[16];
    private final byte[] context = new byte[16];
    private final byte[] block = new byte[16];
    private int state = NONE;
    private int level;
    private int sessionLevel;
    private boolean rmacSession;
    private boolean endRmacAfterResponse;
    private int kvn;
    private long counter;

    /**
     * A session sharing {@code crypto} with the other sessions of the same card (jcardsim engines
     * allocate transient memory, so a card creates them once, as a chip would).
     */
    public CardSession(CardKeys keys, CardCrypto crypto) {
        this.keys = keys;
        this.crypto = crypto;
    }

    /** A session with crypto objects of its own (tests). */
    public CardSession(CardKeys keys) {
        this(keys, new CardCrypto());
    }

    public int state() {
        return state;
    }

    /** Current security level bits; {@link SecurityLevel#AUTHENTICATED} is added once authenticated. */
    public int securityLevel() {
        return state == AUTHENTICATED ? level | SecurityLevel.AUTHENTICATED : 0;
    }

    /** KVN of the key set of this session (0 when there is none). */
    public int kvn() {
        return state == NONE ? 0 : kvn;
    }

    /** The static DEK of this session's key set, for PUT KEY and sensitive data (SCP03 has no session DEK). */
    public byte[] staticDek() {
        CardKeySet ks = state == AUTHENTICATED ? keys.find(kvn) : null;
        if (ks == null) {
            ISOException.throwIt((short) Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        return ks.dek();
    }

    /** Closes the session and erases its keys (GP 2.3 chapter 10: the secure channel session is terminated). */
    public void reset() {
        state = NONE;
        level = 0;
        sessionLevel = 0;
        rmacSession = false;
        endRmacAfterResponse = false;
        counter = 0;
        kvn = 0;
        sEnc.clearKey();
        sMac.clearKey();
        sRmac.clearKey();
        java.util.Arrays.fill(mcv, (byte) 0);
        java.util.Arrays.fill(context, (byte) 0);
    }

    private void fail(int sw) {
        reset();
        ISOException.throwIt((short) sw);
    }

    /**
     * INITIALIZE UPDATE (Amd D 7.1.1): derives the pseudo-random card challenge from the key set's
     * sequence counter and the SD's AID, the session keys and the card cryptogram, advances the
     * counter and returns the 32-byte response data.
     */
    public byte[] initializeUpdate(int requestedKvn, int p2, byte[] hostChallenge) {
        reset();
        if (p2 != 0) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        if (hostChallenge.length != Scp03.S8) {
            ISOException.throwIt((short) Sw.WRONG_LENGTH);
        }
        CardKeySet ks = keys.find(requestedKvn);
        if (ks == null) {
            ISOException.throwIt((short) Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (ks.exhausted()) {
            ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
        }
        int seq = ks.consumeCounter();
        keys.counterAdvanced(ks);
        byte[] cardChallenge = crypto.kdf(ks.enc(), Scp03.DERIVE_CARD_CHALLENGE, 64,
                Scp03.challengeContext(seq, keys.sdAid()));
        System.arraycopy(hostChallenge, 0, context, 0, 8);
        System.arraycopy(cardChallenge, 0, context, 8, 8);
        deriveSessionKeys(ks);
        byte[] cardCryptogram = crypto.kdf(sMac, Scp03.DERIVE_CARD_CRYPTOGRAM, 64, context);
        kvn = ks.kvn();
        state = INITIALIZED;
        byte[] out = new byte[Scp03.INIT_UPDATE_RESPONSE_LENGTH];
        System.arraycopy(keys.keyDiversificationData(), 0, out, 0, Scp03.KDD_LENGTH);
        out[10] = (byte) ks.kvn();
        out[11] = Scp03.SCP_ID;
        out[12] = Scp03.I_PARAMETER;
        System.arraycopy(cardChallenge, 0, out, 13, 8);
        System.arraycopy(cardCryptogram, 0, out, 21, 8);
        out[29] = (byte) (seq >>> 16);
        out[30] = (byte) (seq >>> 8);
        out[31] = (byte) seq;
        return out;
    }

    /** S-ENC, S-MAC, S-RMAC from the key set's static keys and the context (Amd D 6.2.1), as long as the static keys. */
    private void deriveSessionKeys(CardKeySet ks) {
        int bytes = ks.enc().length;
        if (sEnc.getSize() != bytes * 8) {
            sEnc = CardCrypto.newKey(bytes);
            sMac = CardCrypto.newKey(bytes);
            sRmac = CardCrypto.newKey(bytes);
        }
        sEnc.setKey(crypto.kdf(ks.enc(), Scp03.DERIVE_S_ENC, bytes * 8, context), (short) 0);
        sMac.setKey(crypto.kdf(ks.mac(), Scp03.DERIVE_S_MAC, bytes * 8, context), (short) 0);
        sRmac.setKey(crypto.kdf(ks.mac(), Scp03.DERIVE_S_RMAC, bytes * 8, context), (short) 0);
    }

    /** Test hook: puts the session in INITIALIZED state with known challenges (vector tests). */
    void initializeForTest(CardKeySet ks, byte[] hostChallenge, byte[] cardChallenge) {
        reset();
        System.arraycopy(hostChallenge, 0, context, 0, 8);
        System.arraycopy(cardChallenge, 0, context, 8, 8);
        deriveSessionKeys(ks);
        kvn = ks.kvn();
        state = INITIALIZED;
    }

    /** Card cryptogram for the current context (vector tests). */
    byte[] cardCryptogramForTest() {
        return crypto.kdf(sMac, Scp03.DERIVE_CARD_CRYPTOGRAM, 64, context);
    }

    /**
     * EXTERNAL AUTHENTICATE (Amd D 7.1.2) in {@code buf[off, off+len)} (whole command APDU): checks
     * the C-MAC (chaining value zero), then the host cryptogram, then the security level policy.
     */
    public void externalAuthenticate(byte[] buf, int off, int len) {
        if (state != INITIALIZED) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        byte cla = buf[off];
        if (!Cla.isGpSecureMessaging(cla)) {
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (len != 5 + 16 && len != 6 + 16 || (buf[off + 4] & 0xFF) != 16) {
            fail(Sw.WRONG_LENGTH);
        }
        int p1 = buf[off + 2] & 0xFF;
        if (!SecurityLevel.isValid(p1) || buf[off + 3] != 0) {
            fail(Sw.INCORRECT_P1P2);
        }
        byte[] macInput = new byte[5 + 8];
        macInput[0] = Cla.forMac(cla);
        System.arraycopy(buf, off + 1, macInput, 1, 4);
        System.arraycopy(buf, off + 5, macInput, 5, 8);
        byte[] zero = new byte[16];
        crypto.cmac(sMac, zero, macInput, 0, macInput.length, block, 0);
        if (!Bytes.constantTimeEquals(block, 0, buf, off + 13, 8)) {
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte[] hostCryptogram = crypto.kdf(sMac, Scp03.DERIVE_HOST_CRYPTOGRAM, 64, context);
        if (!Bytes.constantTimeEquals(hostCryptogram, 0, buf, off + 5, 8)) {
            fail(Sw.AUTHENTICATION_FAILED);
        }
        if (!SecurityLevel.covers(p1, keys.minimumSecurityLevel())) {
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        System.arraycopy(block, 0, mcv, 0, 16);
        level = p1;
        sessionLevel = p1;
        counter = 0;
        state = AUTHENTICATED;
    }

    /**
     * Unwraps the command APDU in {@code buf[off, off+len)} in place (Amd D 6.2.4, 6.2.6) and returns
     * the length of the plain command (header and data, Le dropped). A command without secure
     * messaging passes unchanged only when the session requires no C-MAC.
     */
    public int unwrap(byte[] buf, int off, int len) {
        if (len < 4 || off < 0 || off + len > buf.length) {
            fail(Sw.WRONG_LENGTH);
        }
        byte cla = buf[off];
        boolean sm = Cla.isSecureMessaging(cla);
        if (state != AUTHENTICATED || (level & SecurityLevel.C_MAC) == 0) {
            if (sm) {
                fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
            }
            if (state == INITIALIZED) {
                // anything but EXTERNAL AUTHENTICATE aborts a pending initiation (Amd D 6.2.3)
                reset();
            }
            return len;
        }
        if (!Cla.isGpSecureMessaging(cla) || len < 5) {
            // the C-MAC covers CLA only with its SM bits normalised, so other SM codings are refused
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        int lc = buf[off + 4] & 0xFF;
        if (lc < 8 || (len != 5 + lc && len != 6 + lc)) {
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        int dataLength = lc - 8;
        byte[] header = {Cla.forMac(cla), buf[off + 1], buf[off + 2], buf[off + 3], (byte) lc};
        byte[] prefix = new byte[16 + 5];
        System.arraycopy(mcv, 0, prefix, 0, 16);
        System.arraycopy(header, 0, prefix, 16, 5);
        crypto.cmac(sMac, prefix, buf, off + 5, dataLength, block, 0);
        if (!Bytes.constantTimeEquals(block, 0, buf, off + 5 + dataLength, 8)) {
            fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        System.arraycopy(block, 0, mcv, 0, 16);
        if (counter >= MAX_ENCRYPTION_COUNTER) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        counter++;
        if ((level & SecurityLevel.C_DECRYPTION) != 0 && dataLength > 0) {
            if (dataLength % 16 != 0) {
                fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
            }
            icv(false);
            crypto.cbc(sEnc, false, block, buf, off + 5, dataLength);
            int plain = Bytes.unpad80Length(buf, off + 5, dataLength, 16);
            if (plain < 0) {
                fail(Sw.SECURITY_STATUS_NOT_SATISFIED);
            }
            java.util.Arrays.fill(buf, off + 5 + plain, off + 5 + dataLength, (byte) 0);
            dataLength = plain;
        }
        buf[off] = Cla.withoutSecureMessaging(cla);
        buf[off + 4] = (byte) dataLength;
        return 5 + dataLength;
    }

    private void icv(boolean response) {
        byte[] b = Scp03.counterBlock(counter, response);
        System.arraycopy(b, 0, block, 0, 16);
        crypto.encryptBlock(sEnc, block);
    }

    /**
     * Wraps a response in place (Amd D 6.2.5, 6.2.7): {@code buf[off, off+len)} holds the response
     * data followed by the two status word bytes. Returns the length of the protected data
     * (without the status word, which the caller still sends). Error status words get neither
     * data nor R-MAC.
     */
    public int wrap(byte[] buf, int off, int len) {
        if (len < 2 || off < 0 || off + len > buf.length) {
            ISOException.throwIt((short) Sw.WRONG_LENGTH);
        }
        int dataLength = len - 2;
        int sw = ((buf[off + dataLength] & 0xFF) << 8) | (buf[off + dataLength + 1] & 0xFF);
        try {
            if (state != AUTHENTICATED || (level & SecurityLevel.R_MAC) == 0) {
                return dataLength;
            }
            if (!Sw.isSuccessOrWarning(sw)) {
                return 0;
            }
            int protectedLength = dataLength;
            if ((level & SecurityLevel.R_ENCRYPTION) != 0 && dataLength > 0) {
                protectedLength = (dataLength / 16 + 1) * 16;
                if (off + protectedLength + 8 > buf.length) {
                    ISOException.throwIt((short) Sw.WRONG_LENGTH);
                }
                buf[off + dataLength] = (byte) 0x80;
                java.util.Arrays.fill(buf, off + dataLength + 1, off + protectedLength, (byte) 0);
                icv(true);
                crypto.cbc(sEnc, true, block, buf, off, protectedLength);
            } else if (off + protectedLength + 8 + 2 > buf.length) {
                ISOException.throwIt((short) Sw.WRONG_LENGTH);
            }
            byte[] swBytes = {(byte) (sw >>> 8), (byte) sw};
            byte[] input = new byte[protectedLength + 2];
            System.arraycopy(buf, off, input, 0, protectedLength);
            System.arraycopy(swBytes, 0, input, protectedLength, 2);
            crypto.cmac(sRmac, mcv, input, 0, input.length, block, 0);
            System.arraycopy(block, 0, buf, off + protectedLength, 8);
            return protectedLength + 8;
        } finally {
            if (endRmacAfterResponse) {
                endRmacAfterResponse = false;
                rmacSession = false;
                level = sessionLevel;
            }
        }
    }

    /**
     * BEGIN R-MAC SESSION (GP 2.3 Amd D): raises response protection to R-MAC ('10') or R-MAC and
     * R-ENC ('30') from this command's response on. R-ENC needs C-DECRYPTION.
     */
    public void beginRmacSession(int p1, int p2) {
        if (state != AUTHENTICATED || (level & SecurityLevel.C_MAC) == 0) {
            ISOException.throwIt((short) Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if ((p1 != SecurityLevel.R_MAC && p1 != (SecurityLevel.R_MAC | SecurityLevel.R_ENCRYPTION)) || p2 != 0x01) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        if ((p1 & SecurityLevel.R_ENCRYPTION) != 0 && (level & SecurityLevel.C_DECRYPTION) == 0) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        if (rmacSession || (level & p1) == p1) {
            ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
        }
        rmacSession = true;
        level |= p1;
    }

    /** END R-MAC SESSION: the response to this command is still protected, later ones are not. */
    public void endRmacSession(int p1, int p2) {
        if (state != AUTHENTICATED) {
            ISOException.throwIt((short) Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (p1 != 0 || (p2 != 0x01 && p2 != 0x03)) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        if (!rmacSession) {
            ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
        }
        endRmacAfterResponse = true;
    }

    /** Decrypts sensitive data with the static DEK (AES-CBC, zero IV) in place; whole blocks only. */
    public void decryptWithDek(byte[] buf, int off, int len) {
        dekOperation(false, buf, off, len);
    }

    /** Encrypts sensitive data with the static DEK in place; whole blocks only. */
    public void encryptWithDek(byte[] buf, int off, int len) {
        dekOperation(true, buf, off, len);
    }

    private void dekOperation(boolean encrypt, byte[] buf, int off, int len) {
        if (len % 16 != 0 || off < 0 || off + len > buf.length) {
            ISOException.throwIt((short) Sw.WRONG_DATA);
        }
        AESKey dek = CardCrypto.key(staticDek());
        try {
            crypto.cbcZeroIv(dek, encrypt, buf, off, len);
        } finally {
            dek.clearKey();
        }
    }

    /** The crypto helper of this session (PUT KEY uses it for KCVs). */
    public CardCrypto crypto() {
        return crypto;
    }
}
