package dev.inkan.applet;

import dev.inkan.generated.dispatch.JpkiApDispatch;
import dev.inkan.se.api.GpSystem;
import dev.inkan.se.api.SecureChannel;
import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacardx.crypto.Cipher;

/**
 * The JPKI applet (REQ SYS-6) and, installed with parameter {@link #INSTALL_CARD}, the JPKI AP of
 * the Individual Number Card (SYS-7). The generated {@link JpkiApDispatch} decodes every command
 * and checks secure messaging, the machine state and the PIN (spec/applet.jsm); the handlers here
 * do the work and move the machine along the spec's transitions. Java Card subset only.
 *
 * <p>Card-compatible interface (ACC-3): SELECT of the AP and of EFs, READ BINARY at any offset with
 * any Le, VERIFY (empty: 63Cx; wrong: 63Cx; blocked: 6983; unset: 6984), CHANGE REFERENCE DATA and
 * COMPUTE DIGITAL SIGNATURE (PKCS#1 v1.5 type 01 over the DigestInfo, CRY-2). Issuance commands
 * (PRE-7, PRE-8) only under SCP03 level 33 of the SP's domain: GENERATE KEY, READ PUBLIC KEY, STORE
 * CERTIFICATE, SET TEMPORARY PIN (LIFE-6), LOCK KEY (LIFE-11), WIPE KEY (LIFE-8); READ STATUS for
 * the shop check (LIFE-10).
 *
 * <p>PIN rules (UX-1): the dispatch's format check (length, alphabet) runs before the PIN is
 * touched; a malformed VERIFY, CHANGE REFERENCE DATA or SET TEMPORARY PIN value answers 6A80 and
 * costs no try (the format is public, so refusing it reveals nothing and is no guess). A
 * well-formed VERIFY goes to {@link javacard.framework.OwnerPIN#check}, which lowers the counter
 * before comparing and restores it only on a match, so cutting the power never saves a try.
 *
 * <p>Power loss: every change of slot, PIN or certificate state and the machine state happen in
 * one transaction. The PIN counter is outside transactions (OwnerPIN); the only state change it
 * drives, the last wrong try of the last temporary PIN (TemporaryPin to Active), is committed
 * right after the check, and any later VERIFY repairs the state if the power went in between.
 */
public final class JpkiApplet extends JpkiApDispatch {
    /** Application parameter (install 'C9') of the Individual Number Card face. */
    public static final byte INSTALL_CARD = 0x01;
    /** Application parameter of the phone applet (also: no parameter). */
    public static final byte INSTALL_PHONE = 0x00;

    /** Token info of a GP-SE phone and of the card (LIFE-12), padded with spaces to 32 bytes. */
    private static final byte[] PHONE_TOKEN = {
        'J', 'P', 'K', 'I', 'A', 'P', 'G', 'P', 'S', 'E', 'T', 'O', 'K', 'E', 'N',
    };
    private static final byte[] CARD_TOKEN = {
        'J', 'P', 'K', 'I', 'A', 'P', 'I', 'C', 'C', 'T', 'O', 'K', 'E', 'N', '2',
    };
    private static final short TOKEN_SIZE = 32;

    /** Wire codes of the key references (P2 of the issuance commands). */
    private static final byte AUTH_KEY_REF = 0x17;
    private static final byte SIGN_KEY_REF = 0x1A;

    /** READ PUBLIC KEY block size. */
    private static final short KEY_BLOCK = 128;

    /** Transient: selected file index + 1, whether this command came with secure messaging, its data length. */
    private static final short RAM_SELECTED = 0;
    private static final short RAM_PROTECTED = 1;
    /** Length of the command data once received (and unwrapped). */
    private static final short RAM_LC = 2;
    private static final short RAM_SIZE = 4;
    /** Scratch: DigestInfo, or the modulus, or the SubjectPublicKeyInfo at 0 with its key numbers at KEY_TMP. */
    private static final short KEY_TMP = 300;
    /** Scratch: the raw RSA result of COMPUTE DIGITAL SIGNATURE (the padded block is at 0). */
    private static final short SIGNATURE_TMP = 300;
    private static final short SCRATCH_SIZE = 600;

