package dev.inkan.phone.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.phone.app.biometric.Fingerprint;
import dev.inkan.phone.app.intent.BusinessIntent;
import dev.inkan.phone.app.intent.IntentOp;
import dev.inkan.phone.app.intent.IntentResult;
import dev.inkan.phone.app.intent.UserPrompt;
import dev.inkan.phone.app.revocation.PhoneRevocation;
import dev.inkan.phone.face.Credentials;
import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.JpkiSecureElement;
import dev.inkan.phone.face.Personalization;
import dev.inkan.phone.face.ServedFace;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.omapi.CallerIdentity;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.omapi.SeService;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.jpki.RevocationRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JPKI app against a personalized phone SE through its OMAPI channel (real applet, real
 * RSA-2048): business apps get uses only (ACC-2), a fingerprint unlocks the authentication key
 * and never the signature password (UX-2), and the two test-only faults break exactly that.
 */
class JpkiAppTest {
    static final String AUTH_PIN = "2222";
    static final String SIGN_PASSWORD = "PHONE22";
    static final String BANK = "jp.example.bank";
    private static JpkiCa ca;
    private static Credentials card;
    private static String image;
    private static Credentials phone;

    private SecureElement se;
    private SeService service;
    private Channel channel;

    @BeforeAll
    static void personalizeOnce() throws Exception {
        ca = JpkiCa.generate();
        Personalization p = new Personalization(new SecureRandom());
        try (SecureElement cardSe = JpkiSecureElement.start(Face.CARD);
             SecureElement phoneSe = JpkiSecureElement.start(Face.PHONE)) {
            card = p.card(cardSe, ca, ServedFace.DEFAULT_PERSON, "1111", "CARD11");
            phone = p.phone(phoneSe, ca, card, AUTH_PIN, SIGN_PASSWORD);
            image = phoneSe.snapshot();
        }
    }

    @AfterAll
    static void forget() {
        image = null;
    }

    @BeforeEach
    void openTheAppsChannel() throws Exception {
        se = SecureElement.restore(JpkiSecureElement.config(Face.PHONE), image);
        service = new SeService(se, CallerIdentity.ofHashes("jp.go.jpki.app", Hex.decode(JpkiSecureElement.JPKI_APP_HASH)));
        channel = service.getReaders()[0].openSession().openLogicalChannel(Hex.decode(JpkiSecureElement.JPKI_AID));
    }

    @AfterEach
    void close() {
        service.shutdown();
        se.close();
    }

    JpkiApp app(AppFaults faults) {
        return new JpkiApp(channel::transmit, new BiometricVault(new SecureRandom()), faults);
    }

    /** A user who answers with a PIN and records what she was asked. */
    static final class User implements UserPrompt {
        final List<String> asked = new ArrayList<>();
        final String authPin;
        final String signPassword;

        User(String authPin, String signPassword) {
            this.authPin = authPin;
            this.signPassword = signPassword;
        }

        @Override
        public Optional<String> consent(String caller, IntentOp op, CertType pinOf) {
            asked.add(caller + " " + op + " " + pinOf);
            return Optional.of(pinOf == null ? "" : pinOf == CertType.AUTH ? authPin : signPassword);
        }
    }

    // ---------------------------------------------------------------- ACC-2: intents

    @Test
    void managementIntentsAreRefusedBeforeTheUserIsAsked() {
        JpkiApp app = app(AppFaults.NONE);
        User user = new User(AUTH_PIN, SIGN_PASSWORD);
        for (IntentOp op : IntentOp.values()) {
            if (op.isUse()) {
                continue;
            }
            IntentResult r = app.handle(BusinessIntent.of(BANK, op), user);
            IntentResult.Refused refused = assertInstanceOf(IntentResult.Refused.class, r, op.name());
            assertEquals(IntentResult.Reason.NOT_A_USE, refused.reason(), op.name());
        }
        assertEquals(List.of(), user.asked, "the user is never asked for a management intent");
        assertEquals(5, java.util.Arrays.stream(IntentOp.values()).filter(o -> !o.isUse()).count());
    }

    @Test
    void signDataIsServedWithTheSignatureKeyAfterTheUserTypesThePassword() throws Exception {
        User user = new User(AUTH_PIN, SIGN_PASSWORD);
        byte[] data = "application for a bank account".getBytes(StandardCharsets.UTF_8);
        IntentResult r = app(AppFaults.NONE).handle(new BusinessIntent(BANK, IntentOp.SIGN_DATA, null, data), user);
        byte[] signature = assertInstanceOf(IntentResult.Served.class, r).data();
        assertTrue(verifies(phone.certificate(CertFile.SIGN_CERT_FILE), data, signature));
        assertFalse(verifies(phone.certificate(CertFile.AUTH_CERT_FILE), data, signature), "signed with the signature key");
        assertEquals(List.of(BANK + " SIGN_DATA SIGN"), user.asked);
    }

