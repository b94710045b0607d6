package dev.inkan.se.api;

/**
 * Implemented by applets personalised through their security domain with INSTALL [for
 * personalization] and STORE DATA (GP Card Spec 2.3 sections 11.5 and 11.11; after org.globalplatform.Application).
 * The security domain has already verified and deciphered the command with its secure channel.
 */
public interface Personalizable {
    /**
     * Receives one STORE DATA command: {@code buffer[offset, offset+length)} holds the header
     * (CLA, 'E2', P1, P2, Lc) and the plain data. The applet may write response data into
     * {@code buffer} from {@code offset} and returns its length (0 for none); it signals errors
     * with {@code ISOException}.
     */
    short processData(byte[] buffer, short offset, short length);
}