    /** VERIFY of a PIN that is not set (reference data not usable). */
    private static final short SW_PIN_NOT_SET = 0x6984;
    /** VERIFY of a blocked PIN (authentication method blocked). */
    private static final short SW_PIN_BLOCKED = 0x6983;
    /** READ BINARY of a key or PIN EF (command incompatible with file structure). */
    private static final short SW_NOT_READABLE = 0x6981;
    /** 63Cx: x tries left. */
    private static final short SW_TRIES = 0x63C0;

    private final byte[] tokenInfo;
    private final KeySlot auth;
    private final KeySlot sign;
    private final Cipher rsa;
    private final byte[] ram;
    private final byte[] scratch;

    private JpkiApplet(boolean card) {
        tokenInfo = new byte[TOKEN_SIZE];
        Util.arrayFillNonAtomic(tokenInfo, (short) 0, TOKEN_SIZE, (byte) ' ');
        byte[] token = card ? CARD_TOKEN : PHONE_TOKEN;
        Util.arrayCopyNonAtomic(token, (short) 0, tokenInfo, (short) 0, (short) token.length);
        auth = new KeySlot(AUTH_KEY_REF, PIN_AUTH_PIN, pinTries(PIN_AUTH_PIN),
                new CertFile(FID_AUTH_CERT, PIN_AUTH_PIN, true), new CertFile(FID_AUTH_CA_CERT, PIN_AUTH_PIN, false));
        sign = new KeySlot(SIGN_KEY_REF, PIN_SIGN_PIN, pinTries(PIN_SIGN_PIN),
                new CertFile(FID_SIGN_CERT, PIN_SIGN_PIN, true), new CertFile(FID_SIGN_CA_CERT, PIN_SIGN_PIN, false));
        rsa = Cipher.getInstance(Cipher.ALG_RSA_NOPAD, false);
        ram = JCSystem.makeTransientByteArray(RAM_SIZE, JCSystem.CLEAR_ON_DESELECT);
        scratch = JCSystem.makeTransientByteArray(SCRATCH_SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    /**
     * Java Card install: {@code bArray} holds the instance AID, the privileges and the
     * application parameters (GP 2.3 11.5.2.3), each length-prefixed; an application parameter
     * starting with {@link #INSTALL_CARD} makes the Individual Number Card face.
     */
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        short at = (short) (bOffset + 1 + bArray[bOffset]);
        at = (short) (at + 1 + bArray[at]);
        boolean card = bArray[at] > 0 && bArray[(short) (at + 1)] == INSTALL_CARD;
        new JpkiApplet(card).register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public void process(APDU apdu) {
        ram[RAM_PROTECTED] = 0;
        super.process(apdu);
    }

    @Override
    public void deselect() {
        clearVerification();
    }

    // ---------------------------------------------------------------- dispatch hooks

    @Override
    protected void onSelectApplet(APDU apdu) {
        clearVerification();
        ram[RAM_SELECTED] = 0;
        GpSystem.getSecureChannel().resetSecurity();
    }

    @Override
    protected void unwrapCommand(APDU apdu) {
        short lc = receive(apdu);
        byte[] buf = apdu.getBuffer();
        short plain = GpSystem.getSecureChannel().unwrap(buf, (short) 0, (short) (ISO7816.OFFSET_CDATA + lc));
        Util.setShort(ram, RAM_LC, (short) (plain - ISO7816.OFFSET_CDATA));
        ram[RAM_PROTECTED] = 1;
    }

    /** The session's level for a command that came wrapped; 0 for a plain one, whatever the session. */
    @Override
    protected byte securityLevel() {
        return ram[RAM_PROTECTED] == 0 ? 0 : GpSystem.getSecureChannel().getSecurityLevel();
    }

    @Override
    protected boolean isPinValidated(byte pin) {
        return slot(pin).pin.isValidated();
    }

    @Override
    protected short selectedFile() {
        return (short) (ram[RAM_SELECTED] - 1);
    }

    // ---------------------------------------------------------------- card-compatible interface

    /** A SELECT by AID reaching the selected applet names an AID it does not own (ACC-3). */
    @Override
    protected void onSelectAp(APDU apdu) {
        ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
    }

    @Override
    protected void onSelectEf(APDU apdu) {
        short lc = receive(apdu);
        if (lc != 2) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short file = fileIndex(Util.getShort(apdu.getBuffer(), ISO7816.OFFSET_CDATA));
        if (file < 0) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        ram[RAM_SELECTED] = (byte) (file + 1);
    }

    /** READ BINARY: P1 P2 = offset (short EF identifiers unsupported), Le any (00 = 256). */
    @Override
    protected void onReadBinary(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        if ((buf[ISO7816.OFFSET_P1] & 0x80) != 0) {
            ISOException.throwIt(ISO7816.SW_FUNC_NOT_SUPPORTED);
        }
        short offset = Util.getShort(buf, ISO7816.OFFSET_P1);
        short file = selectedFile();
        byte[] data;
        short length;
        short fid = fileFid(file);
        if (fid == FID_TOKEN_INFO) {
            data = tokenInfo;
            length = TOKEN_SIZE;
        } else if (fileKind(file) == FILE_DATA) {
            CertFile f = certFile(fid);
            KeySlot s = slot(f.slot);
            if ((s.keyState != KeySlot.CERTIFIED && s.keyState != KeySlot.LOCKED) || !f.complete()) {
                ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
            }
            data = f.data;
            length = f.length;
        } else {
            ISOException.throwIt(SW_NOT_READABLE);
            return;
        }
        short n = Rules.readLength(offset, length, apdu.setOutgoing());
        if (n < 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_P1P2);
        }
        apdu.setOutgoingLength(n);
        apdu.sendBytesLong(data, offset, n);
    }

    /** VERIFY of the selected PIN EF (UX-1); see the class comment for the status words. */
    @Override
    protected void onVerify(APDU apdu) {
        KeySlot s = selectedSlot(FILE_PIN);
        short lc = receive(apdu);
        if (lc == 0) {
            transition(summary()); // repairs a state the power cut off after the last check
            ISOException.throwIt((short) (SW_TRIES | s.tries()));
        }
        byte status = s.pinStatus();
        if (status == KeySlot.PIN_UNSET) {
            ISOException.throwIt(SW_PIN_NOT_SET);
        }
        if (status == KeySlot.PIN_BLOCKED) {
            ISOException.throwIt(SW_PIN_BLOCKED);
        }
        byte[] buf = apdu.getBuffer();
        if (!pinWellFormed(s.pinIndex, buf, lc)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        boolean ok = s.pin.check(buf, ISO7816.OFFSET_CDATA, (byte) lc);
        Util.arrayFillNonAtomic(buf, ISO7816.OFFSET_CDATA, lc, (byte) 0);
        transition(summary());
        if (!ok) {
            ISOException.throwIt((short) (SW_TRIES | s.tries()));
        }
    }

    /** CHANGE REFERENCE DATA of the selected, verified PIN EF: the user's PIN replaces the old or temporary one. */
    @Override
    protected void onChangeReferenceData(APDU apdu) {
        KeySlot s = selectedSlot(FILE_PIN);
        byte status = s.pinStatus();
        if (s.keyState != KeySlot.CERTIFIED || (status != KeySlot.PIN_TEMPORARY && status != KeySlot.PIN_SET)
                || !s.pin.isValidated()) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        short lc = receive(apdu);
        byte[] buf = apdu.getBuffer();
        if (!pinWellFormed(s.pinIndex, buf, lc)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        JCSystem.beginTransaction();
        s.pin.update(buf, ISO7816.OFFSET_CDATA, (byte) lc);
        s.pin.resetAndUnblock();
        s.pinState = KeySlot.PIN_SET;
        transition(summary());
        JCSystem.commitTransaction();
        Util.arrayFillNonAtomic(buf, ISO7816.OFFSET_CDATA, lc, (byte) 0);
    }

    /**
     * COMPUTE DIGITAL SIGNATURE with the selected key (CRY-2): the DigestInfo as sent, padded
     * EMSA-PKCS1-v1_5 with block type 01 by {@link Rules#padType01} and raised to the private
     * exponent (raw RSA); 256 bytes, over any DigestInfo (the tests check it byte for byte). Only
     * a certified, unlocked key (LIFE-11) whose PIN is the user's own (never a temporary one,
     * LIFE-6) and verified: {@link Rules#signRefusal}. The padding, the bounds and the refusal
     * are proved by KeY (verification/).
     */
    @Override
    protected void onComputeDigitalSignature(APDU apdu) {
        KeySlot s = selectedSlot(FILE_KEY);
        short refusal = Rules.signRefusal(s.keyState, s.pinStatus(), s.pin.isValidated());
        if (refusal != 0) {
            ISOException.throwIt(refusal);
        }
        short lc = receive(apdu);
        if (!Rules.digestInfoFits(lc)) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        byte[] buf = apdu.getBuffer();
        short block = Rules.padType01(buf, ISO7816.OFFSET_CDATA, lc, scratch);
        // raw RSA with the private key; a platform may drop the result's leading zero bytes
        rsa.init(s.keys.getPrivate(), Cipher.MODE_DECRYPT);
        short n = rsa.doFinal(scratch, (short) 0, block, scratch, SIGNATURE_TMP);
        short lead = (short) (block - n);
        Util.arrayFillNonAtomic(buf, (short) 0, lead, (byte) 0);
        Util.arrayCopyNonAtomic(scratch, SIGNATURE_TMP, buf, lead, n);
        Util.arrayFillNonAtomic(scratch, (short) 0, SCRATCH_SIZE, (byte) 0);
        apdu.setOutgoingAndSend((short) 0, block);
    }

    /** READ STATUS (LIFE-10): applet state, then key state and PIN state of the Auth and Sign slots. */
    @Override
    protected void onReadStatus(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        buf[0] = state();
        buf[1] = auth.keyState;
        buf[2] = auth.pinStatus();
        buf[3] = sign.keyState;
        buf[4] = sign.pinStatus();
        apdu.setOutgoingAndSend((short) 0, (short) 5);
    }

    // ---------------------------------------------------------------- SCP03 with the SP domain

    @Override
    protected void onInitializeUpdate(APDU apdu) {
        short n = GpSystem.getSecureChannel().processSecurity(apdu);
        apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, n);
    }

    @Override
    protected void onExternalAuthenticate(APDU apdu) {
        short n = GpSystem.getSecureChannel().processSecurity(apdu);
        if (n > 0) {
            apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, n);
        }
    }

    // ---------------------------------------------------------------- issuance (level 33)

    /** GENERATE KEY PAIR (CRY-1): RSA-2048, e = 65537, into an empty slot. */
    @Override
    protected void onGenerateKey(APDU apdu) {
        KeySlot s = slotByRef(apdu.getBuffer()[ISO7816.OFFSET_P2]);
        if (s.keyState != KeySlot.EMPTY) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        s.generate();
        JCSystem.beginTransaction();
        s.cert.erase();
        s.ca.erase();
        s.keyState = KeySlot.GENERATED;
        transition(summary());
        JCSystem.commitTransaction();
        sendProtected(apdu, (short) 0);
    }

    /** READ PUBLIC KEY: block P1 (128 bytes each) of the DER SubjectPublicKeyInfo of a generated key. */
    @Override
    protected void onReadPublicKey(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        KeySlot s = slotByRef(buf[ISO7816.OFFSET_P2]);
        if (s.keyState != KeySlot.GENERATED) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        short length = PublicKeyInfo.encode(s.publicKey(), scratch, (short) 0, scratch, KEY_TMP);
        short off = (short) (buf[ISO7816.OFFSET_P1] * KEY_BLOCK);
        if (buf[ISO7816.OFFSET_P1] < 0 || off >= length) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short n = (short) (length - off);
        if (n > KEY_BLOCK) {
            n = KEY_BLOCK;
        }
        Util.arrayCopyNonAtomic(scratch, off, buf, (short) 0, n);
        sendProtected(apdu, n);
    }

    /**
     * STORE CERTIFICATE (PRE-2): P1 the EF, P2 the block (bit 8 on the last). The CA certificate
     * comes first; the end-entity certificate must hold the slot's public key, and its last block
     * certifies the slot.
     */
    @Override
    protected void onStoreCert(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        CertFile f = certFileByCode(buf[ISO7816.OFFSET_P1]);
        KeySlot s = slot(f.slot);
        boolean last = (buf[ISO7816.OFFSET_P2] & 0x80) != 0;
        short block = (short) (buf[ISO7816.OFFSET_P2] & 0x7F);
        if (s.keyState != KeySlot.GENERATED || (f.endEntity && last && !s.ca.complete())) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        short lc = receive(apdu);
        JCSystem.beginTransaction();
        f.writeBlock(block, last, buf, ISO7816.OFFSET_CDATA, lc);
        if (f.endEntity && last) {
            short n = s.publicKey().getModulus(scratch, (short) 0);
            if (!f.contains(scratch, (short) 0, n)) {
                f.erase();
                JCSystem.commitTransaction();
                ISOException.throwIt(ISO7816.SW_WRONG_DATA);
            }
            s.keyState = KeySlot.CERTIFIED;
            transition(summary());
        }
        JCSystem.commitTransaction();
        sendProtected(apdu, (short) 0);
    }

    /**
     * SET TEMPORARY PIN (LIFE-6, LIFE-5): the PIN of a certified slot becomes the (deciphered)
     * data with all its tries; a set or blocked PIN only while no slot waits for its first PIN.
     */
    @Override
    protected void onSetTempPin(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        KeySlot s = slotByRef(buf[ISO7816.OFFSET_P2]);
        if (s.keyState != KeySlot.CERTIFIED
                || (s.pinStatus() != KeySlot.PIN_UNSET && state() == STATE_CERTS_STORED)) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        short lc = receive(apdu);
        if (!pinWellFormed(s.pinIndex, buf, lc)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        JCSystem.beginTransaction();
        s.pin.update(buf, ISO7816.OFFSET_CDATA, (byte) lc);
        s.pin.resetAndUnblock();
        s.pinState = KeySlot.PIN_TEMPORARY;
        transition(summary());
        JCSystem.commitTransaction();
        Util.arrayFillNonAtomic(buf, ISO7816.OFFSET_CDATA, lc, (byte) 0);
        sendProtected(apdu, (short) 0);
    }

    /** LOCK KEY (LIFE-11): a certified key never signs again. */
    @Override
    protected void onLockKey(APDU apdu) {
        KeySlot s = slotByRef(apdu.getBuffer()[ISO7816.OFFSET_P2]);
        if (s.keyState != KeySlot.CERTIFIED) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        JCSystem.beginTransaction();
        s.keyState = KeySlot.LOCKED;
        transition(summary());
        JCSystem.commitTransaction();
        sendProtected(apdu, (short) 0);
    }

    /** WIPE KEY (LIFE-8): the key pair, both certificates and the PIN of the slot are erased. */
    @Override
    protected void onWipeKey(APDU apdu) {
        KeySlot s = slotByRef(apdu.getBuffer()[ISO7816.OFFSET_P2]);
        if (s.keyState == KeySlot.EMPTY) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        Util.arrayFillNonAtomic(scratch, (short) 0, KeySlot.PIN_CAPACITY, (byte) 0);
        JCSystem.beginTransaction();
        s.clearKeys();
        s.cert.erase();
        s.ca.erase();
        s.pin.update(scratch, (short) 0, KeySlot.PIN_CAPACITY);
        s.pin.reset();
        s.pinState = KeySlot.PIN_UNSET;
        s.keyState = KeySlot.EMPTY;
        transition(summary());
        JCSystem.commitTransaction();
        s.cert.zeroise();
        s.ca.zeroise();
        sendProtected(apdu, (short) 0);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The machine state the slots and PINs stand for (the rule of spec/applet.jsm, first match
     * wins): a generated key, a certified key without PIN, with a temporary PIN, with the user's
     * PIN, a locked key; otherwise still Installed, or Wiped.
     */
    private byte summary() {
        if (auth.keyState == KeySlot.GENERATED || sign.keyState == KeySlot.GENERATED) {
            return STATE_KEYS_GENERATED;
        }
        if (certifiedWith(KeySlot.PIN_UNSET)) {
            return STATE_CERTS_STORED;
        }
        if (certifiedWith(KeySlot.PIN_TEMPORARY)) {
            return STATE_TEMPORARY_PIN;
        }
        if (auth.keyState == KeySlot.CERTIFIED || sign.keyState == KeySlot.CERTIFIED) {
            return STATE_ACTIVE;
        }
        if (auth.keyState == KeySlot.LOCKED || sign.keyState == KeySlot.LOCKED) {
            return STATE_KEYS_LOCKED;
        }
        return state() == STATE_INSTALLED ? STATE_INSTALLED : STATE_WIPED;
    }

    /**
     * UX-1: the spec's format check (generated dispatch) and the one KeY proves
     * ({@link Rules#pinWellFormed}) must both accept a PIN value before anything touches the PIN.
     */
    private boolean pinWellFormed(byte pin, byte[] buf, short lc) {
        return pinFormatOk(pin, buf, ISO7816.OFFSET_CDATA, lc)
                && Rules.pinWellFormed(pin, buf, ISO7816.OFFSET_CDATA, lc);
    }

    private boolean certifiedWith(byte pinStatus) {
        return (auth.keyState == KeySlot.CERTIFIED && auth.pinStatus() == pinStatus)
                || (sign.keyState == KeySlot.CERTIFIED && sign.pinStatus() == pinStatus);
    }

    private void clearVerification() {
        auth.pin.reset();
        sign.pin.reset();
    }

    /** The slot of a PIN index (slots are indexed like the dispatch's PINs); package access for the tests. */
    KeySlot slot(byte pin) {
        return pin == PIN_AUTH_PIN ? auth : sign;
    }

    private KeySlot slotByRef(byte keyRef) {
        if (keyRef == AUTH_KEY_REF) {
            return auth;
        }
        if (keyRef != SIGN_KEY_REF) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        return sign;
    }

    /** The slot of the selected EF, which must be of {@code kind} (else 6986). */
    private KeySlot selectedSlot(byte kind) {
        short file = selectedFile();
        if (file < 0 || fileKind(file) != kind) {
            ISOException.throwIt(ISO7816.SW_COMMAND_NOT_ALLOWED);
        }
        return slot(filePin(file));
    }

    private CertFile certFile(short fid) {
        if (fid == FID_AUTH_CERT) {
            return auth.cert;
        }
        if (fid == FID_AUTH_CA_CERT) {
            return auth.ca;
        }
        if (fid == FID_SIGN_CERT) {
            return sign.cert;
        }
        if (fid != FID_SIGN_CA_CERT) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        return sign.ca;
    }

    /** The EF of a STORE CERTIFICATE P1 (the CertFile codes are the FIDs). */
    private CertFile certFileByCode(byte code) {
        return certFile((short) (code & 0xFF));
    }

    /**
     * Receives the command data (once) and returns its length: Lc as sent, or as the secure
     * channel left it after unwrapping. A command whose data stops short of Lc answers 6700.
     */
    private short receive(APDU apdu) {
        if (apdu.getCurrentState() != APDU.STATE_INITIAL) {
            return Util.getShort(ram, RAM_LC);
        }
        short got = apdu.setIncomingAndReceive();
        short lc = apdu.getIncomingLength();
        while (got < lc) {
            short n = apdu.receiveBytes((short) (ISO7816.OFFSET_CDATA + got));
            if (n <= 0) {
                ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
            }
            got = (short) (got + n);
        }
        Util.setShort(ram, RAM_LC, lc);
        return lc;
    }

    /** Sends {@code len} bytes of response data at offset 0 and '9000' under the session's R-MAC and R-ENC. */
    private static void sendProtected(APDU apdu, short len) {
        byte[] buf = apdu.getBuffer();
        buf[len] = (byte) 0x90;
        buf[(short) (len + 1)] = 0x00;
        SecureChannel sc = GpSystem.getSecureChannel();
        short out = sc.wrap(buf, (short) 0, (short) (len + 2));
        if (out > 0) {
            apdu.setOutgoingAndSend((short) 0, out);
        }
    }
}
