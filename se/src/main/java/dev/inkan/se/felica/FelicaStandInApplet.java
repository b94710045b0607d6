package dev.inkan.se.felica;

import dev.inkan.se.api.GpSystem;
import dev.inkan.se.api.SecureChannel;
import dev.inkan.se.apdu.Sw;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Stand-in for the pre-installed FeliCa applet of a FeliCa-SE (REQ SYS-5, "never touched"): it
 * holds an IDm and a stored value that only its own security domain's secure channel can read or
 * change. Commands (CLA '80'/'84'): INITIALIZE UPDATE / EXTERNAL AUTHENTICATE (to its SD),
 * READ '80 B0 00 00' (IDm 8 bytes, value 4 bytes; needs an authenticated channel with C-MAC and
 * R-MAC) and WRITE VALUE '80 D6 00 00 04 value' (needs C-MAC and C-DECRYPTION).
 */
public final class FelicaStandInApplet extends Applet {
    private static final byte INS_READ = (byte) 0xB0;
    private static final byte INS_WRITE = (byte) 0xD6;
    private final byte[] idm = new byte[8];
    private final byte[] value = new byte[4];

    private FelicaStandInApplet(byte[] params, short offset, byte length) {
        if (length == 8) {
            Util.arrayCopyNonAtomic(params, offset, idm, (short) 0, (short) 8);
        } else {
            Util.arrayFillNonAtomic(idm, (short) 0, (short) 8, (byte) 0x01);
        }
        value[3] = 0x64;
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        short aidOff = (short) (bOffset + 1);
        byte aidLen = bArray[bOffset];
        short privOff = (short) (aidOff + aidLen);
        short paramOff = (short) (privOff + 1 + bArray[privOff]);
        byte paramLen = bArray[paramOff];
        new FelicaStandInApplet(bArray, (short) (paramOff + 1), paramLen).register(bArray, aidOff, aidLen);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        if ((buf[ISO7816.OFFSET_CLA] & 0x80) == 0) {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
        SecureChannel sc = GpSystem.getSecureChannel();
        switch (buf[ISO7816.OFFSET_INS]) {
            case 0x50:
            case (byte) 0x82: {
                short n = sc.processSecurity(apdu);
                if (n > 0) {
                    apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, n);
                }
                return;
            }
            case INS_READ:
                read(apdu, buf, sc);
                return;
            case INS_WRITE:
                write(apdu, buf, sc);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private static short receiveAndUnwrap(APDU apdu, byte[] buf, SecureChannel sc, byte required) {
        short lc = apdu.setIncomingAndReceive();
        short n = sc.unwrap(buf, (short) 0, (short) (ISO7816.OFFSET_CDATA + lc));
        byte level = sc.getSecurityLevel();
        if ((level & SecureChannel.AUTHENTICATED) == 0 || (level & required) != required) {
            ISOException.throwIt((short) Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        return n;
    }

    private void read(APDU apdu, byte[] buf, SecureChannel sc) {
        short n = receiveAndUnwrap(apdu, buf, sc, (byte) (SecureChannel.C_MAC | SecureChannel.R_MAC));
        if (n != 5 || buf[ISO7816.OFFSET_P1] != 0 || buf[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_P1P2);
        }
        Util.arrayCopyNonAtomic(idm, (short) 0, buf, (short) 0, (short) 8);
        Util.arrayCopyNonAtomic(value, (short) 0, buf, (short) 8, (short) 4);
        buf[12] = (byte) 0x90;
        buf[13] = 0x00;
        short out = sc.wrap(buf, (short) 0, (short) 14);
        apdu.setOutgoingAndSend((short) 0, out);
    }

    private void write(APDU apdu, byte[] buf, SecureChannel sc) {
        short n = receiveAndUnwrap(apdu, buf, sc, (byte) (SecureChannel.C_MAC | SecureChannel.C_DECRYPTION));
        if (n != 9 || buf[ISO7816.OFFSET_LC] != 4) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        Util.arrayCopy(buf, ISO7816.OFFSET_CDATA, value, (short) 0, (short) 4);
        buf[0] = (byte) 0x90;
        buf[1] = 0x00;
        short out = sc.wrap(buf, (short) 0, (short) 2);
        if (out > 0) {
            apdu.setOutgoingAndSend((short) 0, out);
        }
    }
}
