package dev.inkan.phone.face;

import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.nfc.ContactlessFrontEnd;
import dev.inkan.se.pcsc.VirtualCard;
import java.io.IOException;

/**
 * The contactless face of a phone (REQ ACC-3) as a PC/SC card: what an NFC terminal reaches
 * through card emulation. SELECTs are routed by the phone's NFC rules; taking the phone off the
 * reader (power off or reset) ends the contactless session.
 */
public final class ContactlessCard implements VirtualCard {
    private final SecureElement se;
    private final ContactlessFrontEnd nfc;

    public ContactlessCard(SecureElement se) {
        this.se = se;
        this.nfc = new ContactlessFrontEnd(se);
    }

    @Override
    public byte[] atr() {
        return se.atr();
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            return nfc.transmit(command);
        } catch (IOException | RuntimeException e) {
            return Sw.bytes(Sw.UNKNOWN);
        }
    }

    @Override
    public void powerOn() {
        nfc.fieldOff();
    }

    @Override
    public void powerOff() {
        nfc.fieldOff();
    }
}
