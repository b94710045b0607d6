package dev.inkan.phone.app;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.phone.app.biometric.Fingerprint;
import dev.inkan.phone.app.intent.BusinessIntent;
import dev.inkan.phone.app.intent.IntentOp;
import dev.inkan.phone.app.intent.IntentResult;
import dev.inkan.phone.app.issuance.CardApplication;
import dev.inkan.phone.app.net.JpkiServiceClient;
import dev.inkan.phone.app.push.DeletionNoticeReceiver;
import dev.inkan.tsm.jpki.DeletionState;
import dev.inkan.phone.face.ContactlessCard;
import dev.inkan.phone.face.Credentials;
import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.JpkiSecureElement;
import dev.inkan.phone.face.Personalization;
import dev.inkan.phone.face.ServedFace;
import dev.inkan.se.SecureElement;
import dev.inkan.se.omapi.CallerIdentity;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.omapi.SeService;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.http.JpkiHttpApi;
import dev.inkan.tsm.http.OperatorCa;
import dev.inkan.tsm.http.Role;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.jpki.StrictClock;
import dev.inkan.tsm.push.SimulatedPushGateway;
import dev.inkan.tsm.sp.RelaySessions;
import dev.inkan.tsm.sp.SpTsm;
import dev.inkan.tsm.status.StatusService;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The first use of the JPKI app from end to end, every part real (UX-3, SYS-7, PRE-8, PRE-9,
 * ACC-2, UX-2, LIFE-11, LIFE-12): the municipality's card (its keys in its chip, its certificates
 * in the registry), the card signing the application over NFC with its password, the application
 * sent over HTTPS with the app's client certificate, the SP-TSM personalizing the phone's applet
 * through the app's OMAPI channel (batched scripts under SCP03), the user's own PINs, a
 * fingerprint for authentication, a business app's signature request, and a relying party that
 * checks the signature and the certificate's status over HTTPS.
 */
