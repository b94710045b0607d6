package dev.inkan.se.pcsc;

/**
 * A card the PC/SC bridge can present to vpcd: an ATR, APDU exchange and power events. Implemented
 * by {@link SecureElementCard}; other simulated cards (the Individual Number Card, a phone) can
 * implement it to reuse {@link VpcdBridge}.
 */
public interface VirtualCard {
    /** The answer to reset. */
    byte[] atr();

    /** One command APDU in, the response APDU (data and status word) out; must not throw. */
    byte[] transmit(byte[] command);

    /** The reader powers the card up (also used for a warm reset). */
    void powerOn();

    /** The reader powers the card down. */
    void powerOff();
}
