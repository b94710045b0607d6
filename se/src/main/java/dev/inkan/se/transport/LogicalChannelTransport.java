package dev.inkan.se.transport;

import dev.inkan.se.apdu.Cla;
import java.io.IOException;

/** Puts a fixed logical channel number into the class byte of every command. */
public final class LogicalChannelTransport implements Transport {
    private final Transport inner;
    private final int channel;

    public LogicalChannelTransport(Transport inner, int channel) {
        if (channel < 0 || channel > Cla.MAX_CHANNEL) {
            throw new IllegalArgumentException("logical channel " + channel);
        }
        this.inner = inner;
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        byte[] c = command.clone();
        c[0] = Cla.withChannel(c[0], channel);
        return inner.transmit(c);
    }
}
