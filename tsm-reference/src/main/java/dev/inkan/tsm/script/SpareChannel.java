package dev.inkan.tsm.script;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import java.io.IOException;

/**
 * A side trip on a logical channel of its own (MANAGE CHANNEL open, SELECT, the body, MANAGE
 * CHANNEL close), so that the session on the basic channel stays as it is: how a TSM reads the
 * ARA-M's rules or tries a key set while it holds a session with the ISD.
 */
public final class SpareChannel {
    private SpareChannel() {
    }

    /** What runs on the spare channel: its transport and the SELECT's status word. */
    @FunctionalInterface
    public interface Body<T> {
        T run(Transport channel, int selectSw) throws IOException;
    }

    /** Runs {@code body} with {@code aid} selected on a new logical channel of {@code agent}, then closes it. */
    public static <T> T run(Transport agent, Aid aid, Body<T> body) throws IOException {
        byte[] opened = agent.transmit(new byte[] {0x00, 0x70, 0x00, 0x00, 0x01});
        if (Sw.of(opened) != 0x9000) {
            throw new IOException("MANAGE CHANNEL open: " + String.format("%04X", Sw.of(opened)));
        }
        int n = opened[0];
        Transport channel = apdu -> {
            byte[] c = apdu.clone();
            c[0] = Cla.withChannel(c[0], n);
            return agent.transmit(c);
        };
        try {
            return body.run(channel, Sw.of(channel.transmit(GpCommands.select(aid))));
        } finally {
            agent.transmit(new byte[] {0x00, 0x70, (byte) 0x80, (byte) n});
        }
    }
}
