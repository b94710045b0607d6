package dev.inkan.tsm.sp;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.KeySlotState;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.jpki.Refused;
import dev.inkan.tsm.script.AppRelay;
import dev.inkan.tsm.sei.SeiTsm;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The SP-TSM's sessions are bound to the SE, not only to the app that relays them (REQ PRE-3,
 * PRE-7, PRE-8): each SE's SP domain holds its own keys, diversified from the SP-TSM's master by
 * the SE's key diversification data, and the handset's first session pins that SE. A relay that
 * takes a session for one handset to another SE, or rewrites the SE's answer, gets nothing done.
 */
class SecureElementBindingTest {
    private static final Scp03Host.Options LEVEL_33 = Scp03Host.Options.level(0x33)
            .verifyingChallengeFor(Phone.SP_DOMAIN.bytes());

    @Test
    void eachSeHoldsItsOwnKeys() throws Exception {
        try (Fixture f = new Fixture(); Phone a = new Phone("phone-a"); Phone b = new Phone("phone-b")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            SeiTsm sei = new SeiTsm(Phone.ISD_KEYS, f.jpki);
            sei.prepare(a.se.contact(), a.id, Phone.plan(), sp::takeOver);
            sei.prepare(b.se.contact(), b.id, Phone.plan(), sp::takeOver);
            try (AppRelay ra = a.relay(); AppRelay rb = b.relay()) {
                // the master opens each SE with the SE's own set
                assertEquals(0x33, Scp03Host.open(ra, Phone.SP_KEYS, LEVEL_33).securityLevel());
                assertEquals(0x33, Scp03Host.open(rb, Phone.SP_KEYS, LEVEL_33).securityLevel());
                // a set taken from one SE opens no other, and the master itself opens none
                assertThrows(SecurityException.class, () -> Scp03Host.open(rb, Phone.SP_KEYS.forCard(a.kdd), LEVEL_33));
                assertThrows(SecurityException.class, () -> Scp03Host.open(ra, Phone.SP_KEYS.master(), LEVEL_33));
            }
            // the SEI-TSM's side likewise: each ISD has its own set from the SEI-TSM's master
            assertEquals(0x33, sei.openIsd(a.se.contact()).securityLevel());
            assertThrows(SecurityException.class, () -> new SeiTsm(Phone.ISD_KEYS.forCard(a.kdd), f.jpki)
                    .openIsd(b.se.contact()));
        }
    }

    @Test
    void aSessionForOneHandsetThatReachesAnotherSeIsRefusedBeforeAnyCommand() throws Exception {
        try (Fixture f = new Fixture(); Phone a = new Phone("phone-a"); Phone b = new Phone("phone-b")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            SeiTsm sei = new SeiTsm(Phone.ISD_KEYS, f.jpki);
            sei.prepare(a.se.contact(), a.id, Phone.plan(), sp::takeOver);
            sei.prepare(b.se.contact(), b.id, Phone.plan(), sp::takeOver);
            long p = f.personWithCard("Bound To One SE");
            try (AppRelay relay = a.relay()) {
                sp.personalize(relay, f.apply(p, a.id, AUTH));
            }
            String seA = HexFormat.of().withUpperCase().formatHex(a.kdd);
            assertEquals(seA, f.jpki.secureElement(a.id).orElseThrow(), "the preparation pinned phone-a's SE");
            f.jpki.revoke(p, a.id, AUTH);

            // the app relays phone-a's wipe to phone-b's SE: refused, nothing locked or wiped anywhere
            try (AppRelay elsewhere = relayAs(a.id, b)) {
                Refused r = assertThrows(Refused.class, () -> sp.lockAndWipe(elsewhere, AUTH));
                assertEquals(Refused.Reason.OTHER_SECURE_ELEMENT, r.reason());
                assertTrue(r.getMessage().contains(seA), r.getMessage());
            }
            assertEquals(KeySlotState.CERTIFIED, f.jpki.keySlot(a.id, AUTH));
            // ... and with phone-a's KDD written into phone-b's answer, the card cryptogram gives it away
            try (AppRelay lying = claimingKdd(relayAs(a.id, b), a.kdd)) {
                SecurityException e = assertThrows(SecurityException.class, () -> sp.lockAndWipe(lying, AUTH));
                assertTrue(e.getMessage().contains("card cryptogram"), e.getMessage());
            }
            assertEquals(KeySlotState.CERTIFIED, f.jpki.keySlot(a.id, AUTH));
            // phone-a's own relay wipes its key
            try (AppRelay relay = a.relay()) {
                sp.lockAndWipe(relay, AUTH);
            }
            assertEquals(KeySlotState.EMPTY, f.jpki.keySlot(a.id, AUTH));
        }
    }

