package dev.inkan.se.api;

import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * The secure channel of an applet's security domain, for Java Card code (after
 * org.globalplatform.SecureChannel of the GP Card API, with GP 2.3 Amd D SCP03 behind it). Only
 * Java Card types appear here. Obtain it with {@link GpSystem#getSecureChannel()} inside
 * {@code process()}; it always acts on the current logical channel.
 *
 * <p>Status words: '6982' when a MAC is wrong, secure messaging is missing or the session is not
 * authenticated (the session is then closed); '6300' for a wrong host cryptogram; '6A88' for an
 * unknown key version; '6985' for an exhausted sequence counter or a command out of sequence.
 */
public interface SecureChannel {
    byte NO_SECURITY_LEVEL = 0x00;
    byte C_MAC = 0x01;
    byte C_DECRYPTION = 0x02;
    byte R_MAC = 0x10;
    byte R_ENCRYPTION = 0x20;
    byte ANY_AUTHENTICATED = 0x40;
    byte AUTHENTICATED = (byte) 0x80;

    /**
     * Handles INITIALIZE UPDATE ('50'), EXTERNAL AUTHENTICATE ('82'), BEGIN R-MAC SESSION ('7A')
     * and END R-MAC SESSION ('78') with the keys of the applet's security domain. Receives the
     * command data if the applet has not done so. Response data, if any, is placed in the APDU
     * buffer at {@code ISO7816.OFFSET_CDATA}; the return value is its length, which the applet
     * sends (for example with {@code apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, len)}).
     */
    short processSecurity(APDU apdu) throws ISOException;

    /**
     * Protects a response in place: {@code baBuffer[sOffset, sOffset+sLength)} holds the response
     * data followed by the two status word bytes the applet will return. Returns the length of the
     * protected response data to send (R-ENC, R-MAC as the session requires; 0 for an error status
     * word). The status word itself is not part of the output.
     */
    short wrap(byte[] baBuffer, short sOffset, short sLength) throws ISOException;

    /**
     * Verifies and removes secure messaging in place: {@code baBuffer[sOffset, sOffset+sLength)}
     * holds the whole command APDU (header, Lc, data). Returns the length of the plain command
     * (header and data; Le is dropped); CLA loses its secure messaging bit and Lc is updated. A
     * command without secure messaging is returned unchanged unless the session requires C-MAC.
     */
    short unwrap(byte[] baBuffer, short sOffset, short sLength) throws ISOException;

    /** Deciphers sensitive data with the static DEK of the session (AES-CBC, zero IV); whole blocks. */
    short decryptData(byte[] baBuffer, short sOffset, short sLength) throws ISOException;

    /** Enciphers data with the static DEK of the session; whole blocks. */
    short encryptData(byte[] baBuffer, short sOffset, short sLength) throws ISOException;

    /** Closes the secure channel session of this logical channel. */
    void resetSecurity();

    /** {@link #AUTHENTICATED} plus C-MAC, C-DEC, R-MAC, R-ENC bits, or 0 without a session. */
    byte getSecurityLevel();
}
