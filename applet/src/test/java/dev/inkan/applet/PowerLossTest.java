package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.applet.tearing.Tearing;
import dev.inkan.applet.tearing.TearingClassLoader;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.scp03.SecureChannelTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss at every tear point of VERIFY, CHANGE REFERENCE DATA and GENERATE KEY (REQ UX-1,
 * CRY-1, STD-2): the chip restarts from what its memory kept, and the PIN counters, PINs, keys,
 * slot states and machine state are consistent. A tear never gives a try back.
 */
class PowerLossTest {
    static final Set<String> APPLET_CLASSES = Set.of("dev.inkan.applet.JpkiApplet", "dev.inkan.applet.KeySlot",
            "dev.inkan.applet.CertFile", "dev.inkan.applet.PublicKeyInfo", "dev.inkan.applet.Rules",
            "dev.inkan.generated.dispatch.JpkiApDispatch");
    static final int TEMPORARY_PIN = 4;
    static final int ACTIVE = 5;
    static final int KEYS_GENERATED = 2;
    static final int INSTALLED = 1;

    @TempDir
    Path dir;

    /** Builds a card image with the ordinary (uninstrumented) applet. */
    Path image(String name, Consumer<JpkiSe> steps) {
        Path f = dir.resolve(name + ".json");
        SeConfig c = JpkiSe.config(false);
        c.persistence = f.toString();
        try (JpkiSe j = JpkiSe.start(c, false)) {
            steps.accept(j);
        }
        return f;
    }

