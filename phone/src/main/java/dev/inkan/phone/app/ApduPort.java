package dev.inkan.phone.app;

import java.io.IOException;

/**
 * How the app reaches the JPKI AP: on a phone, its OMAPI logical channel (the access control
 * enforcer lets only this app's signing certificate through, ACC-1); in tests any APDU path.
 */
@FunctionalInterface
public interface ApduPort {
    byte[] transmit(byte[] apdu) throws IOException;
}
