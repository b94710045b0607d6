package dev.inkan.tsm.sp;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.omapi.CallerIdentity;
import dev.inkan.se.omapi.SeService;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.DeletionState;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.KeySlotState;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.sei.SeiTsm;
import dev.inkan.tsm.status.RelyingParty;
import dev.inkan.tsm.status.StatusService;
import dev.inkan.tsm.jpki.Faults;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole server side against real SEs with the real JPKI applet (jcardsim), real SCP03 and real
 * RSA-2048 generated in the chip: the SEI-TSM prepares two new phones, the SP-TSM takes its domain
 * over, issues through the app's OMAPI channel, the user's PINs replace the temporary ones, the
 * phone signs and a relying party accepts; a handset change revokes the old phone, whose deletion
 * notice arrives by push and whose key the SP-TSM locks and wipes (REQ SYS-1, SYS-2, PRE-7, PRE-8,
 * ACC-1, CRY-1, LIFE-1, LIFE-3, LIFE-6, LIFE-8, LIFE-11, PRE-9).
 */
class TsmEndToEndTest {
    @Test
    void prepareIssueSignChangeHandsetDeleteOldKey() throws Exception {
        try (Fixture f = new Fixture(); Phone old = new Phone("old-phone"); Phone neu = new Phone("new-phone")) {
            SeiTsm sei = new SeiTsm(Phone.ISD_KEYS, f.jpki);
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            for (Phone ph : new Phone[] {old, neu}) {
                // ACC-1: before preparation no app reaches the applet
                assertThrows(Exception.class, ph::appChannel);
                sei.prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
                // a rogue app is refused by the rule the SEI-TSM stored
                assertThrows(SecurityException.class, () -> new SeService(ph.se, CallerIdentity.ofHashes("rogue",
                        HexFormat.of().parseHex("CD".repeat(32)))).getReaders()[0].openSession()
                        .openLogicalChannel(HexFormat.of().parseHex(Phone.JPKI), (byte) 0x0C));
            }
            // the SEI-TSM's keys (creation and transfer) no longer open the SP domain, the SP-TSM's do
            assertThrows(Exception.class, () -> sp.takeOver(old.se.contact(), Phone.SP_DOMAIN, Phone.TRANSFER_KEYS));
            assertThrows(Exception.class, () -> sp.takeOver(old.se.contact(), Phone.SP_DOMAIN,
                    Phone.ISD_KEYS.forCard(old.kdd)));

            long p = f.personWithCard("End To End");
            String token = f.push.installApp(old.id, m -> f.jpki.deletionNoticeReceived(m.data().get("handset"),
                    CertType.valueOf(m.data().get("type")), m.data().get("receipt")));
            ApplicationResult accepted = f.jpki.apply(f.application(p, old.id, Set.of(AUTH, SIGN), token));
            IssuanceResult issued;
            try (var relay = old.relay()) {
                issued = sp.personalize(relay, accepted);
            }
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, old.id, AUTH));
            assertEquals(KeySlotState.CERTIFIED, f.jpki.keySlot(old.id, SIGN));
            assertEquals(4, issued.temporaryPins().get(AUTH).length());
            // the app replaces the temporary PINs with the user's (PRE-9); the temporary one cannot sign (LIFE-6)
            byte[] data = "log in to Mynaportal".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0x6985, Sw.of(old.sign(0x18, 0x17, issued.temporaryPins().get(AUTH), data)), "applet in TemporaryPin");
            old.changePin(0x18, issued.temporaryPins().get(AUTH), "1234");
            old.changePin(0x1B, issued.temporaryPins().get(SIGN), "SECRET1");
            byte[] sig = Sw.check(old.sign(0x1B, 0x1A, "SECRET1", data));
            assertEquals(256, sig.length);
            // the certificate the SE holds is the one the registry issued, and the signature is accepted
            X509Certificate signCert = issued.certificates().get(SIGN).certificate();
            RelyingParty rp = new RelyingParty(f.ca, new StatusService(f.jpki), Faults.NONE);
            assertTrue(rp.verify(data, sig, signCert, f.clock.instant(), f.clock.instant()).accepted());

            // handset change (LIFE-3): issuing on the new phone revokes the old one's certificates
            ApplicationResult onNew = f.jpki.apply(f.application(p, neu.id, Set.of(AUTH, SIGN), null));
            try (var relay = neu.relay()) {
                sp.personalize(relay, onNew);
            }
            assertEquals(PhoneCertState.REVOKED, f.jpki.phoneCertState(p, old.id, SIGN));
            assertFalse(rp.verify(data, sig, signCert, f.clock.instant(), f.clock.instant()).accepted());
            // the deletion notice reaches the old phone's app, which has the SP-TSM lock and wipe the keys (LIFE-8)
            for (CertType t : CertType.values()) {
                assertTrue(f.jpki.pushDeletion(old.id, t).delivered());
                try (var relay = old.relay()) {
                    sp.lockAndWipe(relay, t);
                }
                assertEquals(DeletionState.IDLE, f.jpki.deletion(old.id, t).state());
                assertEquals(KeySlotState.EMPTY, f.jpki.keySlot(old.id, t));
            }
            // the old applet holds no certificate any more and cannot sign
            var ch = old.appChannel();
            Sw.check(ch.transmit(JpkiApCommands.selectEf(new byte[] {0, 0x0A}).apdu()));
            assertEquals(0x6985, Sw.of(ch.transmit(JpkiApCommands.readBinary(0, 0).apdu())));
            ch.close();
            // the shop erases the applet of the old phone (LIFE-10)
            sei.eraseJpki(old.se.contact(), old.id);
            assertThrows(Exception.class, old::appChannel);
        }
    }

    @Test
    void pinResetNeedsACardSignedGrantAndAnAbandonedSessionIsCleanedUp() throws Exception {
        try (Fixture f = new Fixture(); Phone ph = new Phone("reset-phone")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            new SeiTsm(Phone.ISD_KEYS, f.jpki).prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
            long p = f.personWithCard("Forgetful");
            IssuanceResult r;
            try (var relay = ph.relay()) {
                r = sp.personalize(relay, f.apply(p, ph.id, AUTH));
            }
            ph.changePin(0x18, r.temporaryPins().get(AUTH), "1111");
            try (var relay = ph.relay()) {
                assertThrows(RuntimeException.class, () -> sp.resetPin(relay, AUTH), "no grant");
            }
            byte[] request = dev.inkan.tsm.jpki.ApplicationSigner.signContent(
                    dev.inkan.tsm.jpki.JpkiService.pinResetRequest(ph.id, AUTH), f.cardSignCertificate(p),
                    dev.inkan.tsm.jpki.CardSignature.of(Fixture.key(0).getPrivate()), f.clock.instant());
            f.jpki.grantPinReset(ph.id, AUTH, request);
            String temp;
            try (var relay = ph.relay()) {
                temp = sp.resetPin(relay, AUTH);
            }
            assertFalse(f.jpki.pinResetGranted(ph.id, AUTH), "consumed");
            ph.changePin(0x18, temp, "2222");
            assertEquals(0x9000, Sw.of(ph.sign(0x18, 0x17, "2222", new byte[] {1})));
            // wrong SP keys: the session does not open, the application is abandoned
            SpTsm impostor = new SpTsm(Phone.TRANSFER_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            ApplicationResult signApp = f.apply(p, ph.id, SIGN);
            try (var relay = ph.relay()) {
                assertThrows(Exception.class, () -> impostor.personalize(relay, signApp));
            }
            assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(p, ph.id, SIGN));
        }
    }

    /**
     * SP-TSM policy (LIFE-11): LOCK KEY only for a key whose certificate is no longer valid; the
     * fault seam LOCK_KEY_OF_VALID_CERTIFICATE (property suites only) skips the check.
     */
    @Test
    void aValidCertificatesKeyIsNotLockedUnlessTheFaultSeamIsOn() throws Exception {
        try (Fixture f = new Fixture(); Phone ph = new Phone("lock-phone")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            new SeiTsm(Phone.ISD_KEYS, f.jpki).prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
            long p = f.personWithCard("Lock Policy");
            try (var relay = ph.relay()) {
                sp.personalize(relay, f.apply(p, ph.id, AUTH));
            }
            try (var relay = ph.relay()) {
                assertThrows(dev.inkan.tsm.script.PolicyRefusal.class, () -> sp.lockKey(sp.open(relay), ph.id, AUTH));
                assertThrows(dev.inkan.tsm.script.PolicyRefusal.class, () -> sp.lockAndWipe(relay, AUTH));
            }
            assertEquals(KeySlotState.CERTIFIED, f.jpki.keySlot(ph.id, AUTH));
            SpTsm faulty = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom(),
                    Faults.of(Faults.Fault.LOCK_KEY_OF_VALID_CERTIFICATE));
            try (var relay = ph.relay()) {
                faulty.lockKey(faulty.open(relay), ph.id, AUTH);
            }
            assertEquals(KeySlotState.LOCKED, f.jpki.keySlot(ph.id, AUTH), "LIFE-11 broken on purpose");
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, ph.id, AUTH));
            // revoked: the real SP-TSM locks and wipes
            f.jpki.revoke(p, ph.id, AUTH);
            try (var relay = ph.relay()) {
                assertThrows(Exception.class, () -> sp.lockAndWipe(relay, AUTH), "already locked: LOCK KEY answers 6985");
            }
        }
    }
}
