package dev.inkan.tsm.jpki;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.jpki.Faults.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each fault seam breaks exactly the rule it names (and the same steps without it keep the rule). */
class FaultsTest {
    @Test
    void skipCardRevocationCascade() {
        try (Fixture f = new Fixture(Faults.of(Fault.SKIP_CARD_REVOCATION_CASCADE))) {
            long p = f.personWithCard("Fault 1");
            f.issuePhone(p, "phone-1", AUTH);
            f.jpki.revokeCard(p, AUTH);
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "phone-1", AUTH), "PRE-6 broken on purpose");
        }
    }

    @Test
    void skipCardExpiryCascade() {
        try (Fixture f = new Fixture(Faults.of(Fault.SKIP_CARD_EXPIRY_CASCADE))) {
            long p = f.personWithCard("Fault 2");
            f.issuePhone(p, "phone-1", SIGN);
            f.jpki.expireCard(p, SIGN);
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "phone-1", SIGN), "PRE-4 broken on purpose");
        }
    }

    @Test
    void releaseSignatureCertificate() {
        try (Fixture f = new Fixture(Faults.of(Fault.RELEASE_SIGNATURE_CERTIFICATE))) {
            long p = f.personWithCard("Fault 3");
            f.issuePhone(p, "phone-1", SIGN);
            f.jpki.suspend(p, "phone-1", SIGN);
            f.jpki.release(p, "phone-1", SIGN);
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "phone-1", SIGN), "LIFE-7 broken on purpose");
        }
    }

    @Test
    void acceptInactiveCard() {
        try (Fixture f = new Fixture(Faults.of(Fault.ACCEPT_INACTIVE_CARD))) {
            long p = f.personWithCard("Fault 4");
            f.jpki.revokeCard(p, AUTH);
            f.apply(p, "phone-1", AUTH);
            assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(p, "phone-1", AUTH), "PRE-1 broken on purpose");
        }
    }

    @Test
    void skipDeletionRequestAndWarning() {
        try (Fixture f = new Fixture(Faults.of(Fault.SKIP_DELETION_REQUEST))) {
            long p = f.personWithCard("Fault 5");
            f.issuePhone(p, "phone-1", AUTH);
            f.jpki.revoke(p, "phone-1", AUTH);
            assertEquals(KeySlotState.CERTIFIED, f.jpki.keySlot("phone-1", AUTH));
            assertEquals(DeletionState.IDLE, f.jpki.deletion("phone-1", AUTH).state(), "LIFE-8 broken on purpose");
        }
        try (Fixture f = new Fixture(Faults.of(Fault.SKIP_DELETION_WARNING))) {
            long p = f.personWithCard("Fault 6");
            f.issuePhone(p, "phone-1", AUTH);
            f.jpki.revoke(p, "phone-1", AUTH);
            PushOutcome o = f.jpki.pushDeletion("phone-1", AUTH);
            assertEquals(DeletionState.PENDING, o.state());
            assertFalse(o.warned(), "LIFE-8 warning skipped on purpose");
            assertTrue(f.jpki.warnings(p).isEmpty());
        }
    }

    @Test
    void keepDeletionAfterKeyGone() {
        for (boolean fault : new boolean[] {false, true}) {
            try (Fixture f = fault ? new Fixture(Faults.of(Fault.KEEP_DELETION_AFTER_KEY_GONE)) : new Fixture()) {
                long p = f.personWithCard("Fault 7");
                f.issuePhone(p, "phone-1", AUTH, SIGN);
                f.jpki.revoke(p, "phone-1", AUTH);
                f.jpki.revoke(p, "phone-1", SIGN);
                f.jpki.keyWiped("phone-1", AUTH);
                f.jpki.appletDeleted("phone-1");
                for (var t : new dev.inkan.generated.scripts.CertType[] {AUTH, SIGN}) {
                    assertEquals(KeySlotState.EMPTY, f.jpki.keySlot("phone-1", t));
                    assertEquals(fault ? DeletionState.PENDING : DeletionState.IDLE, f.jpki.deletion("phone-1", t).state(),
                            fault ? "LIFE-8 broken on purpose: owed for a key that is gone" : "done when the key is gone");
                }
            }
        }
    }

    @Test
    void keepTokensOnUninstall() {
        for (boolean fault : new boolean[] {false, true}) {
            try (Fixture f = fault ? new Fixture(Faults.of(Fault.KEEP_TOKENS_ON_UNINSTALL)) : new Fixture()) {
                long p = f.personWithCard("Fault 8");
                String token = f.push.installApp("phone-1", m -> { });
                f.jpki.apply(f.application(p, "phone-1", java.util.Set.of(AUTH), token));
                assertTrue(f.jpki.pushToken(p, "phone-1").orElseThrow().registered());
                f.push.uninstallApp("phone-1");
                f.jpki.invalidatePushTokens("phone-1", "app removed");
                assertEquals(fault, f.jpki.pushToken(p, "phone-1").orElseThrow().registered(),
                        fault ? "LIFE-13 broken on purpose: the removed app's token stays" : "the removed app's token goes");
            }
        }
    }

    /**
     * LIFE-1 is kept in two layers: the service's check (off with SKIP_ONE_PHONE_CHECKS) and the
     * database's index one_application_per_certificate (dropped with DROP_ONE_APPLICATION_INDEX);
     * either alone refuses the second running application, only both off accept it.
     */
    @Test
    void dropOneApplicationIndex() {
        Faults[] cases = {Faults.NONE, Faults.of(Fault.SKIP_ONE_PHONE_CHECKS), Faults.of(Fault.DROP_ONE_APPLICATION_INDEX),
                Faults.of(Fault.SKIP_ONE_PHONE_CHECKS, Fault.DROP_ONE_APPLICATION_INDEX)};
        for (Faults faults : cases) {
            try (Fixture f = new Fixture(faults)) {
                long p = f.personWithCard("Fault 9");
                f.apply(p, "phone-1", AUTH);
                if (faults.active().size() == 2) {
                    f.apply(p, "phone-2", AUTH);
                    assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(p, "phone-1", AUTH));
                    assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(p, "phone-2", AUTH),
                            "LIFE-1 broken on purpose: two applications of a person and type run");
                } else {
                    assertEquals(Refused.Reason.APPLICATION_RUNNING,
                            assertThrows(Refused.class, () -> f.apply(p, "phone-2", AUTH)).reason(), faults.toString());
                    assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(p, "phone-2", AUTH));
                }
            }
        }
    }

    /**
     * PRE-3 (a phone serves one person): SKIP_HOLDER_CHECK lets a second person apply on a phone in
     * use. SKIP_ONE_PHONE_CHECKS leaves the holder check, and the database has no constraint of its
     * own for it, so SKIP_HOLDER_CHECK alone is enough.
     */
    @Test
    void skipHolderCheck() {
        Faults[] cases = {Faults.NONE, Faults.of(Fault.SKIP_ONE_PHONE_CHECKS), Faults.of(Fault.SKIP_HOLDER_CHECK),
                Faults.of(Fault.SKIP_ONE_PHONE_CHECKS, Fault.SKIP_HOLDER_CHECK)};
        for (Faults faults : cases) {
            try (Fixture f = new Fixture(faults)) {
                long p = f.personWithCard("Fault 10");
                long q = f.personWithCard("Fault 11");
                f.issuePhone(p, "phone-1", AUTH);
                if (faults.has(Fault.SKIP_HOLDER_CHECK)) {
                    f.apply(q, "phone-1", SIGN);
                    assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "phone-1", AUTH));
                    assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(q, "phone-1", SIGN),
                            "PRE-3 broken on purpose: a second person on the phone");
                } else {
                    assertEquals(Refused.Reason.PHONE_HELD_BY_OTHER,
                            assertThrows(Refused.class, () -> f.apply(q, "phone-1", SIGN)).reason(), faults.toString());
                    assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(q, "phone-1", SIGN));
                }
            }
        }
    }

    /** Not a fault: the embedded file database keeps the registry across a restart. */
    @Test
    void theEmbeddedFileDatabaseSurvivesARestart() throws Exception {
        Path dir = Files.createTempDirectory("jpki-file");
        long p;
        try (Fixture f = new Fixture(Database.embedded(dir), Faults.NONE, JpkiService.DEFAULT_NOTICE_TTL)) {
            p = f.personWithCard("Persistent");
            f.issuePhone(p, "phone-1", AUTH);
        }
        assertTrue(Files.exists(dir.resolve("jpki.mv.db")));
        try (Fixture f = new Fixture(Database.embedded(dir), Faults.NONE, JpkiService.DEFAULT_NOTICE_TTL)) {
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "phone-1", AUTH));
            assertEquals(Database.Vendor.H2, f.db.vendor());
            f.jpki.revoke(p, "phone-1", AUTH);
            assertEquals(DeletionState.PENDING, f.jpki.deletion("phone-1", AUTH).state());
        }
    }
}
