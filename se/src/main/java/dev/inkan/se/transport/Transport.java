package dev.inkan.se.transport;

import java.io.IOException;

/**
 * The one interface every APDU path implements: a command APDU in, a response APDU (data and
 * status word) out. Decorators in this package add logging, GET RESPONSE handling and logical
 * channels; {@code dev.inkan.se.scp03.SecureChannelTransport} adds SCP03 wrapping.
 */
@FunctionalInterface
public interface Transport {
    /** Sends {@code command} and returns the complete response APDU including the status word. */
    byte[] transmit(byte[] command) throws IOException;
}
