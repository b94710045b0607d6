package dev.inkan.se.api;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GlobalPlatform;
import dev.inkan.se.scp03.CardSession;
import dev.inkan.se.util.Aid;
import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/**
 * {@link SecureChannel} of one applet: a handle holding the applet's AID that finds the session
 * of the applet's security domain on the current interface and channel at every call.
 */
final class AppletSecureChannel implements SecureChannel {
    private final byte[] applet;

    AppletSecureChannel(byte[] applet) {
        this.applet = applet;
    }

    private CardSession session() {
        GlobalPlatform gp = GlobalPlatform.current();
        Aid sd = gp.domainOf(Aid.of(applet));
        if (sd == null) {
            ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
        }
        return gp.session(sd);
    }

    @Override
    public short processSecurity(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short lc = 0;
        if (apdu.getCurrentState() == APDU.STATE_INITIAL) {
            lc = apdu.setIncomingAndReceive();
        } else {
            lc = (short) (buf[ISO7816.OFFSET_LC] & 0xFF);
        }
        CardSession s = session();
        byte cla = buf[ISO7816.OFFSET_CLA];
        if (!Cla.isProprietary(cla)) {
            ISOException.throwIt((short) Sw.CLA_NOT_SUPPORTED);
        }
        switch (buf[ISO7816.OFFSET_INS]) {
            case Ins.INITIALIZE_UPDATE: {
                if (Cla.isSecureMessaging(cla)) {
                    s.reset();
                    ISOException.throwIt((short) Sw.CLA_NOT_SUPPORTED);
                }
                if (lc != 8) {
                    s.reset();
                    ISOException.throwIt((short) Sw.WRONG_LENGTH);
                }
                byte[] challenge = new byte[8];
                System.arraycopy(buf, ISO7816.OFFSET_CDATA, challenge, 0, 8);
                byte[] response = s.initializeUpdate(buf[ISO7816.OFFSET_P1] & 0xFF, buf[ISO7816.OFFSET_P2] & 0xFF,
                        challenge);
                System.arraycopy(response, 0, buf, ISO7816.OFFSET_CDATA, response.length);
                return (short) response.length;
            }
            case Ins.EXTERNAL_AUTHENTICATE:
                s.externalAuthenticate(buf, 0, 5 + lc);
                return 0;
            case Ins.BEGIN_RMAC_SESSION: {
                int n = s.unwrap(buf, 0, 5 + lc);
                if (n > 5 + 17) {
                    ISOException.throwIt((short) Sw.WRONG_DATA);
                }
                s.beginRmacSession(buf[ISO7816.OFFSET_P1] & 0xFF, buf[ISO7816.OFFSET_P2] & 0xFF);
                return protectedOk(s, buf);
            }
            case Ins.END_RMAC_SESSION:
                s.unwrap(buf, 0, 5 + lc);
                s.endRmacSession(buf[ISO7816.OFFSET_P1] & 0xFF, buf[ISO7816.OFFSET_P2] & 0xFF);
                return protectedOk(s, buf);
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
                return 0;
        }
    }

    /** The R-MAC of an empty '9000' response, placed at OFFSET_CDATA. */
    private static short protectedOk(CardSession s, byte[] buf) {
        buf[ISO7816.OFFSET_CDATA] = (byte) 0x90;
        buf[ISO7816.OFFSET_CDATA + 1] = 0x00;
        return (short) s.wrap(buf, ISO7816.OFFSET_CDATA, 2);
    }

    @Override
    public short wrap(byte[] baBuffer, short sOffset, short sLength) {
        return (short) session().wrap(baBuffer, sOffset, sLength);
    }

    @Override
    public short unwrap(byte[] baBuffer, short sOffset, short sLength) {
        return (short) session().unwrap(baBuffer, sOffset, sLength);
    }

    @Override
    public short decryptData(byte[] baBuffer, short sOffset, short sLength) {
        session().decryptWithDek(baBuffer, sOffset, sLength);
        return sLength;
    }

    @Override
    public short encryptData(byte[] baBuffer, short sOffset, short sLength) {
        session().encryptWithDek(baBuffer, sOffset, sLength);
        return sLength;
    }

    @Override
    public void resetSecurity() {
        session().reset();
    }

    @Override
    public byte getSecurityLevel() {
        return (byte) session().securityLevel();
    }
}
