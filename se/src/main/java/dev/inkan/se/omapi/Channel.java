package dev.inkan.se.omapi;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.transport.GetResponseTransport;
import dev.inkan.se.transport.Transport;
import java.io.IOException;

/**
 * OMAPI Channel: transmits APDUs to the selected application with the channel number put into
 * CLA; refuses MANAGE CHANNEL and SELECT by DF name (OMAPI 3.3, Channel.transmit) and commands the
 * access rule's APDU filters do not allow; handles '61xx'/'6Cxx' itself.
 */
public final class Channel {
    private final Session session;
    private final Transport transport;
    private final int number;
    private final boolean basic;
    private final byte[] selectResponse;
    private final ChannelAccess access;
    private boolean open = true;

    Channel(Session session, Transport transport, int number, boolean basic, byte[] selectResponse,
            ChannelAccess access) {
        this.session = session;
        this.transport = new GetResponseTransport(transport);
        this.number = number;
        this.basic = basic;
        this.selectResponse = selectResponse.clone();
        this.access = access;
    }

    public Session getSession() {
        return session;
    }

    public boolean isBasicChannel() {
        return basic;
    }

    public boolean isOpen() {
        return open;
    }

    /** The logical channel number (0 for the basic channel). */
    public int number() {
        return number;
    }

    /** The complete response to the SELECT that opened the channel. */
    public byte[] getSelectResponse() {
        return selectResponse.clone();
    }

    /**
     * Sends a command APDU and returns the response (data and status word).
     *
     * @throws SecurityException for MANAGE CHANNEL, SELECT by DF name, or a command outside the APDU filters
     */
    public synchronized byte[] transmit(byte[] command) throws IOException {
        if (!open) {
            throw new IllegalStateException("channel closed");
        }
        if (command == null || command.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least 4 bytes");
        }
        byte cla = command[0];
        byte ins = command[1];
        if (!Cla.isProprietary(cla) && ins == Ins.MANAGE_CHANNEL) {
            throw new SecurityException("MANAGE CHANNEL is not allowed through OMAPI");
        }
        if (!Cla.isProprietary(cla) && ins == Ins.SELECT && command[2] == 0x04) {
            throw new SecurityException("SELECT by DF name is not allowed through OMAPI");
        }
        if (!access.permits(command)) {
            throw new SecurityException("the access rule's APDU filters do not allow this command");
        }
        return transport.transmit(command);
    }

    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (!basic) {
                session.getReader().se.contact().transmit(new byte[] {0x00, Ins.MANAGE_CHANNEL, (byte) 0x80,
                        (byte) number});
            }
        } catch (IOException e) {
            // the channel is gone for us either way
        }
        session.closed(this);
    }
}
