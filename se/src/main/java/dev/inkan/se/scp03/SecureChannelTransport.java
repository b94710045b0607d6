package dev.inkan.se.scp03;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.transport.Transport;
import java.io.IOException;

/**
 * A transport decorator that wraps every command and unwraps every response of an open SCP03
 * session. Commands go in plain (CLA without SM bit) and responses come back plain.
 */
public final class SecureChannelTransport implements Transport {
    private final Transport inner;
    private final HostWrapper wrapper;
    private final InitializeUpdateResponse initializeUpdate;
    private final int sessionLevel;
    private final int channel;

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
        byte[] wrapped = wrapper.wrap(command);
        return wrapper.unwrap(inner.transmit(wrapped));
    }

    /**
     * BEGIN R-MAC SESSION (INS '7A'): asks for R-MAC ('10') or R-MAC and R-ENC ('30') on the
     * following responses; the response to this command is already protected.
     */
    public void beginRmacSession(int responseLevel) throws IOException {
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
        byte[] cmd = {Cla.withChannel((byte) 0x80, channel), Ins.END_RMAC_SESSION, 0x00, 0x01};
        Sw.check(wrapper.unwrap(inner.transmit(wrapper.wrap(cmd))));
        wrapper.endRmac(sessionLevel);
    }
}