class AppIssuanceEndToEndTest {
    @Test
    void theAppIssuesWithTheCardOverHttpsAndServesABusinessApp() throws Exception {
        SecureRandom random = new SecureRandom();
        StrictClock clock = StrictClock.system();
        OperatorCa operator = OperatorCa.generate(random);
        try (Database db = Database.inMemory("app-e2e-" + System.nanoTime())) {
            SimulatedPushGateway push = new SimulatedPushGateway(clock);
            JpkiService jpki = new JpkiService(db, JpkiCa.generate(random, clock), clock, push,
                    Faults.NONE);
            // the SP-TSM's issuance sessions are served beside the service, over the same HTTPS
            SpTsm sp = new SpTsm(JpkiSecureElement.SP_KEYS, Hex.decode(JpkiSecureElement.SP_DOMAIN), jpki, random);
            try (RelaySessions sessions = new RelaySessions(sp, java.time.Duration.ofSeconds(30));
                 JpkiHttpApi api = new JpkiHttpApi(jpki, new StatusService(jpki), sessions, operator.serverContext(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 SecureElement cardSe = JpkiSecureElement.start(Face.CARD);
                 SecureElement phoneSe = JpkiSecureElement.start(Face.PHONE)) {
                // the municipality: the person and her card, certified by the registry
                long person = jpki.registerPerson(ServedFace.DEFAULT_PERSON);
                Credentials card = new Personalization(random).card(cardSe, jpki.ca(),
                        (t, key) -> jpki.issueCard(person, t, key).certificate(), "1111", "CARD11");

                // the app's OMAPI channel to the applet; the app installation makes its own key (LIFE-13)
                SeService omapi = new SeService(phoneSe, CallerIdentity.ofHashes("jp.go.jpki.app",
                        Hex.decode(JpkiSecureElement.JPKI_APP_HASH)));
                Channel channel = omapi.getReaders()[0].openSession().openLogicalChannel(Hex.decode(JpkiSecureElement.JPKI_AID));
                JpkiApp app = new JpkiApp(channel::transmit, new BiometricVault(random), AppFaults.NONE);

                // phase 2: the card signs the application over NFC, the app sends it over HTTPS
                ContactlessCard nfc = new ContactlessCard(cardSe);
                nfc.powerOn();
                JpkiServiceClient service = new JpkiServiceClient(api.uri(), operator.clientContext(Role.APP, "jpki-app"));
                AppletClient.AppletRefusal wrong = assertThrows(AppletClient.AppletRefusal.class, () -> CardApplication.sign(
                        nfc::transmit, "WRONG1", "phone-1", Set.of(AUTH, SIGN), clock.instant(), null));
                assertEquals(0x63C0, wrong.sw() & 0xFFF0, "the card counts the wrong password: " + wrong.getMessage());
                // this installation's own key rides in the card-signed application (LIFE-13)
                byte[] cms = app.signApplication(nfc::transmit, "CARD11", "phone-1", Set.of(AUTH, SIGN), clock.instant(),
                        null);
                AppInstanceKey installation = app.instanceKey();
                JpkiServiceClient.Accepted accepted = service.apply(cms);
                // the same signed application again: the service has seen its nonce
                JpkiServiceClient.Refusal again = assertThrows(JpkiServiceClient.Refusal.class, () -> service.apply(cms));
                assertEquals("REPLAYED", again.code(), "a replay, whatever its records' state: " + again.getMessage());
                assertEquals(422, again.status(), again.getMessage());
                assertEquals(person, accepted.person());
                assertEquals(Set.of(AUTH, SIGN), accepted.records().keySet());

                // phase 3: the SP-TSM personalizes the applet over HTTPS, the app relaying its batches to the
                // applet through its OMAPI channel (PRE-8); only the installation the application carried may ask
                JpkiServiceClient.Refusal foreignSession = assertThrows(JpkiServiceClient.Refusal.class,
                        () -> service.personalize(accepted.application(), AppInstanceKey.generate(random), clock.instant(),
                                channel::transmit));
                assertEquals("BAD_SIGNATURE", foreignSession.code(), foreignSession.getMessage());
                assertEquals(PhoneCertState.ISSUING, jpki.phoneCertState(person, "phone-1", SIGN), "nothing ran");
                JpkiServiceClient.Issued issued = service.personalize(accepted.application(), installation,
                        clock.instant(), channel::transmit);
                assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(person, "phone-1", SIGN));
                // the SP domain's keys are this SE's own (diversified from the SP-TSM's master by its KDD), and
                // the session pinned the SE the card cryptogram proved to phone-1 (PRE-3, PRE-8)
                assertEquals(Hex.encode(phoneSe.platform().registry()
                        .get(dev.inkan.se.util.Aid.of(JpkiSecureElement.SP_DOMAIN)).sd().keyDiversificationData()), jpki.secureElement("phone-1").orElseThrow());
                assertEquals(jpki.phoneCertificate(person, "phone-1", AUTH).orElseThrow().certificate().getSerialNumber()
                        .toString(16), issued.serials().get(AUTH));
                // one POST to open the session, one per batch: INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, GenerateKeys,
                // StoreCertificates
                assertEquals(5, issued.roundTrips());
                assertEquals(0, sessions.open(), "the session ended");

                // the user's own PINs (PRE-9) and a fingerprint for the authentication key (UX-2)
                app.replaceTemporaryPin(AUTH, issued.temporaryPins().get(AUTH), "2222");
                app.replaceTemporaryPin(SIGN, issued.temporaryPins().get(SIGN), "PHONE22");
                assertEquals(JpkiApp.Enrolment.ENROLLED, app.enrollBiometric(AUTH, "2222"));
                assertEquals(JpkiApp.Unlock.RELEASED, app.biometricUnlock(AUTH, Fingerprint.MATCH));

                // a bank's app asks for a signature; the user consents and types the signature password
                byte[] data = "account opening, form 12".getBytes(StandardCharsets.UTF_8);
                byte[] signature = assertInstanceOf(IntentResult.Served.class, app.handle(new BusinessIntent("jp.example.bank",
                        IntentOp.SIGN_DATA, null, data), (caller, op, pinOf) -> Optional.of("PHONE22"))).data();
                byte[] der = assertInstanceOf(IntentResult.Served.class, app.handle(new BusinessIntent("jp.example.bank",
                        IntentOp.READ_CERTIFICATE, CertType.SIGN, null), (caller, op, pinOf) -> Optional.of("PHONE22"))).data();
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));

                // the relying party: the signature, the link to the card (LIFE-12), the status over HTTPS (LIFE-11)
                assertTrue(JpkiAppTest.verifies(cert, data, signature));
                assertTrue(JpkiCa.cardLinkOf(cert).orElseThrow().names(card.certificate(
                        dev.inkan.generated.scripts.CertFile.SIGN_CERT_FILE)));
                HttpResponse<String> status = HttpClient.newBuilder().sslContext(operator.anonymousContext()).build().send(
                        HttpRequest.newBuilder(api.uri().resolve("v1/status/" + cert.getSerialNumber().toString(16))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, status.statusCode());
                assertTrue(status.body().contains("\"status\":\"GOOD\""), status.body());

                // later the user revokes the signature certificate from the phone; the deletion notice comes by
                // push to the app's receiver, which acknowledges it over HTTPS; the SP-TSM locks and wipes (LIFE-8)
                String token = push.installApp("phone-1", new DeletionNoticeReceiver("phone-1", (h, t, receipt) -> {
                    try {
                        service.deletionNoticeReceived(h, t, receipt);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, AppFaults.NONE));
                // the registration is signed with the installation's key: another installation cannot send it
                JpkiServiceClient.Refusal foreign = assertThrows(JpkiServiceClient.Refusal.class, () -> service
                        .registerPushToken(person, "phone-1", "foreign-token", AppInstanceKey.generate(random),
                                clock.instant()));
                assertEquals("BAD_SIGNATURE", foreign.code(), foreign.getMessage());
                app.registerPushToken(service, person, "phone-1", token, clock.instant());
                // the app is reinstalled: a new installation with a new key, which cannot register until the phone's
                // authentication key (PIN typed) binds it; then the old installation's key no longer speaks
                JpkiApp reinstalledApp = new JpkiApp(channel::transmit, new BiometricVault(random), AppFaults.NONE);
                AppInstanceKey reinstalled = reinstalledApp.instanceKey();
                JpkiServiceClient.Refusal unbound = assertThrows(JpkiServiceClient.Refusal.class,
                        () -> reinstalledApp.registerPushToken(service, person, "phone-1", token, clock.instant()));
                assertEquals("BAD_SIGNATURE", unbound.code(), unbound.getMessage());
                service.bindAppKey(reinstalledApp.signAppKeyBinding("2222", person, "phone-1", clock.instant()));
                JpkiServiceClient.Refusal old = assertThrows(JpkiServiceClient.Refusal.class,
                        () -> app.registerPushToken(service, person, "phone-1", token, clock.instant()));
                assertEquals("BAD_SIGNATURE", old.code(), "the old installation's key no longer speaks: " + old.getMessage());
                reinstalledApp.registerPushToken(service, person, "phone-1", token, clock.instant());
                // LIFE-4: the request is signed in the phone's SE by its authentication key (PIN typed), not by the card
                byte[] revocation = app.signRevocation("2222", person, "phone-1", SIGN, clock.instant());
                service.revoke(person, "phone-1", SIGN, revocation);
                assertEquals(PhoneCertState.REVOKED, jpki.phoneCertState(person, "phone-1", SIGN));
                JpkiServiceClient.Refusal replayed = assertThrows(JpkiServiceClient.Refusal.class,
                        () -> service.revoke(person, "phone-1", SIGN, revocation));
                assertEquals("REPLAYED", replayed.code(), replayed.getMessage());
                assertEquals(PhoneCertState.ACTIVE, jpki.phoneCertState(person, "phone-1", AUTH), "only SIGN was revoked");
                assertTrue(jpki.pushDeletion("phone-1", SIGN).delivered());
                assertEquals(DeletionState.DELIVERED, jpki.deletion("phone-1", SIGN).state(), "acknowledged over HTTPS");
                // the SP-TSM locks and wipes the key over HTTPS, the app relaying; another installation could not
                JpkiServiceClient.Refusal foreignWipe = assertThrows(JpkiServiceClient.Refusal.class, () -> service
                        .lockAndWipe(person, "phone-1", SIGN, installation, clock.instant(), channel::transmit));
                assertEquals("BAD_SIGNATURE", foreignWipe.code(), foreignWipe.getMessage());
                assertEquals(DeletionState.DELIVERED, jpki.deletion("phone-1", SIGN).state(), "nothing wiped");
                assertEquals(4, service.lockAndWipe(person, "phone-1", SIGN, reinstalled, clock.instant(),
                        channel::transmit), "one POST to open, one per batch: INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, LockAndWipe");
                assertEquals(DeletionState.IDLE, jpki.deletion("phone-1", SIGN).state());
                assertInstanceOf(IntentResult.Refused.class, app.handle(new BusinessIntent("jp.example.bank",
                        IntentOp.SIGN_DATA, null, data), (caller, op, pinOf) -> Optional.of("PHONE22")), "the key is gone");
                omapi.shutdown();
            }
        }
    }
}
