package dev.inkan.se.pcsc;

import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;

/** The contact interface of a {@link SecureElement} as a {@link VirtualCard}. */
public final class SecureElementCard implements VirtualCard {
    private final SecureElement se;

    public SecureElementCard(SecureElement se) {
        this.se = se;
    }

    @Override
    public byte[] atr() {
        return se.atr();
    }

    @Override
    public byte[] transmit(byte[] command) {
        try {
            return se.transmit(command);
        } catch (RuntimeException e) {
            // only an environment failure gets here (the persistence file could not be written)
            return Sw.bytes(Sw.MEMORY_FAILURE);
        }
    }

    @Override
    public void powerOn() {
        se.reset();
    }

    @Override
    public void powerOff() {
        se.reset();
    }
}
