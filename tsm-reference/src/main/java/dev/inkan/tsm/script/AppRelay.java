package dev.inkan.tsm.script;

import dev.inkan.se.transport.BatchTransport;
import dev.inkan.se.transport.Transport;
import java.io.IOException;
import java.util.List;

/**
 * The JPKI app as the TSMs see it (REQ PRE-8, ACC-1): it relays APDUs to the applet over its
 * OMAPI logical channel (opened with the JPKI AID, so the applet is selected and the access rule
 * checked) and the responses back. The TSM wraps every command with its SCP03 session keys
 * before it reaches the app and unwraps every response after, so the app carries ciphertext and
 * MACs only and never sees a key (personalization data is encrypted twice with TLS on top).
 *
 * <p>A script goes as one batch ({@link #transmitBatch}: one network round trip): the app sends
 * the commands in order and stops at the first status word the script does not accept.
 *
 * <p>{@link #handset()} names the phone the relay reaches (the id the app applied with).
 */
public interface AppRelay extends BatchTransport, AutoCloseable {
    String handset();

    /** The app runs the batch on its channel, stopping at the first status word not accepted. */
    @Override
    default List<byte[]> transmitBatch(List<Command> commands) throws IOException {
        return BatchTransport.oneByOne(this, commands);
    }

    /** The app closes its channel (the applet is deselected, the SP session ends); the default does nothing. */
    @Override
    default void close() {
    }

    /** A relay over any transport (an OMAPI channel, an SE's contact interface, a PC/SC card). */
    static AppRelay of(String handset, Transport channel) {
        return of(handset, channel, () -> { });
    }

    /** A relay whose {@link #close()} runs {@code onClose} (closing the OMAPI channel). */
    static AppRelay of(String handset, Transport channel, Runnable onClose) {
        return new AppRelay() {
            @Override
            public void close() {
                onClose.run();
            }

            @Override
            public String handset() {
                return handset;
            }

            @Override
            public byte[] transmit(byte[] command) throws IOException {
                return channel.transmit(command);
            }
        };
    }
}
