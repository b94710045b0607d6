package dev.inkan.tsm.jpki;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.ca.CardLink;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.ca.Profile;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The JPKI service's operations against the spec's guards and effects (spec/certificates.jsm, spec/handset.jsm). */
class JpkiServiceTest {
    final Fixture f = new Fixture();
    final JpkiService jpki = f.jpki;

    @AfterEach
    void close() {
        f.close();
    }

    static Refused.Reason refused(Executable e) {
        return assertThrows(Refused.class, e).reason();
    }

    @Test
    void applyThenIssueLinksThePhoneCertificateToTheCardAndExpiresWithIt() throws Exception {
        long p = f.personWithCard("Yamada Hanako");
        ApplicationResult r = f.apply(p, "phone-1", AUTH, SIGN);
        assertEquals(p, r.person());
        assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(p, "phone-1", AUTH));
        assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(p, "phone-1", SIGN));
        for (CertType t : CertType.values()) {
            PhoneCertificate c = f.issue(p, "phone-1", t);
            assertEquals(PhoneCertState.ACTIVE, c.state());
            CardCertificate card = jpki.cardCertificateById(c.cardCertificateId());
            assertEquals(t, card.type());
            X509Certificate phone = c.certificate();
            assertEquals(t == AUTH ? Profile.PHONE_AUTHENTICATION : Profile.PHONE_SIGNATURE, JpkiCa.profileOf(phone));
            assertTrue(JpkiCa.cardLinkOf(phone).orElseThrow().names(card.certificate()), "LIFE-12 link to the card");
            assertEquals(card.certificate().getNotAfter(), phone.getNotAfter(), "PRE-4 same expiry");
            phone.verify(f.ca.caCertificate(JpkiCa.profileOf(phone)).getPublicKey());
            assertEquals(c, jpki.phoneCertificateBySerial(phone.getSerialNumber()).orElseThrow());
        }
        List<AuditEntry> audit = jpki.audit("PhoneCert", Long.toString(r.records().get(AUTH)));
        assertEquals(List.of("apply", "issue"), audit.stream().map(AuditEntry::event).toList());
        assertEquals("Issuing", audit.get(1).fromState());
        assertEquals("Active", audit.get(1).toState());
        assertTrue(audit.get(0).at().isBefore(audit.get(1).at()));
    }

    @Test
    void theApplicationMustBeSignedByAnActiveCardSignatureCertificateOfOurCa() throws Exception {
        long p = f.personWithCard("Sato Taro");
        byte[] good = f.application(p, "phone-1", Set.of(AUTH), null);
        // tampered content: the message digest no longer matches
        byte[] tampered = good.clone();
        int at = indexOf(tampered, "phone-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        tampered[at + 6] = '2';
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.apply(tampered)));
        // signed by another key than the certificate's
        Application a = Application.of("phone-1", Set.of(AUTH), f.clock.instant(), null);
        byte[] wrongKey = ApplicationSigner.sign(a, f.cardSignCertificate(p), CardSignature.of(Fixture.key(5).getPrivate()));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.apply(wrongKey)));
        // a certificate of another CA with the same names
        JpkiCa other = JpkiCa.generate();
        X509Certificate foreign = other.issueCard(Profile.Usage.SIGNATURE, Fixture.key(0).getPublic(),
                new Person("Sato Taro", "x", LocalDate.of(1990, 1, 1), "M"));
        byte[] foreignSigned = ApplicationSigner.sign(a, foreign, CardSignature.of(Fixture.key(0).getPrivate()));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.apply(foreignSigned)));
        // the user-authentication certificate cannot sign an application
        X509Certificate auth = jpki.cardCertificate(p, AUTH).orElseThrow().certificate();
        byte[] authSigned = ApplicationSigner.sign(a, auth, CardSignature.of(Fixture.key(1).getPrivate()));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.apply(authSigned)));
        // not CMS at all
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.apply(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})));
        // the good one passes once; a replay is refused
        jpki.apply(good);
        jpki.abandon(p, "phone-1", AUTH);
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.apply(good)));
        assertEquals(PhoneCertState.NO_CERTIFICATE, jpki.phoneCertState(p, "phone-1", AUTH));
        // a stale one is refused too
        byte[] later = f.application(p, "phone-1", Set.of(AUTH), null);
        f.base.advance(Duration.ofMinutes(11));
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.apply(later)));
    }

    /**
     * REQ LIFE-1: the same signed application sent again is REPLAYED whatever its records' state
     * (Issuing, Active, Suspended, card revoked since), and the replay changes no row of the registry.
     */
    @Test
    void aReplayIsRefusedAsReplayedWhateverTheRecordsStateAndChangesNothing() throws Exception {
        long p = f.personWithCard("Replay Target");
        byte[] cms = f.application(p, "phone-1", Set.of(AUTH), "token-1");
        jpki.apply(cms);
        assertReplayed(cms, PhoneCertState.ISSUING);
        f.issue(p, "phone-1", AUTH);
        jpki.rotatePushToken(p, "phone-1");
        assertReplayed(cms, PhoneCertState.ACTIVE);
        assertFalse(jpki.pushToken(p, "phone-1").orElseThrow().registered(), "the replay registered no token");
        jpki.suspend(p, "phone-1", AUTH);
        assertReplayed(cms, PhoneCertState.SUSPENDED);
        // the signing card certificate itself revoked since: still a replay first (not CARD_NOT_ACTIVE)
        jpki.revokeCard(p, SIGN);
        assertReplayed(cms, PhoneCertState.SUSPENDED);
    }

    private void assertReplayed(byte[] cms, PhoneCertState state) throws Exception {
        Refused r = refusedChangingNothing(cms);
        assertEquals(Refused.Reason.REPLAYED, r.reason(), "record " + state.specName() + ": " + r.getMessage());
    }

    /** Applies {@code cms}, which must be refused leaving every table of the registry as it was; returns the refusal. */
    private Refused refusedChangingNothing(byte[] cms) throws Exception {
        List<String> before = f.registryContents();
        Refused r = assertThrows(Refused.class, () -> jpki.apply(cms));
        assertEquals(before, f.registryContents(), "refused " + r.reason() + " (" + r.getMessage()
                + ") but the registry changed");
        return r;
    }

    /**
     * REQ SYS-3, PRE-1, LIFE-1: an authentic application (signed by the holder's card, fresh, its
     * nonce new) for a phone the registry has never seen, refused on the registry's states, leaves
     * every table as it was: no handset row either (the service writes no audit entry for a
     * refusal). CARD_NOT_ACTIVE (PRE-1): the card certificate of the type revoked or expired, or
     * the signing certificate revoked since the card signed; APPLICATION_RUNNING (LIFE-1): the
     * person's application of the type is Issuing on another phone. WRONG_STATE cannot concern a
     * never-seen phone (its records would name it), so it is refused on a known phone, to the same
     * effect. Afterwards an accepted application adds the new phone.
     */
    @Test
    void anAuthenticApplicationRefusedForANewPhoneChangesNoTable() throws Exception {
        long revoked = f.personWithCard("Refused Revoked");
        jpki.revokeCard(revoked, AUTH);
        long expired = f.personWithCard("Refused Expired");
        jpki.expireCard(expired, AUTH);
        long signer = f.personWithCard("Refused Signer");
        byte[] signedBeforeRevocation = f.application(signer, "new-phone-3", Set.of(SIGN), "token-3");
        jpki.revokeCard(signer, SIGN);
        long running = f.personWithCard("Refused Running");
        f.apply(running, "known-phone", AUTH);

        assertEquals(Refused.Reason.CARD_NOT_ACTIVE,
                refusedChangingNothing(f.application(revoked, "new-phone-1", Set.of(AUTH, SIGN), "token-1")).reason());
        assertEquals(Refused.Reason.CARD_NOT_ACTIVE,
                refusedChangingNothing(f.application(expired, "new-phone-2", Set.of(AUTH), null)).reason());
        assertEquals(Refused.Reason.CARD_NOT_ACTIVE, refusedChangingNothing(signedBeforeRevocation).reason());
        assertEquals(Refused.Reason.APPLICATION_RUNNING,
                refusedChangingNothing(f.application(running, "new-phone-4", Set.of(AUTH), "token-4")).reason());
        assertEquals(Refused.Reason.WRONG_STATE,
                refusedChangingNothing(f.application(running, "known-phone", Set.of(AUTH), null)).reason());

        f.apply(revoked, "new-phone-1", SIGN);
        assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(revoked, "new-phone-1", SIGN));
    }

    /**
     * REQ PRE-1, LIFE-1: an application whose signed time lies before or after the validity period
     * of the signing card certificate gets its own refusal, naming the signing time and the period;
     * nothing changes. One signed within the period passes.
     */
    @Test
    void anApplicationSignedOutsideTheCardCertificatesValidityIsRefusedNamingTheTimes() throws Exception {
        long p = jpki.registerPerson(new Person("Validity Edge", "x", LocalDate.of(1985, 5, 5), "M"));
        jpki.issueCard(p, AUTH, Fixture.key(1).getPublic());
        X509Certificate cert = jpki.issueCard(p, SIGN, Fixture.key(0).getPublic(),
                f.clock.instant().plus(Duration.ofMinutes(3))).certificate();
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        CardSignature card = CardSignature.of(Fixture.key(0).getPrivate());
        List<String> before = f.registryContents();
        // signed five minutes before the certificate's validity began (fresh enough for the service)
        Instant early = notBefore.minus(Duration.ofMinutes(5));
        Refused r = assertThrows(Refused.class, () -> jpki.apply(ApplicationSigner.sign(
                Application.of("phone-1", Set.of(AUTH), early, null), cert, card)));
        assertEquals(Refused.Reason.CARD_NOT_VALID_AT_SIGNING, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains("signed at " + early + ", before the validity period"), r.getMessage());
        assertTrue(r.getMessage().contains(notBefore + " to " + notAfter), r.getMessage());
        // post-dated past the end of the validity, while the certificate is still valid now
        Instant late = notAfter.plus(Duration.ofMinutes(1));
        r = assertThrows(Refused.class, () -> jpki.apply(ApplicationSigner.sign(
                Application.of("phone-1", Set.of(AUTH), late, null), cert, card)));
        assertEquals(Refused.Reason.CARD_NOT_VALID_AT_SIGNING, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains("signed at " + late + ", after the validity period"), r.getMessage());
        // a PIN reset request is held to the same rule (LIFE-5)
        byte[] reset = ApplicationSigner.signContent(JpkiService.pinResetRequest("phone-1", AUTH), cert, card, early);
        assertEquals(Refused.Reason.CARD_NOT_VALID_AT_SIGNING, refused(() -> jpki.grantPinReset("phone-1", AUTH, reset)));
        assertEquals(before, f.registryContents(), "refusals change nothing");
        // within the period it passes
        jpki.apply(ApplicationSigner.sign(Application.of("phone-1", Set.of(AUTH), f.clock.instant(), null), cert, card));
        assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(p, "phone-1", AUTH));
        // the certificate has ended by now (the registry has not expired it yet): signed now is after the period
        f.base.advance(Duration.ofMinutes(4));
        Instant now = f.clock.instant();
        r = assertThrows(Refused.class, () -> jpki.apply(ApplicationSigner.sign(
                Application.of("phone-2", Set.of(AUTH), now, null), cert, card)));
        assertEquals(Refused.Reason.CARD_NOT_VALID_AT_SIGNING, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains(", after the validity period"), r.getMessage());
        // signed inside the period, received after it ended (fresh enough): the card is not active now
        byte[] signedInside = ApplicationSigner.sign(Application.of("phone-3", Set.of(AUTH),
                notAfter.minus(Duration.ofSeconds(30)), null), cert, card);
        r = assertThrows(Refused.class, () -> jpki.apply(signedInside));
        assertEquals(Refused.Reason.CARD_NOT_ACTIVE, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains("is not valid now") && r.getMessage().contains(" to " + notAfter),
                r.getMessage());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void noPhoneCertificateWithoutAnActiveCard() {
        long p = f.personWithCard("Suzuki Ichiro");
        jpki.revokeCard(p, AUTH);
        assertEquals(CardCertState.REVOKED, jpki.cardCertState(p, AUTH));
        assertEquals(Refused.Reason.CARD_NOT_ACTIVE, refused(() -> f.apply(p, "phone-1", AUTH)));
        f.apply(p, "phone-1", SIGN);
        jpki.revokeCard(p, SIGN);
        // the signing certificate itself is revoked now: no application at all (PRE-1)
        jpki.issueCard(p, AUTH, Fixture.key(1).getPublic());
        assertEquals(Refused.Reason.CARD_NOT_ACTIVE, refused(() -> f.apply(p, "phone-2", AUTH)));
        assertEquals(PhoneCertState.NO_CERTIFICATE, jpki.phoneCertState(p, "phone-1", SIGN), "cancelled by the cascade");
    }

    @Test
    void handsetChangeRevokesTheOldPhoneAndOwesItADeletion() {
        long p = f.personWithCard("Tanaka Jiro");
        f.issuePhone(p, "old", AUTH, SIGN);
        f.issuePhone(p, "new", AUTH, SIGN);
        for (CertType t : CertType.values()) {
            assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "old", t));
            assertEquals("replaced", jpki.phoneCertificate(p, "old", t).orElseThrow().endReason());
            assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "new", t));
            assertEquals(DeletionState.PENDING, jpki.deletion("old", t).state());
            assertEquals(DeletionState.IDLE, jpki.deletion("new", t).state());
        }
        // and back: a reissue on the old phone after its key was wiped
        jpki.keyWiped("old", AUTH);
        assertEquals(DeletionState.IDLE, jpki.deletion("old", AUTH).state());
        f.issuePhone(p, "old", AUTH);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "new", AUTH));
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "new", SIGN));
    }

    @Test
    void oneApplicationAtATimeOnePersonPerPhoneNoLeftoverKey() {
        long p = f.personWithCard("Ito Saburo");
        long q = f.personWithCard("Watanabe Shiro");
        f.apply(p, "phone-1", AUTH);
        assertEquals(Refused.Reason.APPLICATION_RUNNING, refused(() -> f.apply(p, "phone-2", AUTH)));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> f.apply(p, "phone-1", AUTH)));
        assertEquals(Refused.Reason.PHONE_HELD_BY_OTHER, refused(() -> f.apply(q, "phone-1", SIGN)));
        jpki.keyGenerated("phone-1", AUTH);
        jpki.abandon(p, "phone-1", AUTH);
        // the abandoned application left a generated key in the slot
        assertEquals(Refused.Reason.LEFTOVER_KEY, refused(() -> f.apply(p, "phone-1", AUTH)));
        jpki.keyWiped("phone-1", AUTH);
        f.apply(q, "phone-1", SIGN);
        assertEquals(Refused.Reason.KEY_NOT_GENERATED,
                refused(() -> jpki.issue(q, "phone-1", SIGN, Fixture.key(3).getPublic())));
    }

    @Test
    void cardRevocationCascadesToEveryLinkedPhoneCertificate() {
        long p = f.personWithCard("Kato Goro");
        f.issuePhone(p, "phone-1", AUTH);
        f.apply(p, "phone-1", SIGN);
        jpki.suspend(p, "phone-1", AUTH);
        jpki.revokeCard(p, AUTH);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", AUTH));
        assertEquals("card_revoked", jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().endReason());
        assertEquals(DeletionState.PENDING, jpki.deletion("phone-1", AUTH).state());
        assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(p, "phone-1", SIGN), "other type untouched");
        jpki.revokeCard(p, SIGN);
        assertEquals(PhoneCertState.NO_CERTIFICATE, jpki.phoneCertState(p, "phone-1", SIGN), "running application cancelled");
        assertEquals(DeletionState.IDLE, jpki.deletion("phone-1", SIGN).state(), "no key was generated");
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revokeCard(p, SIGN)));
    }

    @Test
    void cardExpiryExpiresTheLinkedPhoneCertificates() {
        long p = f.personWithCard("Yoshida Rokuro");
        f.issuePhone(p, "phone-1", AUTH, SIGN);
        assertEquals(0, jpki.expireDue());
        f.base.advance(JpkiCa.CARD_VALIDITY.plusDays(1));
        assertEquals(2, jpki.expireDue());
        for (CertType t : CertType.values()) {
            assertEquals(CardCertState.EXPIRED, jpki.cardCertState(p, t));
            assertEquals(PhoneCertState.EXPIRED, jpki.phoneCertState(p, "phone-1", t));
            assertEquals(DeletionState.PENDING, jpki.deletion("phone-1", t).state());
        }
        // a new card, a new phone certificate on the same phone (Expired -> Issuing)
        f.issueCards(p);
        f.issuePhone(p, "phone-1", AUTH);
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "phone-1", AUTH));
    }

    @Test
    void callCentreSuspendsReleasesOnlyTheAuthenticationCertificate() {
        long p = f.personWithCard("Yamamoto Nana");
        f.issuePhone(p, "phone-1", AUTH, SIGN);
        jpki.suspend(p, "phone-1", AUTH);
        jpki.suspend(p, "phone-1", SIGN);
        assertEquals(PhoneCertState.SUSPENDED, jpki.phoneCertState(p, "phone-1", SIGN));
        assertEquals(DeletionState.IDLE, jpki.deletion("phone-1", SIGN).state(), "suspension deletes nothing");
        jpki.release(p, "phone-1", AUTH);
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "phone-1", AUTH));
        assertEquals(Refused.Reason.SIGNATURE_NOT_RELEASED, refused(() -> jpki.release(p, "phone-1", SIGN)));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.release(p, "phone-1", AUTH)));
        jpki.revokeByCallCentre(p, "phone-1", SIGN);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", SIGN));
        assertEquals(DeletionState.PENDING, jpki.deletion("phone-1", SIGN).state());
        // the found phone gets a new signature certificate (LossAndFound): Revoked -> Issuing -> Active
        jpki.keyWiped("phone-1", SIGN);
        f.issuePhone(p, "phone-1", SIGN);
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "phone-1", SIGN));
        // a suspended certificate whose card was revoked stays revoked
        jpki.suspend(p, "phone-1", AUTH);
        jpki.revokeCard(p, AUTH);
        jpki.issueCard(p, AUTH, Fixture.key(1).getPublic());
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.release(p, "phone-1", AUTH)));
    }

    @Test
    void revocationFromThePhone() {
        long p = f.personWithCard("Nakamura Hachiro");
        f.issuePhone(p, "phone-1", AUTH);
        jpki.revoke(p, "phone-1", AUTH);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", AUTH));
        assertEquals("user", jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().endReason());
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revoke(p, "phone-1", AUTH)));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revoke(p, "phone-1", SIGN)));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.suspend(p, "phone-1", AUTH)));
    }

    /**
     * REQ LIFE-4, LIFE-9, SYS-3, CRY-2: a revocation from the phone is accepted only when signed by
     * the authentication key of that person's phone, for that phone and type, fresh and never seen;
     * every refusal leaves the registry as it was.
     */
    @Test
    void revocationFromThePhoneIsProvenByThePhonesAuthenticationKey() throws Exception {
        long p = f.personWithCard("Signed Revoker");
        f.issuePhone(p, "phone-1", AUTH, SIGN);
        long q = f.personWithCard("Other Holder");
        f.issuePhone(q, "phone-2", AUTH);
        X509Certificate mine = jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().certificate();
        X509Certificate theirs = jpki.phoneCertificate(q, "phone-2", AUTH).orElseThrow().certificate();
        List<String> before = f.registryContents();
        RevocationRequest sign = RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant());

        // another person's phone (its own genuine authentication certificate and key) names p's certificate
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(sign, theirs, Fixture.phoneAuthKey()))));
        // p's certificate attached, another key signed
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(sign, mine, Fixture.key(1).getPrivate()))));
        // the phone's signature key speaks for itself alone, and the card is not the key that proves the phone
        RevocationRequest auth = RevocationRequest.of(p, "phone-1", AUTH, f.clock.instant());
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", AUTH,
                Fixture.revocation(auth, jpki.phoneCertificate(p, "phone-1", SIGN).orElseThrow().certificate(),
                        Fixture.key(3).getPrivate()))));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(sign, f.cardSignCertificate(p), Fixture.key(0).getPrivate()))));
        // the signed request names another type, phone or person than the call
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", AUTH,
                f.revocation(p, "phone-1", SIGN))));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(q, "phone-2", AUTH,
                f.revocation(p, "phone-1", AUTH))));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                ApplicationSigner.signContent(JpkiService.pinResetRequest("phone-1", SIGN), mine,
                        CardSignature.of(Fixture.phoneAuthKey()), f.clock.instant()))), "not a revocation request");
        // stale: signed more than the freshness window ago
        byte[] stale = f.revocation(p, "phone-1", SIGN);
        f.base.advance(JpkiService.APPLICATION_FRESHNESS.plusSeconds(1));
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN, stale)));
        assertEquals(before, f.registryContents(), "every refusal changed nothing");

        // the valid one revokes exactly as the in-process revoke does, and its request is kept
        byte[] valid = f.revocation(p, "phone-1", SIGN);
        jpki.revokeFromPhone(p, "phone-1", SIGN, valid);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", SIGN));
        assertEquals("user", jpki.phoneCertificate(p, "phone-1", SIGN).orElseThrow().endReason());
        assertEquals(DeletionState.PENDING, jpki.deletion("phone-1", SIGN).state(), "LIFE-8");
        List<AuditEntry> trail = jpki.audit("PhoneCert", Long.toString(jpki.phoneCertificate(p, "phone-1", SIGN)
                .orElseThrow().id()));
        AuditEntry last = trail.get(trail.size() - 1);
        assertEquals(List.of("revoke", "Active", "Revoked", Actor.APP), List.of(last.event(), last.fromState(),
                last.toState(), last.actor()));
        assertTrue(f.registryContents().stream().anyMatch(r -> r.startsWith("revocation_request | ")));
        // the same request again: REPLAYED, nothing changed
        List<String> after = f.registryContents();
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN, valid)));
        assertEquals(after, f.registryContents());
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(p, "phone-1", AUTH));
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(q, "phone-2", AUTH), "the other phone untouched");
    }

    /**
     * REQ LIFE-4: a phone that holds only a signature certificate revokes it from the phone with a
     * request its own key signed; that key revokes nothing else, and only while it is live.
     */
    @Test
    void aSignatureCertificateAloneOnThePhoneRevokesItselfFromThePhone() throws Exception {
        long p = f.personWithCard("Signature Only");
        f.issuePhone(p, "phone-1", SIGN);
        long q = f.personWithCard("Other Signer");
        f.issuePhone(q, "phone-2", SIGN);
        X509Certificate mine = jpki.phoneCertificate(p, "phone-1", SIGN).orElseThrow().certificate();
        X509Certificate theirs = jpki.phoneCertificate(q, "phone-2", SIGN).orElseThrow().certificate();
        java.security.PrivateKey signKey = Fixture.key(2 + SIGN.ordinal()).getPrivate();
        List<String> before = f.registryContents();
        // another phone's signature certificate (and key) cannot revoke p's
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant()), theirs, signKey))));
        // p's certificate attached, another key signed
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant()), mine,
                        Fixture.phoneAuthKey()))));
        assertEquals(before, f.registryContents());

        byte[] valid = Fixture.revocation(RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant()), mine, signKey);
        jpki.revokeFromPhone(p, "phone-1", SIGN, valid);
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", SIGN));
        assertEquals("user", jpki.phoneCertificate(p, "phone-1", SIGN).orElseThrow().endReason());
        assertEquals(DeletionState.PENDING, jpki.deletion("phone-1", SIGN).state(), "LIFE-8");
        assertEquals(Refused.Reason.REPLAYED, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN, valid)));
        // revoked, it speaks for nobody any more
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant()), mine, signKey))));
        assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(q, "phone-2", SIGN), "the other phone untouched");
    }

    /**
     * REQ LIFE-4, LIFE-7: a suspended authentication certificate may still revoke (the user ends
     * what the call centre suspended); a revoked one, or one replaced since, speaks for nobody.
     */
    @Test
    void onlyTheLiveAuthenticationCertificateOfThePhoneMayRevoke() throws Exception {
        long p = f.personWithCard("Suspended Revoker");
        f.issuePhone(p, "phone-1", AUTH, SIGN);
        X509Certificate old = jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().certificate();
        jpki.suspend(p, "phone-1", AUTH);
        jpki.revokeFromPhone(p, "phone-1", AUTH, f.revocation(p, "phone-1", AUTH));
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", AUTH));
        // AUTH revoked: it no longer proves anything, not even for the SIGN certificate still active
        List<String> before = f.registryContents();
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                f.revocation(p, "phone-1", SIGN))));
        assertEquals(before, f.registryContents());
        // reissued on the same phone: the old certificate is no longer the registry's
        jpki.keyWiped("phone-1", AUTH);
        f.issuePhone(p, "phone-1", AUTH);
        RevocationRequest r = RevocationRequest.of(p, "phone-1", SIGN, f.clock.instant());
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                Fixture.revocation(r, old, Fixture.phoneAuthKey()))));
        jpki.revokeFromPhone(p, "phone-1", SIGN, f.revocation(p, "phone-1", SIGN));
        assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(p, "phone-1", SIGN));
        // nothing to revoke any more: refused, and no person 99 at all
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.revokeFromPhone(p, "phone-1", SIGN,
                f.revocation(p, "phone-1", SIGN))));
        assertEquals(Refused.Reason.UNKNOWN, refused(() -> jpki.revokeFromPhone(99, "phone-1", SIGN, Fixture.revocation(
                RevocationRequest.of(99, "phone-1", SIGN, f.clock.instant()), jpki.phoneCertificate(p, "phone-1", AUTH)
                        .orElseThrow().certificate(), Fixture.phoneAuthKey()))));
    }

    /** The encoding signed is canonical: what decodes encodes to the same bytes (LIFE-4). */
    @Test
    void aRevocationRequestDecodesOnlyFromItsCanonicalForm() {
        RevocationRequest r = RevocationRequest.of(7, "phone-1", SIGN, Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals(r, RevocationRequest.decode(r.encode()));
        String text = new String(r.encode(), java.nio.charset.StandardCharsets.UTF_8);
        for (String bad : List.of(text.replace("person: 7", "person: 07"), text + "extra: 1\n",
                text.replace("type: SIGN", "type: BOTH"), text.replace("\ntime: ", "\ntime:  "))) {
            assertThrows(IllegalArgumentException.class, () -> RevocationRequest.decode(
                    bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void pushTokensAreKeptByTheServiceAgainstTheCardHolder() {
        long p = f.personWithCard("Kobayashi Kyu");
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.registerPushToken(p, "phone-1", "tok-1")),
                "no record on the phone yet");
        jpki.apply(f.application(p, "phone-1", Set.of(AUTH), "tok-1"));
        PushTokenRecord t = jpki.pushToken(p, "phone-1").orElseThrow();
        assertTrue(t.registered());
        assertEquals("tok-1", t.token());
        jpki.rotatePushToken(p, "phone-1");
        assertFalse(jpki.pushToken(p, "phone-1").orElseThrow().registered());
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.rotatePushToken(p, "phone-1")));
        jpki.registerPushToken(p, "phone-1", "tok-2");
        assertEquals(1, jpki.invalidatePushTokens("phone-1", "app removed"));
        assertEquals(0, jpki.invalidatePushTokens("phone-1", "app removed"));
        assertEquals("Unregistered", jpki.pushToken(p, "phone-1").orElseThrow().specState());
        assertEquals(Refused.Reason.INVALID, refused(() -> jpki.registerPushToken(p, "phone-1", "bad token")));
    }

    @Test
    void pinResetIsGrantedOnACardSignedRequestForAnActiveCertificate() {
        long p = f.personWithCard("Kimura Ju");
        f.issuePhone(p, "phone-1", AUTH);
        byte[] forSign = ApplicationSigner.signContent(JpkiService.pinResetRequest("phone-1", SIGN),
                f.cardSignCertificate(p), CardSignature.of(Fixture.key(0).getPrivate()), f.clock.instant());
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.grantPinReset("phone-1", SIGN, forSign)));
        assertEquals(Refused.Reason.BAD_SIGNATURE, refused(() -> jpki.grantPinReset("phone-1", AUTH, forSign)));
        byte[] forAuth = ApplicationSigner.signContent(JpkiService.pinResetRequest("phone-1", AUTH),
                f.cardSignCertificate(p), CardSignature.of(Fixture.key(0).getPrivate()), f.clock.instant());
        jpki.grantPinReset("phone-1", AUTH, forAuth);
        assertTrue(jpki.pinResetGranted("phone-1", AUTH));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.grantPinReset("phone-1", AUTH, forAuth)));
        jpki.consumePinReset("phone-1", AUTH);
        assertFalse(jpki.pinResetGranted("phone-1", AUTH));
        assertEquals(Refused.Reason.WRONG_STATE, refused(() -> jpki.withdrawPinReset("phone-1", AUTH)));
    }

    @Test
    void everyStateChangeIsAudited() {
        long p = f.personWithCard("Hayashi Ichika");
        f.issuePhone(p, "phone-1", AUTH);
        jpki.suspend(p, "phone-1", AUTH);
        jpki.revokeCard(p, AUTH);
        List<AuditEntry> all = jpki.audit();
        List<String> events = all.stream().map(e -> e.subject() + "." + e.event()).toList();
        assertEquals(List.of("Person.register", "CardCert.issueCard", "CardCert.issueCard", "PhoneCert.apply",
                "KeySlot.generate", "PhoneCert.issue", "KeySlot.certify", "PhoneCert.suspend", "CardCert.revoke",
                "PhoneCert.cardRevoked", "Deletion.request"), events);
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i - 1).at().isAfter(all.get(i).at()), "ordered times");
        }
        assertNull(all.get(0).fromState());
        assertTrue(all.stream().allMatch(e -> e.clientCertificate() == null), "in-process callers have no certificate");
        assertArrayEquals(new String[] {"Suspended", "Revoked"},
                new String[] {all.get(9).fromState(), all.get(9).toState()});
    }
}
