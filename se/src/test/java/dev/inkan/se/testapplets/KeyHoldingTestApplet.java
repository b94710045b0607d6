package dev.inkan.se.testapplets;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.MessageDigest;
import javacard.security.RSAPublicKey;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * Holds the kinds of objects a JPKI applet holds (RSA CRT key pair, AES key, PIN, crypto engines,
 * nested objects, transient arrays) so persistence can be checked across restarts. Commands:
 * '00 20 00 80' VERIFY, '80 2A 00 00' SIGN (PKCS#1 v1.5 over SHA-256, needs the PIN), '80 B0 00 00'
 * public modulus, '80 46 00 00' new key pair and its modulus, '80 84 00 00' 16 random bytes,
 * '80 E0 00 00' AES-encrypt one block, '80 C0 00 00' tries left and counters.
 */
public final class KeyHoldingTestApplet extends Applet {
    /** A nested object, as applets keep files or records. */
    static final class Record {
        byte[] value = new byte[4];
        Record next;
    }

    private final KeyPair rsa;
    private final AESKey aes;
    private final OwnerPIN pin;
    private final Signature signer;
    private final Cipher cipher;
    private final MessageDigest digest;
    private final RandomData random;
    private final Record records;
    private final Object[] table = new Object[3];
    private final boolean[] sessionFlags;
    private short uses;

    private KeyHoldingTestApplet() {
        rsa = new KeyPair(KeyPair.ALG_RSA_CRT, KeyBuilder.LENGTH_RSA_1024);
        rsa.genKeyPair();
        aes = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        byte[] k = new byte[16];
        for (short i = 0; i < 16; i++) {
            k[i] = (byte) (i * 7);
        }
        aes.setKey(k, (short) 0);
        pin = new OwnerPIN((byte) 3, (byte) 8);
        pin.update(new byte[] {'1', '2', '3', '4'}, (short) 0, (byte) 4);
        signer = Signature.getInstance(Signature.ALG_RSA_SHA_256_PKCS1, false);
        cipher = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_ECB_NOPAD, false);
        digest = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
        random = RandomData.getInstance(RandomData.ALG_KEYGENERATION);
        records = new Record();
        records.next = new Record();
        records.next.next = records;
        records.next.value[0] = 42;
        table[0] = records.next;
        table[1] = aes;
        sessionFlags = JCSystem.makeTransientBooleanArray((short) 2, JCSystem.CLEAR_ON_RESET);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new KeyHoldingTestApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case 0x20: {
                short lc = apdu.setIncomingAndReceive();
                if (!pin.check(buf, ISO7816.OFFSET_CDATA, (byte) lc)) {
                    ISOException.throwIt((short) (0x63C0 | pin.getTriesRemaining()));
                }
                sessionFlags[0] = true;
                return;
            }
            case 0x2A: {
                if (!pin.isValidated()) {
                    ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
                }
                short lc = apdu.setIncomingAndReceive();
                signer.init(rsa.getPrivate(), Signature.MODE_SIGN);
                short n = signer.sign(buf, ISO7816.OFFSET_CDATA, lc, buf, (short) 0);
                uses++;
                ((Record) table[0]).value[1]++;
                apdu.setOutgoingAndSend((short) 0, n);
                return;
            }
            case 0x46: {
                // a new key pair: keys made on command come from the SE's entropy
                rsa.genKeyPair();
                short n = ((RSAPublicKey) rsa.getPublic()).getModulus(buf, (short) 0);
                apdu.setOutgoingAndSend((short) 0, n);
                return;
            }
            case (byte) 0x84:
                random.nextBytes(buf, (short) 0, (short) 16);
                apdu.setOutgoingAndSend((short) 0, (short) 16);
                return;
            case (byte) 0xB0: {
                short n = ((RSAPublicKey) rsa.getPublic()).getModulus(buf, (short) 0);
                apdu.setOutgoingAndSend((short) 0, n);
                return;
            }
            case (byte) 0xE0: {
                apdu.setIncomingAndReceive();
                cipher.init((AESKey) table[1], Cipher.MODE_ENCRYPT);
                cipher.doFinal(buf, ISO7816.OFFSET_CDATA, (short) 16, buf, (short) 0);
                digest.reset();
                random.nextBytes(buf, (short) 16, (short) 1);
                apdu.setOutgoingAndSend((short) 0, (short) 16);
                return;
            }
            case (byte) 0xC0:
                buf[0] = pin.getTriesRemaining();
                Util.setShort(buf, (short) 1, uses);
                buf[3] = records.next.next.next.value[0];
                buf[4] = ((Record) table[0]).value[1];
                buf[5] = (byte) (sessionFlags[0] ? 1 : 0);
                apdu.setOutgoingAndSend((short) 0, (short) 6);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