    @Test
    void authenticateAnswersTheChallengeWithTheAuthenticationKey() throws Exception {
        byte[] challenge = Hex.decode("0123456789ABCDEF0123456789ABCDEF");
        IntentResult r = app(AppFaults.NONE).handle(new BusinessIntent(BANK, IntentOp.AUTHENTICATE, null, challenge),
                new User(AUTH_PIN, SIGN_PASSWORD));
        assertTrue(verifies(phone.certificate(CertFile.AUTH_CERT_FILE), challenge,
                assertInstanceOf(IntentResult.Served.class, r).data()));
    }

    @Test
    void readCertificateGivesTheDerTheCaIssued() throws Exception {
        User user = new User(AUTH_PIN, SIGN_PASSWORD);
        JpkiApp app = app(AppFaults.NONE);
        IntentResult auth = app.handle(new BusinessIntent(BANK, IntentOp.READ_CERTIFICATE, CertType.AUTH, null), user);
        assertArrayEquals(phone.certificate(CertFile.AUTH_CERT_FILE).getEncoded(),
                assertInstanceOf(IntentResult.Served.class, auth).data());
        IntentResult sign = app.handle(new BusinessIntent(BANK, IntentOp.READ_CERTIFICATE, CertType.SIGN, null), user);
        assertArrayEquals(phone.certificate(CertFile.SIGN_CERT_FILE).getEncoded(),
                assertInstanceOf(IntentResult.Served.class, sign).data());
        // the signature certificate holds personal data: the password is asked, as on the card
        assertEquals(List.of(BANK + " READ_CERTIFICATE null", BANK + " READ_CERTIFICATE SIGN"), user.asked);
    }

    @Test
    void declinedWrongPinAndMalformedRequestsAreAnsweredAsSuch() throws Exception {
        JpkiApp app = app(AppFaults.NONE);
        byte[] data = {1, 2, 3};
        assertInstanceOf(IntentResult.Declined.class,
                app.handle(new BusinessIntent(BANK, IntentOp.SIGN_DATA, null, data), UserPrompt.DECLINE));
        IntentResult wrong = app.handle(new BusinessIntent(BANK, IntentOp.SIGN_DATA, null, data), new User(AUTH_PIN, "WRONG99"));
        IntentResult.Refused refused = assertInstanceOf(IntentResult.Refused.class, wrong);
        assertEquals(IntentResult.Reason.APPLET_REFUSED, refused.reason());
        assertTrue(refused.message().contains("VERIFY answered 63C4"), refused.message());
        assertEquals(IntentResult.Reason.BAD_REQUEST, assertInstanceOf(IntentResult.Refused.class,
                app.handle(BusinessIntent.of(BANK, IntentOp.SIGN_DATA), new User(AUTH_PIN, SIGN_PASSWORD))).reason());
        assertEquals(IntentResult.Reason.BAD_REQUEST, assertInstanceOf(IntentResult.Refused.class,
                app.handle(BusinessIntent.of(BANK, IntentOp.READ_CERTIFICATE), new User(AUTH_PIN, SIGN_PASSWORD))).reason());
    }

    // ---------------------------------------------------------------- UX-2: biometric unlock

