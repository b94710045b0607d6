package dev.inkan.se.omapi;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.transport.GetResponseTransport;
import dev.inkan.se.transport.LogicalChannelTransport;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * OMAPI Session: opens the basic channel or logical channels (MANAGE CHANNEL, then SELECT by AID
 * with the channel number in CLA) after the access control enforcer granted the caller.
 */
public final class Session {
    private final Reader reader;
    private final List<Channel> channels = new ArrayList<>();
    private boolean closed;

    Session(Reader reader) {
        this.reader = reader;
    }

    public Reader getReader() {
        return reader;
    }

    public byte[] getATR() {
        return reader.se.atr();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Opens a logical channel to {@code aid} (null: the default application) with SELECT P2
     * {@code p2}; null when the SE has no free channel.
     *
     * @throws SecurityException when no access rule grants the caller
     * @throws NoSuchElementException when the SE has no selectable application with this AID
     */
    public synchronized Channel openLogicalChannel(byte[] aid, byte p2) throws IOException {
        checkOpen(aid, p2);
        ChannelAccess access = reader.ace.check(aid, reader.caller);
        if (!access.allowed()) {
            throw new SecurityException("access denied for " + reader.caller.packageName() + ": " + access.reason());
        }
        Transport card = reader.se.contact();
        byte[] opened = card.transmit(new byte[] {0x00, Ins.MANAGE_CHANNEL, 0x00, 0x00, 0x01});
        if (Sw.of(opened) != Sw.OK) {
            return null;
        }
        int number = opened[0] & 0xFF;
        return select(new LogicalChannelTransport(card, number), number, aid, p2, access, false);
    }

    public Channel openLogicalChannel(byte[] aid) throws IOException {
        return openLogicalChannel(aid, (byte) 0x00);
    }

    /** Opens the basic channel; null when another session of this reader uses it. */
    public synchronized Channel openBasicChannel(byte[] aid, byte p2) throws IOException {
        checkOpen(aid, p2);
        ChannelAccess access = reader.ace.check(aid, reader.caller);
        if (!access.allowed()) {
            throw new SecurityException("access denied for " + reader.caller.packageName() + ": " + access.reason());
        }
        if (!reader.claimBasic()) {
            return null;
        }
        try {
            return select(new LogicalChannelTransport(reader.se.contact(), 0), 0, aid, p2, access, true);
        } catch (RuntimeException | IOException e) {
            reader.releaseBasic();
            throw e;
        }
    }

    public Channel openBasicChannel(byte[] aid) throws IOException {
        return openBasicChannel(aid, (byte) 0x00);
    }

    private void checkOpen(byte[] aid, byte p2) {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
        reader.getSeService().ensureConnected();
        if (aid != null && !Aid.validLength(aid.length)) {
            throw new IllegalArgumentException("AID must have 5 to 16 bytes");
        }
        if (p2 != 0x00 && p2 != 0x04 && p2 != 0x08 && p2 != 0x0C) {
            throw new UnsupportedOperationException("SELECT P2 " + p2 + " not supported");
        }
    }

    private Channel select(Transport t, int number, byte[] aid, byte p2, ChannelAccess access, boolean basic)
            throws IOException {
        byte[] response = new byte[] {(byte) 0x90, 0x00};
        if (aid != null) {
            response = new GetResponseTransport(t).transmit(CommandApdu.build(0x00, Ins.SELECT & 0xFF, 0x04, p2, aid, 256));
            int sw = Sw.of(response);
            if (!Sw.isSuccessOrWarning(sw)) {
                if (!basic) {
                    reader.se.contact().transmit(new byte[] {0x00, Ins.MANAGE_CHANNEL, (byte) 0x80, (byte) number});
                }
                if (sw == Sw.FILE_NOT_FOUND || sw == Sw.APPLET_SELECT_FAILED || sw == Sw.CONDITIONS_NOT_SATISFIED) {
                    throw new NoSuchElementException("no selectable application " + dev.inkan.se.util.Hex.encode(aid));
                }
                throw new IOException("SELECT answered " + dev.inkan.se.util.Hex.shortHex(sw));
            }
        }
        Channel c = new Channel(this, t, number, basic, response, access);
        channels.add(c);
        return c;
    }

    /** Closes every channel of this session. */
    public synchronized void closeChannels() {
        for (Channel c : new ArrayList<>(channels)) {
            c.close();
        }
    }

    public synchronized void close() {
        if (!closed) {
            closeChannels();
            closed = true;
            reader.removed(this);
        }
    }

    synchronized void closed(Channel c) {
        channels.remove(c);
        if (c.isBasicChannel()) {
            reader.releaseBasic();
        }
    }
}