    @Test
    void anIssuanceRelayedToAnotherSeIsAbandonedWithNoKeyGenerated() throws Exception {
        try (Fixture f = new Fixture(); Phone a = new Phone("phone-a"); Phone b = new Phone("phone-b")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            SeiTsm sei = new SeiTsm(Phone.ISD_KEYS, f.jpki);
            sei.prepare(a.se.contact(), a.id, Phone.plan(), sp::takeOver);
            sei.prepare(b.se.contact(), b.id, Phone.plan(), sp::takeOver);
            long p = f.personWithCard("First Session Pins");
            try (AppRelay relay = a.relay()) {
                sp.personalize(relay, f.apply(p, a.id, AUTH));
            }
            f.jpki.revoke(p, a.id, AUTH);
            try (AppRelay relay = a.relay()) {
                sp.lockAndWipe(relay, AUTH);
            }
            // a new application for phone-a, relayed to phone-b's SE
            long q = f.personWithCard("Second Holder");
            ApplicationResult accepted = f.apply(q, a.id, AUTH);
            try (AppRelay elsewhere = relayAs(a.id, b)) {
                Refused r = assertThrows(Refused.class, () -> sp.personalize(elsewhere, accepted));
                assertEquals(Refused.Reason.OTHER_SECURE_ELEMENT, r.reason());
            }
            assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(q, a.id, AUTH), "application abandoned");
            assertEquals(KeySlotState.EMPTY, f.jpki.keySlot(a.id, AUTH));
            // phone-b's applet generated nothing: its AUTH key EF is still empty
            Channel ch = b.appChannel();
            Sw.check(ch.transmit(dev.inkan.generated.scripts.JpkiApCommands.selectEf(new byte[] {0, 0x0A}).apdu()));
            assertEquals(0x6985, Sw.of(ch.transmit(dev.inkan.generated.scripts.JpkiApCommands.readBinary(0, 0).apdu())));
            ch.close();
            // applied for again, the issuance goes to the SE the handset names
            try (AppRelay relay = a.relay()) {
                sp.personalize(relay, f.apply(q, a.id, AUTH));
            }
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(q, a.id, AUTH));
        }
    }

    /**
     * The SEI-TSM's preparation pins the SE (its ISD proved the KDD with its own keys), so even a
     * handset's first SP-TSM session cannot be relayed elsewhere; a handset moves to another SE
     * only once the registry knows no key of it in the old one.
     */
    @Test
    void thePreparationPinsTheSeAndAHandsetMovesOnlyWithoutKeysLeft() throws Exception {
        try (Fixture f = new Fixture(); Phone a = new Phone("phone-a"); Phone b = new Phone("phone-b");
             Phone c = new Phone("phone-c")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, new SecureRandom());
            SeiTsm sei = new SeiTsm(Phone.ISD_KEYS, f.jpki);
            sei.prepare(a.se.contact(), a.id, Phone.plan(), sp::takeOver);
            sei.prepare(b.se.contact(), b.id, Phone.plan(), sp::takeOver);
            assertEquals(HexFormat.of().withUpperCase().formatHex(a.kdd), f.jpki.secureElement(a.id).orElseThrow());
            long p = f.personWithCard("Never Issued Before");
            ApplicationResult first = f.apply(p, a.id, AUTH);
            try (AppRelay elsewhere = relayAs(a.id, b)) {
                Refused r = assertThrows(Refused.class, () -> sp.personalize(elsewhere, first));
                assertEquals(Refused.Reason.OTHER_SECURE_ELEMENT, r.reason(), "no trust on first use");
            }
            try (AppRelay relay = a.relay()) {
                sp.personalize(relay, f.apply(p, a.id, AUTH));
            }
            // phone-a's key sits in its SE: preparing another SE as phone-a is refused before any change there
            Refused moved = assertThrows(Refused.class, () -> sei.prepare(c.se.contact(), a.id, Phone.plan(),
                    sp::takeOver));
            assertEquals(Refused.Reason.OTHER_SECURE_ELEMENT, moved.reason());
            assertTrue(moved.getMessage().contains("AUTH key"), moved.getMessage());
            assertEquals(null, c.se.platform().registry().get(Phone.SP_DOMAIN), "no SP domain created");
            // once the key is wiped, the handset may move (a repaired phone, a new SE)
            f.jpki.revoke(p, a.id, AUTH);
            try (AppRelay relay = a.relay()) {
                sp.lockAndWipe(relay, AUTH);
            }
            sei.prepare(c.se.contact(), a.id, Phone.plan(), sp::takeOver);
            assertEquals(HexFormat.of().withUpperCase().formatHex(c.kdd), f.jpki.secureElement(a.id).orElseThrow());
            assertTrue(f.jpki.audit("Handset", a.id).stream().anyMatch(e -> e.detail() != null
                    && e.detail().contains("from SE " + HexFormat.of().withUpperCase().formatHex(a.kdd))), "audited");
            try (AppRelay relay = relayAs(a.id, c)) {
                sp.personalize(relay, f.apply(p, a.id, AUTH));
            }
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, a.id, AUTH));
        }
    }

    /** The app's channel to {@code phone}'s applet, presented as handset {@code handset}. */
    private static AppRelay relayAs(String handset, Phone phone) throws Exception {
        Channel ch = phone.appChannel();
        return AppRelay.of(handset, ch::transmit, ch::close);
    }

    /** A relay that writes {@code kdd} over the key diversification data of every INITIALIZE UPDATE answer. */
    private static AppRelay claimingKdd(AppRelay inner, byte[] kdd) {
        return AppRelay.of(inner.handset(), command -> {
            byte[] r = inner.transmit(command);
            if ((command[1] & 0xFF) == 0x50 && Sw.of(r) == Sw.OK) {
                r = r.clone();
                System.arraycopy(kdd, 0, r, 0, kdd.length);
            }
            return r;
        }, inner::close);
    }
}
