package dev.inkan.applet;

import javacard.framework.OwnerPIN;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.RSAPublicKey;

/**
 * One key slot of the applet (machine KeySlot of spec/applet.jsm, REQ SYS-6, CRY-1): an RSA-2048
 * key pair generated on the chip, its PIN (machine Pin of spec/pins.jsm) and its two
 * certificate EFs. State codes follow the order of the machines' states. Java Card subset.
 */
final class KeySlot {
    /** KeySlot states. */
    static final byte EMPTY = Rules.KEY_EMPTY;
    static final byte GENERATED = Rules.KEY_GENERATED;
    static final byte CERTIFIED = Rules.KEY_CERTIFIED;
    static final byte LOCKED = Rules.KEY_LOCKED;

    /** Pin states; BLOCKED is never stored, it is a set or temporary PIN without tries. */
    static final byte PIN_UNSET = Rules.PIN_UNSET;
    static final byte PIN_TEMPORARY = Rules.PIN_TEMPORARY;
    static final byte PIN_SET = Rules.PIN_SET;
    static final byte PIN_BLOCKED = Rules.PIN_BLOCKED;

    /** Longest PIN of any slot (signature password, UX-1). */
    static final byte PIN_CAPACITY = 16;
    private static final byte[] F4 = {(byte) 0x01, (byte) 0x00, (byte) 0x01};

    /** Key reference on the wire (P2 of the issuance commands): 17 or 1A. */
    final byte keyRef;
    /** Index of the PIN in the dispatch (PIN_AUTH_PIN, PIN_SIGN_PIN); also the slot index. */
    final byte pinIndex;
    final KeyPair keys;
    final OwnerPIN pin;
    final CertFile cert;
    final CertFile ca;
    byte keyState;
    /** PIN_UNSET, PIN_TEMPORARY or PIN_SET. */
    byte pinState;

    KeySlot(byte keyRef, byte pinIndex, byte tries, CertFile cert, CertFile ca) {
        this.keyRef = keyRef;
        this.pinIndex = pinIndex;
        this.cert = cert;
        this.ca = ca;
        keys = new KeyPair(KeyPair.ALG_RSA_CRT, KeyBuilder.LENGTH_RSA_2048);
        pin = new OwnerPIN(tries, PIN_CAPACITY);
    }

    /** The Pin machine's state: UNSET, TEMPORARY, SET or BLOCKED (no tries left); proved in {@link Rules#pinStatus}. */
    byte pinStatus() {
        return Rules.pinStatus(pinState, pin.getTriesRemaining());
    }

    /** Tries left as the model counts them: 0 for an unset PIN. */
    byte tries() {
        return pinState == PIN_UNSET ? 0 : pin.getTriesRemaining();
    }

    /** Generates a new key pair (e = 65537) in place; the caller records the slot state. */
    void generate() {
        ((RSAPublicKey) keys.getPublic()).setExponent(F4, (short) 0, (short) F4.length);
        keys.genKeyPair();
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** Zeroises both keys (in the caller's transaction). */
    void clearKeys() {
        keys.getPrivate().clearKey();
        keys.getPublic().clearKey();
    }
}