    @Test
    void aFingerprintUnlocksTheAuthenticationKeyOnly() throws Exception {
        JpkiApp app = app(AppFaults.NONE);
        assertEquals(JpkiApp.Unlock.NOT_ENROLLED, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        assertEquals(JpkiApp.Enrolment.SIGNATURE_PASSWORD_REFUSED, app.enrollBiometric(CertType.SIGN, SIGN_PASSWORD));
        assertFalse(app.enrolled(CertType.SIGN));
        assertEquals(JpkiApp.Enrolment.ENROLLED, app.enrollBiometric(CertType.AUTH, AUTH_PIN));
        assertEquals(JpkiApp.Unlock.NO_MATCH, app.biometricUnlock(CertType.AUTH, Fingerprint.NO_MATCH));
        assertEquals(JpkiApp.Unlock.SIGNATURE_PASSWORD_TYPED_ONLY, app.biometricUnlock(CertType.SIGN, Fingerprint.MATCH));
        assertEquals(JpkiApp.Unlock.RELEASED, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        // the key is unlocked: COMPUTE DIGITAL SIGNATURE with the authentication key now passes without a typed PIN
        byte[] challenge = {9, 8, 7};
        byte[] sig = new AppletClient(channel::transmit).sign(CertType.AUTH,
                dev.inkan.tsm.jpki.CardSignature.sha256DigestInfo(challenge));
        assertTrue(verifies(phone.certificate(CertFile.AUTH_CERT_FILE), challenge, sig));
        // and the signature key is still locked
        AppletClient.AppletRefusal locked = org.junit.jupiter.api.Assertions.assertThrows(AppletClient.AppletRefusal.class,
                () -> new AppletClient(channel::transmit).sign(CertType.SIGN,
                        dev.inkan.tsm.jpki.CardSignature.sha256DigestInfo(challenge)));
        assertEquals(0x6982, locked.sw());
    }

    @Test
    void aPinChangedInTheAppStaysUnlockableAndOneChangedElsewhereIsDropped() throws Exception {
        JpkiApp app = app(AppFaults.NONE);
        assertEquals(JpkiApp.Enrolment.ENROLLED, app.enrollBiometric(CertType.AUTH, AUTH_PIN));
        changeAuthPin(AUTH_PIN, "3333");
        app.pinChanged(CertType.AUTH, "3333");
        assertEquals(JpkiApp.Unlock.RELEASED, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        changeAuthPin("3333", "4444"); // another terminal, the app not told
        assertEquals(JpkiApp.Unlock.VERIFY_REFUSED, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        assertFalse(app.enrolled(CertType.AUTH), "a stale copy is dropped before it spends another try");
        assertEquals(JpkiApp.Unlock.NOT_ENROLLED, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
    }

    @Test
    void aBlockedPinIsNotTriedWithTheStoredCopy() throws Exception {
        JpkiApp app = app(AppFaults.NONE);
        assertEquals(JpkiApp.Enrolment.ENROLLED, app.enrollBiometric(CertType.AUTH, AUTH_PIN));
        AppletClient applet = new AppletClient(channel::transmit);
        for (int i = 0; i < 3; i++) {
            org.junit.jupiter.api.Assertions.assertThrows(AppletClient.AppletRefusal.class, () -> applet.verify(CertType.AUTH, "9999"));
        }
        assertEquals(AppletClient.PinStatus.BLOCKED, applet.pinStatus(CertType.AUTH));
        assertEquals(JpkiApp.Unlock.PIN_NOT_SET, app.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        assertEquals(JpkiApp.Enrolment.PIN_NOT_SET, app(AppFaults.NONE).enrollBiometric(CertType.AUTH, AUTH_PIN));
    }

    /**
     * The SEI-TSM deletes the JPKI instance (its keys and PINs go with it) while the app holds the
     * authentication PIN sealed: a fingerprint then releases nothing, the app says the AP is gone
     * and drops the sealed copy, so a later instance's PIN is never tried with it. Found by
     * FullSystemChainsTest with another seed (the app threw on READ STATUS's 6A82).
     */
    @Test
    void aDeletedAppletReleasesNothingAndTheSealedPinIsDropped() throws Exception {
        BiometricVault vault = new BiometricVault(new SecureRandom());
        JpkiApp app = new JpkiApp(channel::transmit, vault, AppFaults.NONE);
        assertEquals(JpkiApp.Enrolment.ENROLLED, app.enrollBiometric(CertType.AUTH, AUTH_PIN));
        channel.close();
        // the SEI-TSM's DELETE under an ISD session on the contact interface (the SE's default ISD keys)
        dev.inkan.se.transport.Transport contact = se.contact();
        Sw.check(contact.transmit(dev.inkan.se.gp.GpCommands.select(dev.inkan.se.util.Aid.of("A000000151000000"))));
        dev.inkan.se.transport.Transport isd = dev.inkan.se.scp03.Scp03Host.open(contact,
                dev.inkan.se.scp03.StaticKeys.of(0x30, dev.inkan.se.config.Defaults.TEST_KEY,
                        dev.inkan.se.config.Defaults.TEST_KEY, dev.inkan.se.config.Defaults.TEST_KEY),
                dev.inkan.se.scp03.Scp03Host.Options.level(0x33));
        Sw.check(isd.transmit(dev.inkan.se.gp.GpCommands.delete(dev.inkan.se.util.Aid.of(JpkiSecureElement.JPKI_AID),
                false)));
        // the app reaches the SE as a terminal does: SELECT of the JPKI AP, then the command
        JpkiApp after = new JpkiApp(apdu -> {
            byte[] r = se.contactless().transmit(dev.inkan.generated.scripts.JpkiApCommands.selectAp().apdu());
            return Sw.of(r) != 0x9000 ? r : se.contactless().transmit(apdu);
        }, vault, AppFaults.NONE);
        assertEquals(JpkiApp.Unlock.NO_APPLET, after.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
        assertFalse(after.enrolled(CertType.AUTH), "the sealed PIN of the deleted instance is dropped");
        assertEquals(JpkiApp.Unlock.NOT_ENROLLED, after.biometricUnlock(CertType.AUTH, Fingerprint.MATCH));
    }

    @Test
    void theVaultKeepsNoPinInClear() {
        BiometricVault v = new BiometricVault(new SecureRandom());
        v.seal(CertType.AUTH, "5678");
        BiometricVault copy = v.copy();
        v.clear();
        assertEquals(Optional.of("5678"), copy.open(CertType.AUTH, Fingerprint.MATCH));
        assertEquals(Optional.empty(), copy.open(CertType.AUTH, Fingerprint.NO_MATCH));
        assertEquals(Optional.empty(), v.open(CertType.AUTH, Fingerprint.MATCH));
        assertFalse(new String(copy.stored(CertType.AUTH).orElseThrow(), StandardCharsets.ISO_8859_1).contains("5678"));
    }

    // ---------------------------------------------------------------- LIFE-4: revocation from the phone

    /**
     * LIFE-4: the authentication key signs a revocation of either certificate, the signature key
     * (for a phone that holds no authentication certificate) of its own alone; each in the SE,
     * after its own PIN, with its own certificate attached.
     */
    @Test
    void eachKeyOfThePhoneSignsTheRevocationsItMaySpeakFor() throws Exception {
        JpkiApp app = app(AppFaults.NONE);
        java.time.Instant at = java.time.Instant.now();
        RevocationRequest bySign = signedRequest(app.signRevocationWithSignatureKey(SIGN_PASSWORD, 7, "phone-1", at),
                phone.certificate(CertFile.SIGN_CERT_FILE));
        assertEquals(List.of(7L, "phone-1", CertType.SIGN), List.of(bySign.person(), bySign.handset(), bySign.type()));
        RevocationRequest byAuth = signedRequest(app.signRevocation(AUTH_PIN, 7, "phone-1", CertType.AUTH, at),
                phone.certificate(CertFile.AUTH_CERT_FILE));
        assertEquals(CertType.AUTH, byAuth.type());
        AppletClient applet = new AppletClient(channel::transmit);
        assertThrows(IllegalArgumentException.class, () -> PhoneRevocation.sign(applet, CertType.SIGN, SIGN_PASSWORD, 7,
                "phone-1", CertType.AUTH, at), "the signature key does not speak for the authentication certificate");
        AppletClient.AppletRefusal wrong = assertThrows(AppletClient.AppletRefusal.class,
                () -> app.signRevocationWithSignatureKey("WRONG99", 7, "phone-1", at));
        assertEquals(0x63C0, wrong.sw() & 0xFFF0, "the applet counts the wrong signature password: " + wrong.getMessage());
    }

    /** The request inside {@code cms}, once its one signature verified with {@code signer}, which it carries. */
    private static RevocationRequest signedRequest(byte[] cms, X509Certificate signer) throws Exception {
        CMSSignedData data = new CMSSignedData(cms);
        SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
        assertEquals(1, data.getSignerInfos().size());
        assertTrue(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer.getPublicKey())));
        assertArrayEquals(signer.getEncoded(), ((X509CertificateHolder) data.getCertificates().getMatches(si.getSID())
                .iterator().next()).getEncoded());
        return RevocationRequest.decode((byte[]) data.getSignedContent().getContent());
    }

    // ---------------------------------------------------------------- the test-only faults do what they say

    @Test
    void theFaultsBreakExactlyTheirRule() throws Exception {
        JpkiApp serving = app(AppFaults.of(AppFaults.Fault.SERVE_MANAGEMENT_INTENTS));
        assertTrue(serving.handle(BusinessIntent.of(BANK, IntentOp.ISSUE_CERTIFICATE), new User(AUTH_PIN, SIGN_PASSWORD)).served());
        JpkiApp leaking = app(AppFaults.of(AppFaults.Fault.BIOMETRIC_SIGNATURE_PASSWORD));
        assertEquals(JpkiApp.Enrolment.ENROLLED, leaking.enrollBiometric(CertType.SIGN, SIGN_PASSWORD));
        assertEquals(JpkiApp.Unlock.RELEASED, leaking.biometricUnlock(CertType.SIGN, Fingerprint.MATCH));
    }

    private void changeAuthPin(String from, String to) throws Exception {
        AppletClient applet = new AppletClient(channel::transmit);
        applet.verify(CertType.AUTH, from);
        Sw.check(channel.transmit(dev.inkan.generated.scripts.JpkiApCommands
                .changeReferenceData(to.getBytes(StandardCharsets.US_ASCII)).apdu()));
    }

    static boolean verifies(X509Certificate cert, byte[] data, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(cert.getPublicKey());
        s.update(data);
        return s.verify(signature);
    }
}
