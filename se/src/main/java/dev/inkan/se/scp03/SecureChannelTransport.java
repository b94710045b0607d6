package dev.inkan.se.scp03;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.transport.BatchTransport;
import dev.inkan.se.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;

/**
 * A transport decorator that wraps every command and unwraps every response of an open SCP03
 * session. Commands go in plain (CLA without SM bit) and responses come back plain.
 */
public final class SecureChannelTransport implements BatchTransport {
    private final Transport inner;
    private final HostWrapper wrapper;
    private final InitializeUpdateResponse initializeUpdate;
    private final int sessionLevel;
    private final int channel;
    /** Why the session is out of step with the card (a batch stopped early), or null. */
    private String outOfStep;

    SecureChannelTransport(Transport inner, HostWrapper wrapper, InitializeUpdateResponse iu, int sessionLevel,
                           int channel) {
        this.inner = inner;
        this.wrapper = wrapper;
        this.initializeUpdate = iu;
        this.sessionLevel = sessionLevel;
        this.channel = channel;
    }

    /** The security level of the session (as sent in EXTERNAL AUTHENTICATE). */
    public int securityLevel() {
        return wrapper.level();
    }

    /** What the card said in INITIALIZE UPDATE. */
    public InitializeUpdateResponse initializeUpdateResponse() {
        return initializeUpdate;
    }

    /** Direct access to the wrapper (tests tamper with wrapped bytes through it). */
    public HostWrapper wrapper() {
        return wrapper;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        inStep();
        byte[] wrapped = wrapper.wrap(command);
        return wrapper.unwrap(inner.transmit(wrapped));
    }

    /**
     * Wraps every command up front (the C-MAC chain and the counter advance as if sent one by
     * one), sends them as one batch through the inner transport, and unwraps each response with
     * the state its command was wrapped in. When the batch stops early the commands after the
     * stop were wrapped but never sent: the session is out of step with the card and refuses
     * further commands (open a new one).
     */
    @Override
    public List<byte[]> transmitBatch(List<Command> commands) throws IOException {
        inStep();
        List<HostWrapper.Sealed> sealed = new ArrayList<>(commands.size());
        List<Command> wrapped = new ArrayList<>(commands.size());
        for (Command c : commands) {
            HostWrapper.Sealed s = wrapper.seal(c.apdu());
            sealed.add(s);
            wrapped.add(new Command(s.apdu(), c.continueOn()));
        }
        List<byte[]> responses = BatchTransport.transmitBatch(inner, wrapped);
        if (responses.size() > commands.size()) {
            throw new IOException(responses.size() + " responses to a batch of " + commands.size() + " commands");
        }
        if (responses.size() < commands.size()) {
            outOfStep = "a batch stopped after " + responses.size() + " of " + commands.size() + " commands";
        }
        List<byte[]> out = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            out.add(wrapper.unwrap(sealed.get(i), responses.get(i)));
        }
        return out;
    }

    private void inStep() throws IOException {
        if (outOfStep != null) {
            throw new IOException("SCP03 session out of step with the card (" + outOfStep + "): open a new one");
        }
    }

    /**
     * BEGIN R-MAC SESSION (INS '7A'): asks for R-MAC ('10') or R-MAC and R-ENC ('30') on the
     * following responses; the response to this command is already protected.
     */
    public void beginRmacSession(int responseLevel) throws IOException {
        inStep();
        byte cla = Cla.withChannel((byte) 0x80, channel);
        byte[] cmd = {cla, Ins.BEGIN_RMAC_SESSION, (byte) responseLevel, 0x01, 0x01, 0x00};
        byte[] wrapped = wrapper.wrap(cmd);
        int before = wrapper.level();
        wrapper.beginRmac(responseLevel);
        byte[] response = inner.transmit(wrapped);
        if (!Sw.isSuccessOrWarning(Sw.of(response))) {
            wrapper.endRmac(before);
        }
        Sw.check(wrapper.unwrap(response));
    }

    /** END R-MAC SESSION (INS '78', P2 '01'): back to the EXTERNAL AUTHENTICATE level after this response. */
    public void endRmacSession() throws IOException {
        inStep();
        byte[] cmd = {Cla.withChannel((byte) 0x80, channel), Ins.END_RMAC_SESSION, 0x00, 0x01};
        Sw.check(wrapper.unwrap(inner.transmit(wrapper.wrap(cmd))));
        wrapper.endRmac(sessionLevel);
    }
}
