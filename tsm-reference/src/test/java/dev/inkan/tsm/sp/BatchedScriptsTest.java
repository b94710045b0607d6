package dev.inkan.tsm.sp;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.runtime.script.Script;
import dev.inkan.se.apdu.StatusWordException;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.transport.BatchTransport;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.script.AppRelay;
import dev.inkan.tsm.script.ScriptRunner;
import dev.inkan.tsm.sei.SeiTsm;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scripts go to the app's relay as batches (DESIGN: an issuance needs few network round trips):
 * the SCP03 session wraps a whole script up front and unwraps each response with the state its
 * command was wrapped in; the app stops at the first status word the script does not accept.
 */
class BatchedScriptsTest {
    /** The app's relay, counting the exchanges the TSM makes with it (each one a network round trip). */
    static final class CountingRelay implements AppRelay {
        final AppRelay inner;
        int roundTrips;
        int commands;

        CountingRelay(AppRelay inner) {
            this.inner = inner;
        }

        @Override
        public String handset() {
            return inner.handset();
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            roundTrips++;
            commands++;
            return inner.transmit(command);
        }

        @Override
        public List<byte[]> transmitBatch(List<Command> batch) throws IOException {
            roundTrips++;
            List<byte[]> r = BatchTransport.oneByOne(inner, batch);
            commands += r.size();
            return r;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void anIssuanceOfBothCertificatesTakesFourRoundTrips() throws Exception {
        try (Fixture f = new Fixture(); Phone ph = new Phone("batched-phone")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            new SeiTsm(Phone.ISD_KEYS, f.jpki).prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
            long p = f.personWithCard("Few Round Trips");
            ApplicationResult accepted = f.jpki.apply(f.application(p, ph.id, Set.of(AUTH, SIGN), null));
            CountingRelay relay = new CountingRelay(ph.relay());
            try (relay) {
                sp.personalize(relay, accepted);
            }
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, ph.id, SIGN));
            // INITIALIZE UPDATE, EXTERNAL AUTHENTICATE (the host cryptogram needs the card's challenge),
            // the GenerateKeys script, the StoreCertificates script
            assertEquals(4, relay.roundTrips);
            assertTrue(relay.commands > 30, "the scripts carried " + relay.commands + " commands");
            System.out.printf("issuance of two certificates: %d commands in %d round trips%n", relay.commands,
                    relay.roundTrips);
        }
    }

    @Test
    void aRefusedCommandEndsTheBatchAndTheSession() throws Exception {
        try (Fixture f = new Fixture(); Phone ph = new Phone("refusing-phone")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            new SeiTsm(Phone.ISD_KEYS, f.jpki).prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
            CountingRelay relay = new CountingRelay(ph.relay());
            try (relay) {
                SecureChannelTransport sc = sp.open(relay);
                int before = relay.commands;
                // READ PUBLIC KEY before any key is generated: refused, so the GENERATE KEY after it never goes
                Script script = new Script("Test", "RefusedMidway", "SP-TSM", "SpSd", Phone.SP_DOMAIN.bytes(), "JpkiAp",
                        JpkiApCommands.AID, List.of(JpkiApCommands.generateKey(AUTH), JpkiApCommands.readPublicKey(0, SIGN),
                        JpkiApCommands.generateKey(SIGN)));
                StatusWordException refused = assertThrows(StatusWordException.class,
                        () -> ScriptRunner.run(sc, script, Map.of()));
                assertTrue(refused.sw() != 0x9000);
                assertEquals(2, relay.commands - before, "the app stops at the refusal");
                IOException after = assertThrows(IOException.class, () -> sc.transmit(JpkiApCommands.lockKey(AUTH).apdu()));
                assertTrue(after.getMessage().contains("out of step"), after.getMessage());
            }
            // only the first GENERATE KEY of the batch took effect (READ STATUS: free, plain)
            try (var app = ph.relay()) {
                byte[] status = Sw.check(app.transmit(JpkiApCommands.readStatus().apdu()));
                assertEquals(1, status[1], "Auth key generated");
                assertEquals(0, status[3], "Sign key not generated");
            }
        }
    }
}
