package dev.inkan.tsm.script;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.runtime.script.Script;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.StatusWordException;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.transport.BatchTransport;
import dev.inkan.se.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a generated protocol script (spec/protocols.jsm, {@code dev.inkan.generated.scripts}) on an
 * open SCP03 channel, as a TSM does through the app's relay (REQ PRE-8):
 * <ul>
 *   <li>INITIALIZE UPDATE and EXTERNAL AUTHENTICATE are the handshake the channel already made
 *       (with its own fresh challenge and cryptograms, which a prepared script cannot hold);</li>
 *   <li>a STORE CERTIFICATE stands for the whole certificate of its EF, sent in 224-byte blocks
 *       (bit 80 of P2 on the last);</li>
 *   <li>every other command goes as built (the channel wraps it), and its status word must be one
 *       the script expects, else {@link StatusWordException}.</li>
 * </ul>
 * {@link #onlySlots} cuts a two-slot script down to the commands of some key slots (a reissue of
 * one certificate type uses the issuance script's commands for that type).
 */
public final class ScriptRunner {
    /** Bytes of certificate per STORE CERTIFICATE block (spec/applet.jsm STORE_CERT). */
    public static final int BLOCK = 224;

    private ScriptRunner() {
    }

    /** One command sent and its (unwrapped) response. */
    public record Step(ScriptCommand command, byte[] response) {
    }

    /**
     * Runs {@code script} on {@code channel}: as one batch when the channel carries batches (an
     * SCP03 session over the app's relay: one round trip for the whole script), else command by
     * command. Either way the first status word a command does not expect ends the script with
     * {@link StatusWordException}, and no later command is sent.
     */
    public static List<Step> run(Transport channel, Script script, Map<CertFile, byte[]> certificates) throws IOException {
        List<ScriptCommand> commands = new ArrayList<>();
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
                    for (ScriptCommand block : storeCertificate(f, der)) {
                        commands.add(block.expecting(c.expectedSw().toArray(new Integer[0])));
                    }
                }
                default -> commands.add(c);
            }
        }
        List<BatchTransport.Command> batch = new ArrayList<>(commands.size());
        for (ScriptCommand c : commands) {
            batch.add(new BatchTransport.Command(c.apdu(), c.expectedSw().stream().mapToInt(Integer::intValue).toArray()));
        }
        // one exchange for a channel that carries batches, else one per command; both stop at the first refusal
        List<byte[]> responses = BatchTransport.transmitBatch(channel, batch);
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            byte[] r = responses.get(i);
            if (!commands.get(i).accepts(Sw.of(r))) {
                throw new StatusWordException(Sw.of(r), Sw.data(r));
            }
            out.add(new Step(commands.get(i), r));
        }
        if (responses.size() < commands.size()) {
            throw new IOException(script.name() + ": the relay stopped after " + responses.size() + " of "
                    + commands.size() + " commands without a refusal");
        }
        return out;
    }

    /** Sends one command; its status word must be one it expects. */
    public static byte[] send(Transport channel, ScriptCommand c) throws IOException {
        byte[] r = channel.transmit(c.apdu());
        if (!c.accepts(Sw.of(r))) {
            throw new StatusWordException(Sw.of(r), Sw.data(r));
        }
        return r;
    }

    /** STORE CERTIFICATE blocks of {@code der} for EF {@code f}. */
    public static List<ScriptCommand> storeCertificate(CertFile f, byte[] der) {
        List<ScriptCommand> out = new ArrayList<>();
        for (int at = 0, block = 0; at < der.length; at += BLOCK, block++) {
            int n = Math.min(BLOCK, der.length - at);
            byte[] chunk = Arrays.copyOfRange(der, at, at + n);
            out.add(JpkiApCommands.storeCert(f, block | (at + n == der.length ? 0x80 : 0), chunk));
        }
        return out;
    }

    /** The EF a STORE CERTIFICATE's P1 names. */
    public static CertFile fileOf(byte code) {
        for (CertFile f : CertFile.values()) {
            if (f.code == (code & 0xFF)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no EF " + code);
    }

    /** The key slot a JPKI AP issuance command concerns, or null for slot-independent ones. */
    public static CertType slotOf(ScriptCommand c) {
        byte[] a = c.apdu();
        return switch (c.name()) {
            case "GENERATE_KEY", "READ_PUBLIC_KEY", "SET_TEMP_PIN", "LOCK_KEY", "WIPE_KEY" -> typeOf(a[3]);
            case "STORE_CERT" -> {
                CertFile f = fileOf(a[2]);
                yield f == CertFile.AUTH_CA_FILE || f == CertFile.AUTH_CERT_FILE ? CertType.AUTH : CertType.SIGN;
            }
            default -> null;
        };
    }

    static CertType typeOf(byte code) {
        for (CertType t : CertType.values()) {
            if (t.code == (code & 0xFF)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no key reference " + code);
    }

    /** The script with only the commands of {@code slots} (and the slot-independent ones, the handshake). */
    public static Script onlySlots(Script s, Set<CertType> slots) {
        Set<CertType> keep = slots.isEmpty() ? EnumSet.noneOf(CertType.class) : EnumSet.copyOf(slots);
        List<ScriptCommand> commands = new ArrayList<>();
        for (ScriptCommand c : s.commands()) {
            CertType t = slotOf(c);
            if (t == null || keep.contains(t)) {
                commands.add(c);
            }
        }
        return new Script(s.protocol(), s.name(), s.sender(), s.securityDomain(), s.securityDomainAid(), s.applet(),
                s.appletAid(), commands);
    }
}
