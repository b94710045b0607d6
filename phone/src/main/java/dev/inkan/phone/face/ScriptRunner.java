package dev.inkan.phone.face;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.runtime.script.Script;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.StatusWordException;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.SecureChannelTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a generated protocol script (spec/protocols.jsm) on an open SCP03 channel, as the SP-TSM
 * does through the app: INITIALIZE UPDATE and EXTERNAL AUTHENTICATE are the handshake the
 * channel already made (with its own fresh challenge and cryptograms, which a prepared script
 * cannot hold); a STORE CERTIFICATE of the script stands for the whole certificate of its EF,
 * sent in 224-byte blocks; every other command goes as built, and its status word must be one
 * the script expects.
 */
public final class ScriptRunner {
    private ScriptRunner() {
    }

    /** One command sent and its (unwrapped) response. */
    public record Step(ScriptCommand command, byte[] response) {
    }

    public static List<Step> run(SecureChannelTransport channel, Script script, Map<CertFile, byte[]> certificates)
            throws IOException {
        List<Step> out = new ArrayList<>();
        for (ScriptCommand c : script.commands()) {
            switch (c.name()) {
                case "INITIALIZE_UPDATE", "EXTERNAL_AUTHENTICATE" -> {
                    // the handshake the open channel made
                }
                case "STORE_CERT" -> {
                    CertFile f = fileOf(c.apdu()[2]);
                    byte[] der = certificates.get(f);
                    if (der == null) {
                        throw new IllegalArgumentException(script.name() + ": no certificate for " + f);
                    }
                    for (ScriptCommand block : Personalization.storeCertificate(f, der)) {
                        out.add(new Step(block, send(channel, script, block.expecting(c.expectedSw().toArray(new Integer[0])))));
                    }
                }
                default -> out.add(new Step(c, send(channel, script, c)));
            }
        }
        return out;
    }

    private static byte[] send(SecureChannelTransport channel, Script script, ScriptCommand c) throws IOException {
        byte[] r = channel.transmit(c.apdu());
        if (!c.accepts(Sw.of(r))) {
            throw new StatusWordException(Sw.of(r), Sw.data(r));
        }
        return r;
    }

    static CertFile fileOf(byte code) {
        for (CertFile f : CertFile.values()) {
            if (f.code == (code & 0xFF)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no EF " + code);
    }
}
