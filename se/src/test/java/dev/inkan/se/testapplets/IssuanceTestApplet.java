package dev.inkan.se.testapplets;

import dev.inkan.se.api.GpSystem;
import dev.inkan.se.api.Personalizable;
import dev.inkan.se.api.SecureChannel;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A Java Card applet written the way the JPKI applet will use the SE API: issuance commands from
 * the SP-TSM arrive under SCP03 through the applet's APSD. Commands: INITIALIZE UPDATE / EXTERNAL
 * AUTHENTICATE (forwarded with processSecurity), PUT '80 DA 00 00' (stores data; needs C-MAC and
 * C-DEC), GET '80 CA 00 00' (returns the data; R-MAC/R-ENC as the session says, plain without a
 * session), COUNT '80 CC 00 00' (a persistent counter, plain). STORE DATA through the domain
 * ({@link Personalizable}) also stores data and answers the length stored.
 */
public final class IssuanceTestApplet extends Applet implements Personalizable {
    private final byte[] data = new byte[64];
    private short length;
    private short count;
    private final byte[] scratch;

    private IssuanceTestApplet() {
        scratch = JCSystem.makeTransientByteArray((short) 16, JCSystem.CLEAR_ON_DESELECT);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new IssuanceTestApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
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
            case (byte) 0xDA: {
                short lc = apdu.setIncomingAndReceive();
                short n = sc.unwrap(buf, (short) 0, (short) (ISO7816.OFFSET_CDATA + lc));
                byte need = (byte) (SecureChannel.AUTHENTICATED | SecureChannel.C_MAC | SecureChannel.C_DECRYPTION);
                if ((sc.getSecurityLevel() & need) != need) {
                    ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
                }
                short len = (short) (n - ISO7816.OFFSET_CDATA);
                if (len > data.length) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                Util.arrayCopy(buf, ISO7816.OFFSET_CDATA, data, (short) 0, len);
                length = len;
                buf[0] = (byte) 0x90;
                buf[1] = 0x00;
                short out = sc.wrap(buf, (short) 0, (short) 2);
                if (out > 0) {
                    apdu.setOutgoingAndSend((short) 0, out);
                }
                return;
            }
            case (byte) 0xCA: {
                short lc = apdu.setIncomingAndReceive();
                sc.unwrap(buf, (short) 0, (short) (ISO7816.OFFSET_CDATA + lc));
                Util.arrayCopyNonAtomic(data, (short) 0, buf, (short) 0, length);
                buf[length] = (byte) 0x90;
                buf[(short) (length + 1)] = 0x00;
                short out = sc.wrap(buf, (short) 0, (short) (length + 2));
                apdu.setOutgoingAndSend((short) 0, out);
                return;
            }
            case (byte) 0xCC:
                count++;
                scratch[0]++;
                Util.setShort(buf, (short) 0, count);
                buf[2] = scratch[0];
                apdu.setOutgoingAndSend((short) 0, (short) 3);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    @Override
    public short processData(byte[] buffer, short offset, short len) {
        short lc = (short) (buffer[(short) (offset + 4)] & 0xFF);
        if (lc > data.length) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        Util.arrayCopy(buffer, (short) (offset + 5), data, (short) 0, lc);
        length = lc;
        buffer[offset] = (byte) lc;
        return 1;
    }
}
