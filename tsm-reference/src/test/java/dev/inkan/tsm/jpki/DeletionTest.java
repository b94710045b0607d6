package dev.inkan.tsm.jpki;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.push.PushMessage;
import dev.inkan.tsm.push.SendResult;
import dev.inkan.tsm.push.SimulatedPushGateway.Fate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote deletions after revocation (LIFE-8, LIFE-9, LIFE-3) through the simulated push gateway:
 * delivered when the app acknowledges, pending and warned when the phone is offline, the app
 * removed, the token dead or the message lost; retried; done when the key is wiped.
 */
class DeletionTest {
    final Fixture f = new Fixture();
    final JpkiService jpki = f.jpki;
    /** Notices the apps installed with {@link #installApp} received. */
    final List<PushMessage> received = new ArrayList<>();
    long p;

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * Installs the app on {@code handset} with the gateway: it keeps every notice in
     * {@link #received} and, when {@code acknowledging}, acknowledges it with its receipt. Returns its token.
     */
    private String installApp(String handset, boolean acknowledging) {
        return f.push.installApp(handset, m -> {
            received.add(m);
            if (acknowledging) {
                jpki.deletionNoticeReceived(m.data().get("handset"), CertType.valueOf(m.data().get("type")),
                        m.data().get("receipt"));
            }
        });
    }

    /** A holder with both certificates on "old" (its app registered with the gateway), then a handset change to "new". */
    void handsetChange(boolean acknowledging) {
        p = f.personWithCard("Deletion Holder");
        String token = installApp("old", acknowledging);
        jpki.apply(f.application(p, "old", Set.of(AUTH, SIGN), token));
        f.issue(p, "old", AUTH);
        f.issue(p, "old", SIGN);
        f.issuePhone(p, "new", AUTH, SIGN);
        assertEquals(DeletionState.PENDING, jpki.deletion("old", AUTH).state());
    }

    @Test
    void aNoticeThatReachesTheAppIsDeliveredThenDoneWhenTheKeyIsWiped() {
        handsetChange(true);
        PushOutcome o = jpki.pushDeletion("old", AUTH);
        assertEquals(List.of(SendResult.ACCEPTED), o.results());
        assertTrue(o.delivered());
        assertFalse(o.warned());
        assertEquals(1, received.size());
        assertEquals("AUTH", received.get(0).data().get("type"));
        DeletionRecord d = jpki.deletion("old", AUTH);
        assertEquals(DeletionState.DELIVERED, d.state());
        assertEquals(1, d.attempts());
        // the app did not run the script in time: pending again, then sent again
        jpki.deliveryTimeout("old", AUTH);
        assertEquals(DeletionState.PENDING, jpki.deletion("old", AUTH).state());
        assertTrue(jpki.pushDeletion("old", AUTH).delivered());
        // the SP-TSM wiped the key: nothing owed
        jpki.keyWiped("old", AUTH);
        assertEquals(DeletionState.IDLE, jpki.deletion("old", AUTH).state());
        assertThrows(Refused.class, () -> jpki.pushDeletion("old", AUTH));
        assertTrue(jpki.warnings(p).isEmpty());
    }

    @Test
    void offlinePhoneStaysPendingTheHolderIsWarnedAndTheRetryDelivers() {
        handsetChange(true);
        f.push.setOnline("old", false);
        PushOutcome o = jpki.pushDeletion("old", SIGN);
        assertEquals(List.of(SendResult.ACCEPTED), o.results(), "the gateway accepts for an offline device");
        assertEquals(DeletionState.PENDING, o.state());
        assertTrue(o.warned());
        DeletionRecord d = jpki.deletion("old", SIGN);
        assertEquals(1, d.attempts());
        assertTrue(d.warned());
        assertEquals(1, jpki.warnings(p).size());
        assertTrue(jpki.warnings(p).get(0).message().contains("may still hold"), jpki.warnings(p).get(0).message());
        // back online within the TTL: the queued notice arrives, the app acknowledges
        f.push.setOnline("old", true);
        assertEquals(DeletionState.DELIVERED, jpki.deletion("old", SIGN).state());
        // the scheduler's round: the other slot is pushed again, this one has not timed out yet
        List<PushOutcome> round = jpki.retryPendingDeletions(Duration.ofHours(1));
        assertEquals(1, round.size());
        assertEquals(AUTH, round.get(0).type());
        f.base.advance(Duration.ofHours(2));
        round = jpki.retryPendingDeletions(Duration.ofHours(1));
        assertEquals(2, round.size(), "both delivered ones timed out and were sent again");
        assertTrue(round.stream().allMatch(PushOutcome::delivered));
        assertEquals(2, jpki.deletion("old", SIGN).attempts());
    }

    @Test
    void queuedNoticesExpireWithTheirTtl() {
        handsetChange(true);
        f.push.setOnline("old", false);
        jpki.pushDeletion("old", AUTH);
        f.base.advance(JpkiService.DEFAULT_NOTICE_TTL.plusMinutes(1));
        f.push.setOnline("old", true);
        assertEquals(DeletionState.PENDING, jpki.deletion("old", AUTH).state());
        assertTrue(received.isEmpty());
        assertEquals(Fate.EXPIRED, f.push.log().get(f.push.log().size() - 1).fate());
    }

    @Test
    void removedAppKillsTheTokenWhichTheServiceThenDrops() {
        handsetChange(true);
        f.push.uninstallApp("old");
        PushOutcome o = jpki.pushDeletion("old", AUTH);
        assertEquals(List.of(SendResult.UNREGISTERED), o.results());
        assertTrue(o.warned());
        assertFalse(jpki.pushToken(p, "old").orElseThrow().registered(), "dead token dropped");
        PushOutcome again = jpki.pushDeletion("old", AUTH);
        assertEquals(List.of(), again.results(), "no token left to send to");
        assertEquals(2, jpki.deletion("old", AUTH).attempts());
        assertEquals(2, jpki.warnings(p).size());
        // the app is reinstalled and registers its new token: the notice gets through
        String token = f.push.installApp("old", m -> jpki.deletionNoticeReceived("old", AUTH, m.data().get("receipt")));
        // the record on "old" is Revoked (not NoCertificate), so the holder may register: in process, as the spec's
        // PushToken.register has it; over HTTPS the installation first binds its key with the revoked certificate's
        // key, still in the SE (LIFE-13, AppInstanceKeyTest.aReinstalledAppOnAPhoneWhoseCertificateIsRevokedBinds...)
        jpki.registerPushToken(p, "old", token);
        assertTrue(jpki.pushDeletion("old", AUTH).delivered());
    }

    /**
     * REQ LIFE-8: only the app the notice reached can acknowledge it. The APP role is shared by
     * every installation, so the acknowledgement carries the notice's receipt: before any notice,
     * or with another code, it is refused and the deletion stays Pending; every notice of one
     * deletion carries the same receipt, so a late notice of an earlier push still counts.
     */
    @Test
    void onlyTheReceiptOfTheNoticeAcknowledgesIt() throws Exception {
        handsetChange(false);
        List<String> before = f.registryContents();
        Refused early = assertThrows(Refused.class, () -> jpki.deletionNoticeReceived("old", AUTH, "anything"));
        assertEquals(Refused.Reason.BAD_SIGNATURE, early.reason());
        assertTrue(early.getMessage().contains("none was sent yet"), early.getMessage());
        assertEquals(before, f.registryContents());
        jpki.pushDeletion("old", AUTH);
        jpki.pushDeletion("old", AUTH);
        assertEquals(2, received.size());
        String receipt = received.get(0).data().get("receipt");
        assertEquals(32, receipt.length(), "128 random bits");
        assertEquals(receipt, received.get(1).data().get("receipt"), "one receipt per deletion");
        List<String> pushed = f.registryContents();
        // (the receipt is lower-case hex: its upper-case form is another code)
        for (String wrong : new String[] {null, "", receipt.toUpperCase(java.util.Locale.ROOT), receipt.substring(1) + "0"}) {
            assertThrows(Refused.class, () -> jpki.deletionNoticeReceived("old", AUTH, wrong), String.valueOf(wrong));
        }
        assertEquals(pushed, f.registryContents());
        assertEquals(DeletionState.PENDING, jpki.deletion("old", AUTH).state());
        jpki.deletionNoticeReceived("old", AUTH, receipt);
        assertEquals(DeletionState.DELIVERED, jpki.deletion("old", AUTH).state());
    }

    @Test
    void lostMessagesAndGatewayOutagesLeaveTheDeletionPending() {
        handsetChange(true);
        f.push.loseNext(1);
        assertEquals(DeletionState.PENDING, jpki.pushDeletion("old", AUTH).state());
        f.push.failNext(1);
        PushOutcome o = jpki.pushDeletion("old", AUTH);
        assertEquals(List.of(SendResult.UNAVAILABLE), o.results());
        assertTrue(jpki.pushToken(p, "old").orElseThrow().registered(), "an outage does not kill the token");
        assertTrue(jpki.pushDeletion("old", AUTH).delivered());
        assertEquals(3, jpki.deletion("old", AUTH).attempts());
    }

    @Test
    void anAppThatNeverAcknowledgesStaysPending() {
        handsetChange(false);
        PushOutcome o = jpki.pushDeletion("old", AUTH);
        assertEquals(1, received.size());
        assertEquals(DeletionState.PENDING, o.state());
        assertTrue(o.warned());
    }

    @Test
    void rotatedTokenIsInvalidArgumentOrUnregistered() {
        handsetChange(true);
        String old = jpki.pushToken(p, "old").orElseThrow().token();
        f.push.rotateToken("old");
        assertEquals(SendResult.UNREGISTERED, f.push.send(old, new PushMessage("x", java.util.Map.of(), Duration.ZERO)));
        assertEquals(SendResult.INVALID_ARGUMENT, f.push.send("not-a-token", new PushMessage("x", java.util.Map.of(),
                Duration.ZERO)));
    }

    /**
     * Finding F6 of the full-system chains (properties/README.md): two holders registered the
     * token of the same app instance on one phone; the push service rotates it. The token is the
     * app instance's, so both registrations die (before, the second holder's copy stayed
     * registered, and a deletion owed there looked deliverable through a dead token); the next push
     * finds no token, the deletion stays Pending and its holder is warned, as the spec says; a
     * registration of the new token reaches the app again (REQ LIFE-8, LIFE-13).
     */
    @Test
    void aRotatedTokenDiesForEveryHolderWhoRegisteredIt() {
        long first = f.personWithCard("First Holder");
        long second = f.personWithCard("Second Holder");
        String token = installApp("rotating", true);
        jpki.apply(f.application(first, "rotating", Set.of(AUTH), token));
        f.issue(first, "rotating", AUTH);
        jpki.revoke(first, "rotating", AUTH);
        jpki.apply(f.application(second, "rotating", Set.of(SIGN), token));
        assertTrue(jpki.pushToken(second, "rotating").orElseThrow().registered());

        String rotated = f.push.rotateToken("rotating");
        jpki.rotatePushToken(first, "rotating");
        assertFalse(jpki.pushToken(first, "rotating").orElseThrow().registered());
        assertFalse(jpki.pushToken(second, "rotating").orElseThrow().registered(), "the same app instance's token");
        PushOutcome o = jpki.pushDeletion("rotating", AUTH);
        assertFalse(o.delivered());
        assertTrue(o.warned());
        assertEquals("NO_TOKEN", jpki.deletion("rotating", AUTH).lastResult());
        assertEquals(DeletionState.PENDING, jpki.deletion("rotating", AUTH).state());
        // the app registers its new token (for the holder it serves now): the next push is delivered
        jpki.registerPushToken(second, "rotating", rotated);
        assertTrue(jpki.pushDeletion("rotating", AUTH).delivered());
    }

    /**
     * Finding F4 of the full-system chains (properties/README.md): two holders registered the
     * token of the same app instance on one phone (the first one's certificates revoked, the
     * second applied there). The notice goes once to that app instance, is acknowledged once and
     * is Delivered; before the fix it went once per registry row, the second acknowledgement was
     * refused ("no pending deletion") and the push failed with the deletion still Pending and no
     * attempt recorded (REQ LIFE-8, LIFE-13).
     */
    @Test
    void aTokenTwoHoldersRegisteredOnOnePhoneGetsOneNoticeAndTheDeletionIsDelivered() {
        long first = f.personWithCard("First Holder");
        long second = f.personWithCard("Second Holder");
        String token = installApp("shared", true);
        jpki.apply(f.application(first, "shared", Set.of(AUTH, SIGN), token));
        f.issue(first, "shared", AUTH);
        f.issue(first, "shared", SIGN);
        jpki.revoke(first, "shared", AUTH);
        jpki.revokeCard(first, SIGN);
        assertEquals(DeletionState.PENDING, jpki.deletion("shared", AUTH).state());
        assertEquals(DeletionState.PENDING, jpki.deletion("shared", SIGN).state());
        jpki.apply(f.application(second, "shared", Set.of(SIGN), token));
        assertTrue(jpki.pushToken(first, "shared").orElseThrow().registered());
        assertTrue(jpki.pushToken(second, "shared").orElseThrow().registered());

        PushOutcome o = jpki.pushDeletion("shared", AUTH);
        assertEquals(List.of(SendResult.ACCEPTED), o.results(), "one notice per app instance");
        assertTrue(o.delivered());
        assertEquals(1, received.size());
        DeletionRecord d = jpki.deletion("shared", AUTH);
        assertEquals(DeletionState.DELIVERED, d.state());
        assertEquals(1, d.attempts());
        assertEquals("ACCEPTED", d.lastResult());
        // the other slot likewise, and a duplicate acknowledgement (at-least-once delivery) changes nothing
        assertTrue(jpki.pushDeletion("shared", SIGN).delivered());
        String receipt = received.get(received.size() - 1).data().get("receipt");
        jpki.deletionNoticeReceived("shared", SIGN, receipt);
        assertEquals(DeletionState.DELIVERED, jpki.deletion("shared", SIGN).state());
        assertEquals(1, jpki.deletion("shared", SIGN).attempts());
        // an acknowledgement of nothing owed is still refused
        jpki.keyWiped("shared", SIGN);
        assertThrows(Refused.class, () -> jpki.deletionNoticeReceived("shared", SIGN, receipt));
    }

    @Test
    void noDeletionForAnEmptySlotAndAppletDeletionEndsIt() {
        handsetChange(true);
        jpki.appletDeleted("old");
        for (CertType t : CertType.values()) {
            assertEquals(DeletionState.IDLE, jpki.deletion("old", t).state());
            assertEquals(KeySlotState.EMPTY, jpki.keySlot("old", t));
        }
        // "new" revoked by the call centre after its applet was deleted: nothing to delete
        jpki.appletDeleted("new");
        jpki.revokeByCallCentre(p, "new", AUTH);
        assertEquals(DeletionState.IDLE, jpki.deletion("new", AUTH).state());
        assertTrue(jpki.openDeletions().isEmpty());
    }

    @Test
    void aDeletionRowKeepsItsCauseAndANullCauseStaysNull() {
        handsetChange(true);
        Long cause = f.db.inTransaction(c -> Rows.openDeletion(c, "old", AUTH).phoneCertificate());
        assertTrue(cause != null && cause > 0, "the deletion names the phone certificate it is for: " + cause);
        // the column may be null (a deletion for a record since removed): read as null, not as 0
        Long none = f.db.inTransaction(c -> {
            Sql.update(c, "UPDATE deletion SET phone_certificate_id = NULL WHERE handset_id = ? AND cert_type = ?",
                    "old", AUTH);
            return Rows.openDeletion(c, "old", AUTH).phoneCertificate();
        });
        assertEquals(null, none);
    }
}