    /** A copy of an image, started with the instrumented applet classes. */
    JpkiSe tearable(Path image, Path copy) {
        try {
            Files.copy(image, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SeConfig c = JpkiSe.config(false);
        c.persistence = copy.toString();
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(new TearingClassLoader(PowerLossTest.class.getClassLoader(), APPLET_CLASSES));
        try {
            return JpkiSe.start(c, false);
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    /** The card restarted from its memory after the power loss (ordinary classes). */
    static JpkiSe restart(Path copy) {
        SeConfig c = JpkiSe.config(false);
        c.persistence = copy.toString();
        return JpkiSe.start(c, false);
    }

    /**
     * Runs {@code command} once untorn (returning its SW and the tear points), then once per
     * tear point with the power cut there, checking the restarted card with {@code check}.
     */
    List<String> tearEverywhere(Path image, Consumer<JpkiSe> setup, ToIntFunction<JpkiSe> command,
                                int expectedSw, TornCheck check) {
        Path copy = dir.resolve("run.json");
        List<String> trace;
        try (JpkiSe j = tearable(image, copy)) {
            setup.accept(j);
            Tearing.arm(0);
            int sw = command.applyAsInt(j);
            Tearing.disarm();
            trace = Tearing.trace();
            assertEquals(expectedSw, sw, "untorn run");
        }
        assertTrue(trace.size() > 3, () -> "tear points: " + trace);
        for (int n = 1; n <= trace.size(); n++) {
            try (JpkiSe j = tearable(image, copy)) {
                setup.accept(j);
                Tearing.arm(n);
                int sw = command.applyAsInt(j);
                Tearing.disarm();
                assertEquals(0x6F00, sw, "power lost at " + trace.get(n - 1));
            }
            try (JpkiSe j = restart(copy)) {
                j.selectAp();
                check.check(j, n, trace);
            }
        }
        return trace;
    }

    interface TornCheck {
        void check(JpkiSe card, int point, List<String> trace);
    }

    /** 1-based index of the first tear point whose description contains {@code what}. */
    static int pointOf(List<String> trace, String what) {
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).contains(what)) {
                return i + 1;
            }
        }
        throw new AssertionError(what + " not among the tear points " + trace);
    }

    @Test
    void verifyOfAWrongPinNeverGivesATryBack() {
        Path issued = image("issued", j -> j.issue("1234", "ABC123"));
        List<String> trace = tearEverywhere(issued, j -> {
            j.selectAp();
            j.selectEf(0x0018);
        }, j -> j.sw(JpkiApCommands.verify(JpkiSe.ascii("9999")).apdu()), 0x63C2, (card, n, t) -> {
            int check = pointOf(t, "OwnerPIN.check");
            int tries = card.verify(CertType.AUTH, null) & 0x0F;
            assertEquals(n <= check ? 3 : 2, tries, "tries after power loss at " + t.get(n - 1));
            assertEquals(0x9000, card.verify(CertType.AUTH, "1234"), "the PIN itself is intact");
            assertEquals(ACTIVE, card.status()[0]);
        });
        assertTrue(pointOf(trace, "OwnerPIN.check") < trace.size(), "points after the check exist");
    }

    @Test
    void theLastWrongTryOfTheLastTemporaryPinBlocksItAndTheStateFollows() {
        Path image = image("lastTemporaryTry", j -> {
            j.personalizeWithTemporaryPins();
            j.selectAp();
            assertEquals(0x9000, j.verify(CertType.SIGN, JpkiSe.SIGN_TEMP));
            j.ok(JpkiApCommands.changeReferenceData(JpkiSe.ascii("SIGNED1")).apdu());
            assertEquals(0x63C2, j.verify(CertType.AUTH, "1111"));
            assertEquals(0x63C1, j.verify(CertType.AUTH, "2222"));
            assertEquals(TEMPORARY_PIN, j.status()[0]);
        });
        tearEverywhere(image, j -> {
            j.selectAp();
            j.selectEf(0x0018);
        }, j -> j.sw(JpkiApCommands.verify(JpkiSe.ascii("3333")).apdu()), 0x63C0, (card, n, t) -> {
            int check = pointOf(t, "OwnerPIN.check");
            // an empty VERIFY reports the counter and repairs a state the cut left behind
            int tries = card.verify(CertType.AUTH, null) & 0x0F;
            assertEquals(n <= check ? 1 : 0, tries, "tries after power loss at " + t.get(n - 1));
            byte[] status = card.status();
            assertEquals(tries == 0 ? ACTIVE : TEMPORARY_PIN, status[0], "state follows the PIN at " + t.get(n - 1));
            assertEquals(tries == 0 ? 3 : 1, status[2], "auth PIN blocked or still temporary");
        });
    }

    @Test
    void changeReferenceDataIsAllOrNothing() {
        Path image = image("authTemporary", j -> {
            j.personalizeWithTemporaryPins();
            j.selectAp();
            assertEquals(0x9000, j.verify(CertType.SIGN, JpkiSe.SIGN_TEMP));
            j.ok(JpkiApCommands.changeReferenceData(JpkiSe.ascii("SIGNED1")).apdu());
        });
        tearEverywhere(image, j -> {
            j.selectAp();
            assertEquals(0x9000, j.verify(CertType.AUTH, JpkiSe.AUTH_TEMP));
            j.selectEf(0x0018);
        }, j -> j.sw(JpkiApCommands.changeReferenceData(JpkiSe.ascii("2468")).apdu()), 0x9000, (card, n, t) -> {
            byte[] status = card.status();
            boolean changed = status[2] == 2;
            assertTrue(changed || status[2] == 1, "auth PIN temporary or set, not " + status[2]);
            assertEquals(changed ? ACTIVE : TEMPORARY_PIN, status[0], "state and PIN agree at " + t.get(n - 1));
            assertEquals(changed, n > pointOf(t, "JCSystem.commitTransaction"), "the commit decides");
            assertEquals(0x63C3, card.verify(CertType.AUTH, null), "all tries");
            assertEquals(0x9000, card.verify(CertType.AUTH, changed ? "2468" : JpkiSe.AUTH_TEMP));
        });
    }

    @Test
    void keyGenerationLeavesAnEmptySlotOrAWholeKeyPair() {
        Path fresh = image("fresh", j -> { });
        tearEverywhere(fresh, j -> {
            j.sc = j.openSp();
        }, j -> Sw.of(j.se.transmit(j.sc.wrapper().wrap(JpkiApCommands.generateKey(CertType.AUTH).apdu()))),
                0x9000, (card, n, t) -> {
                    byte[] status = card.status();
                    boolean generated = status[1] == 1;
                    assertEquals(generated, n > pointOf(t, "JCSystem.commitTransaction"), "the commit decides");
                    assertEquals(generated ? KEYS_GENERATED : INSTALLED, status[0]);
                    SecureChannelTransport sc = card.openSp();
                    if (!generated) {
                        assertEquals(0, status[1], "slot empty");
                        return;
                    }
                    // the key pair is whole: certify it, set the PINs, sign, verify with the public key
                    RSAPublicKey key = JpkiSe.readPublicKey(sc, CertType.AUTH);
                    card.certifyAuth(sc, key);
                    byte[] digestInfo = card.sha256DigestInfo("torn");
                    card.selectEf(0x0017);
                    byte[] sig = card.ok(JpkiApCommands.computeDigitalSignature(digestInfo).apdu());
                    try {
                        Signature v = Signature.getInstance("SHA256withRSA");
                        v.initVerify(key);
                        v.update("torn".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        assertTrue(v.verify(sig), "private and public key belong together");
                    } catch (java.security.GeneralSecurityException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void theHarnessRollsBackAnOpenTransaction() {
        // the same CHANGE REFERENCE DATA, torn inside its transaction, would otherwise leave a new
        // PIN value with a temporary PIN state: make sure the journal is what prevents it
        Path image = image("rollback", j -> {
            j.personalizeWithTemporaryPins();
        });
        Path copy = dir.resolve("rollback-run.json");
        List<String> trace;
        try (JpkiSe j = tearable(image, copy)) {
            j.selectAp();
            assertEquals(0x9000, j.verify(CertType.AUTH, JpkiSe.AUTH_TEMP));
            j.selectEf(0x0018);
            Tearing.arm(0);
            j.sw(JpkiApCommands.changeReferenceData(JpkiSe.ascii("9753")).apdu());
            Tearing.disarm();
            trace = Tearing.trace();
        }
        int insideTransaction = pointOf(trace, "JCSystem.commitTransaction");
        try (JpkiSe j = tearable(image, copy)) {
            j.selectAp();
            assertEquals(0x9000, j.verify(CertType.AUTH, JpkiSe.AUTH_TEMP));
            j.selectEf(0x0018);
            Tearing.arm(insideTransaction);
            assertEquals(0x6F00, j.sw(JpkiApCommands.changeReferenceData(JpkiSe.ascii("9753")).apdu()));
            Tearing.disarm();
        }
        try (JpkiSe j = restart(copy)) {
            j.selectAp();
            assertEquals(1, j.status()[2], "still temporary");
            assertEquals(0x63C2, j.verify(CertType.AUTH, "9753"), "the new PIN was rolled back");
            assertEquals(0x9000, j.verify(CertType.AUTH, JpkiSe.AUTH_TEMP));
        }
    }
}
