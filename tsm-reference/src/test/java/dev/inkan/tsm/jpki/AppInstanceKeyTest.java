package dev.inkan.tsm.jpki;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * REQ LIFE-13, LIFE-8: a push token is registered only by the app installation whose key is
 * bound to the person on the phone, by the card-signed application or, after a reinstall, by a
 * binding the phone's own key signed. Every installation shares the APP TLS role; without this,
 * any of them could redirect a person's deletion notices (and their receipts) to itself.
 */
class AppInstanceKeyTest {
    static final SecureRandom RANDOM = new SecureRandom();
    final Fixture f = new Fixture();
    final JpkiService jpki = f.jpki;

    @AfterEach
    void close() {
        f.close();
    }

    static Refused.Reason refused(Runnable r) {
        return assertThrows(Refused.class, r::run).reason();
    }

    @Test
    void aPushTokenIsRegisteredOnlyWithTheKeyTheApplicationBound() throws Exception {
        long p = f.personWithCard("Key Holder");
        AppInstanceKey mine = AppInstanceKey.generate(RANDOM);
        jpki.apply(f.application(p, "phone-1", Set.of(AUTH), null, mine));
        assertEquals(Optional.of(mine.encodedPublicKey()), jpki.appKey(p, "phone-1"));
        long q = f.personWithCard("Other Holder");
        AppInstanceKey theirs = AppInstanceKey.generate(RANDOM);
        jpki.apply(f.application(q, "phone-2", Set.of(AUTH), null, theirs));
        List<String> before = f.registryContents();

        // another installation, with a key of its own bound elsewhere, names p's phone
        PushTokenRegistration hijack = PushTokenRegistration.of(p, "phone-1", "attacker-token", f.clock.instant());
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.registerPushToken(hijack, hijack.signWith(theirs))));
        // p's own key, but its signature of another registration; and no signature at all
        PushTokenRegistration r = PushTokenRegistration.of(p, "phone-1", "tok-1", f.clock.instant());
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.registerPushToken(r, hijack.signWith(mine))));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.registerPushToken(r, new byte[] {0x30, 0x00})));
        assertEquals(before, f.registryContents(), "every refusal changed nothing");

        jpki.registerPushToken(r, r.signWith(mine));
        assertEquals("tok-1", jpki.pushToken(p, "phone-1").orElseThrow().token());
        List<String> after = f.registryContents();
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.registerPushToken(r, r.signWith(mine))));
        PushTokenRegistration stale = PushTokenRegistration.of(p, "phone-1", "tok-2", f.clock.instant());
        f.base.advance(JpkiService.APPLICATION_FRESHNESS.plusSeconds(1));
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.registerPushToken(stale, stale.signWith(mine))));
        assertEquals(after, f.registryContents());

        // nonces are kept as long as a replay could still be fresh, then forgotten (one row per launch otherwise)
        f.base.advance(AppInstances.NONCE_MEMORY);
        PushTokenRegistration later = PushTokenRegistration.of(p, "phone-1", "tok-4", f.clock.instant());
        jpki.registerPushToken(later, later.signWith(mine));
        assertEquals(List.of(later.nonce()), nonces(p));
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.registerPushToken(r, r.signWith(mine))), "stale");

        // an application without a key (an older app) binds none: its background calls cannot be checked
        long s = f.personWithCard("Older App");
        jpki.apply(f.application(s, "phone-3", Set.of(AUTH), null));
        PushTokenRegistration unbound = PushTokenRegistration.of(s, "phone-3", "tok-3", f.clock.instant());
        assertEquals(Refused.Reason.NO_APP_KEY, refused(() -> jpki.registerPushToken(unbound, unbound.signWith(mine))));
    }

    /** The nonces of {@code person}'s accepted app requests, as the table holds them. */
    List<String> nonces(long person) throws java.sql.SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = f.db.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT nonce FROM app_request WHERE person_id = ? ORDER BY received_at")) {
            ps.setLong(1, person);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void aReinstalledAppIsBoundByASignatureOfThePhonesKeyAndTheOldKeyStopsWorking() throws Exception {
        long p = f.personWithCard("Reinstaller");
        AppInstanceKey first = AppInstanceKey.generate(RANDOM);
        jpki.apply(f.application(p, "phone-1", Set.of(AUTH, SIGN), null, first));
        f.issue(p, "phone-1", AUTH);
        f.issue(p, "phone-1", SIGN);
        long q = f.personWithCard("Neighbour");
        f.issuePhone(q, "phone-2", AUTH);
        AppInstanceKey second = AppInstanceKey.generate(RANDOM);
        List<String> before = f.registryContents();

        // signed by another person's phone, or naming another phone than the signer's: refused
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.bindAppKey(ApplicationSigner.signContent(
                AppKeyBinding.of(p, "phone-1", second, f.clock.instant()).encode(),
                jpki.phoneCertificate(q, "phone-2", AUTH).orElseThrow().certificate(),
                CardSignature.of(Fixture.phoneAuthKey()), f.clock.instant()))));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.bindAppKey(ApplicationSigner.signContent(
                AppKeyBinding.of(p, "phone-2", second, f.clock.instant()).encode(),
                jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().certificate(),
                CardSignature.of(Fixture.phoneAuthKey()), f.clock.instant()))));
        // the card signs applications, not bindings
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.bindAppKey(ApplicationSigner.signContent(
                AppKeyBinding.of(p, "phone-1", second, f.clock.instant()).encode(), f.cardSignCertificate(p),
                CardSignature.of(Fixture.key(0).getPrivate()), f.clock.instant()))));
        // a revocation request is not a binding
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.bindAppKey(f.revocation(p, "phone-1", SIGN))));
        assertEquals(before, f.registryContents(), "every refusal changed nothing");

        byte[] binding = f.binding(p, "phone-1", second, AUTH);
        jpki.bindAppKey(binding);
        assertEquals(Optional.of(second.encodedPublicKey()), jpki.appKey(p, "phone-1"));
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.bindAppKey(binding)));
        PushTokenRegistration byOld = PushTokenRegistration.of(p, "phone-1", "old-token", f.clock.instant());
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.registerPushToken(byOld, byOld.signWith(first))),
                "the key it replaced stops working");
        PushTokenRegistration byNew = PushTokenRegistration.of(p, "phone-1", "new-token", f.clock.instant());
        jpki.registerPushToken(byNew, byNew.signWith(second));
        assertEquals("new-token", jpki.pushToken(p, "phone-1").orElseThrow().token());
        List<AuditEntry> trail = jpki.audit("AppInstance", p + "/phone-1");
        assertEquals(List.of("Unbound", "Bound"), List.of(trail.get(0).fromState(), trail.get(0).toState()));
        assertTrue(trail.get(1).detail().contains("by phone-key, replacing"), trail.get(1).detail());

        // the signature key binds too (a phone holding only that); a suspended phone, reported lost, binds nothing
        AppInstanceKey third = AppInstanceKey.generate(RANDOM);
        jpki.bindAppKey(f.binding(p, "phone-1", third, SIGN));
        assertEquals(Optional.of(third.encodedPublicKey()), jpki.appKey(p, "phone-1"));
        jpki.suspend(p, "phone-1", AUTH);
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.bindAppKey(f.binding(p, "phone-1",
                AppInstanceKey.generate(RANDOM), AUTH))));
    }

    /**
     * LIFE-13, LIFE-8: an app reinstalled on a phone whose certificate is already revoked binds its
     * key with that certificate's key, still in the SE and owed a deletion, registers its token, and
     * the deletion's notice reaches it. Once the key is wiped, the revoked certificate binds nothing;
     * a suspended one (reported lost) never does.
     */
    @Test
    void aReinstalledAppOnAPhoneWhoseCertificateIsRevokedBindsItsKeyToTakeTheDeletion() throws Exception {
        long p = f.personWithCard("Revoked Reinstaller");
        AppInstanceKey first = AppInstanceKey.generate(RANDOM);
        jpki.apply(f.application(p, "old", Set.of(AUTH), null, first));
        f.issue(p, "old", AUTH);
        jpki.revokeFromPhone(p, "old", AUTH, f.revocation(p, "old", AUTH));
        assertEquals(DeletionState.PENDING, jpki.deletion("old", AUTH).state());
        AppInstanceKey reinstalled = AppInstanceKey.generate(RANDOM);
        jpki.bindAppKey(f.binding(p, "old", reinstalled, AUTH));
        assertEquals(Optional.of(reinstalled.encodedPublicKey()), jpki.appKey(p, "old"));
        // the reinstalled app acknowledges the notices it gets with the receipt they carry
        String token = f.push.installApp("old", m -> jpki.deletionNoticeReceived(m.data().get("handset"),
                CertType.valueOf(m.data().get("type")), m.data().get("receipt")));
        PushTokenRegistration r = PushTokenRegistration.of(p, "old", token, f.clock.instant());
        jpki.registerPushToken(r, r.signWith(reinstalled));
        assertTrue(jpki.pushDeletion("old", AUTH).delivered(), "the notice reaches the reinstalled app");
        assertEquals(DeletionState.DELIVERED, jpki.deletion("old", AUTH).state());

        // the key wiped, nothing is owed there: the revoked certificate binds no further key
        jpki.keyLocked("old", AUTH);
        jpki.keyWiped("old", AUTH);
        Refused gone = assertThrows(Refused.class, () -> jpki.bindAppKey(f.binding(p, "old",
                AppInstanceKey.generate(RANDOM), AUTH)));
        assertEquals(Refused.Reason.WRONG_STATE, gone.reason());
        assertTrue(gone.getMessage().contains("Revoked and its key is gone"), gone.getMessage());
        assertEquals(Optional.of(reinstalled.encodedPublicKey()), jpki.appKey(p, "old"));
    }

    @Test
    void onlyAP256KeyInCanonicalEncodingIsAnAppKey() throws Exception {
        AppInstanceKey k = AppInstanceKey.generate(RANDOM);
        assertEquals(k.publicKey(), AppInstanceKey.parse(k.encodedPublicKey()));
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        String p384 = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        String rsa = Base64.getEncoder().encodeToString(Fixture.key(0).getPublic().getEncoded());
        for (String bad : List.of(p384, rsa, "not base64!", Base64.getEncoder().encodeToString(new byte[] {0x30, 0}),
                k.encodedPublicKey().replace("=", ""))) {
            assertThrows(IllegalArgumentException.class, () -> AppInstanceKey.parse(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Application.of("phone-1", Set.of(AUTH),
                    f.clock.instant(), null, bad), bad);
        }
        // an application carries it in its canonical encoding, and decodes to the same
        Application a = Application.of("phone-1", Set.of(AUTH, SIGN), f.clock.instant(), "tok", k.encodedPublicKey());
        assertEquals(a, Application.decode(a.encode()));
        Application noToken = Application.of("phone-1", Set.of(AUTH), f.clock.instant(), null, k.encodedPublicKey());
        assertEquals(noToken, Application.decode(noToken.encode()));
        AppKeyBinding b = AppKeyBinding.of(7, "phone-1", k, f.clock.instant());
        assertEquals(b, AppKeyBinding.decode(b.encode()));
        String text = new String(b.encode(), java.nio.charset.StandardCharsets.UTF_8);
        for (String bad : List.of(text + "extra: 1\n", text.replace("person: 7", "person: 07"))) {
            assertThrows(IllegalArgumentException.class, () -> AppKeyBinding.decode(
                    bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), bad);
        }
    }
}
