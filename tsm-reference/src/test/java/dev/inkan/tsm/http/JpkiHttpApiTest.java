package dev.inkan.tsm.http;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.AppKeyBinding;
import dev.inkan.tsm.jpki.Application;
import dev.inkan.tsm.jpki.ApplicationSigner;
import dev.inkan.tsm.jpki.CardSignature;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.jpki.PhoneCertificate;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import dev.inkan.tsm.jpki.RevocationRequest;
import dev.inkan.tsm.push.PushMessage;
import dev.inkan.tsm.status.StatusService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * The JPKI service over real HTTPS (TLS 1.3, client certificates per role, JDK HttpClient): the
 * app applies, the call centre suspends, a relying party sees it in the status and in OCSP, the
 * municipality's card revocation cascades; wrong callers and bad input get JSON errors.
 */
class JpkiHttpApiTest {
    static final OperatorCa OPERATOR = OperatorCa.generate(new SecureRandom());
    /** A qualified Java class name (java.io.EOFException, org.bouncycastle...): what an error must not show. */
    static final java.util.regex.Pattern JAVA_NAME = java.util.regex.Pattern.compile("\\b(java|javax|org|com|dev)\\.[a-z0-9_]+\\.");

    record Answer(int status, String body, String contentType) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    static final class Api implements AutoCloseable {
        final Fixture f = new Fixture();
        final JpkiHttpApi api;
        final HttpClient app = client(OPERATOR.clientContext(Role.APP, "jpki-app handset-1"));
        final HttpClient callCentre = client(OPERATOR.clientContext(Role.CALL_CENTRE, "operator 7"));
        final HttpClient municipality = client(OPERATOR.clientContext(Role.MUNICIPALITY, "Chiyoda ward"));
        final HttpClient anyone = client(OPERATOR.anonymousContext());

        Api() throws IOException {
            api = new JpkiHttpApi(f.jpki, new StatusService(f.jpki), OPERATOR.serverContext(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        Answer send(HttpClient c, String method, String path, String contentType, byte[] body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(api.uri().resolve(path));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Answer a = new Answer(r.statusCode(), new String(r.body(), StandardCharsets.ISO_8859_1),
                    r.headers().firstValue("Content-Type").orElse(""));
            if (a.status() >= 400) {
                // every refusal is a JSON error, never a stack trace
                assertTrue(a.contentType().startsWith("application/json"), a.toString());
                assertTrue(a.json().has("error") && a.json().has("message"), a.toString());
                assertFalse(JAVA_NAME.matcher(a.body()).find() || a.body().contains("\tat "), a.toString());
            }
            return a;
        }

        Answer post(HttpClient c, String path) throws Exception {
            return send(c, "POST", path, null, null);
        }

        @Override
        public void close() {
            api.close();
            f.close();
        }
    }

    static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void theAppAppliesAndAnApplicationRunningIsRefused() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Applicant");
            byte[] cms = a.f.application(p, "handset-1", Set.of(AUTH, SIGN), null);
            Answer ok = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime", cms);
            assertEquals(201, ok.status(), ok.body());
            assertEquals(p, ok.json().get("person").getAsLong());
            assertEquals(Set.of("AUTH", "SIGN"), ok.json().getAsJsonObject("records").keySet());
            // the same application again while its records are Issuing: a replay (REQ LIFE-1), not a state conflict
            Answer replay = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime", cms);
            assertEquals(422, replay.status(), replay.body());
            assertEquals("REPLAYED", replay.json().get("error").getAsString());
            Answer again = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime",
                    a.f.application(p, "handset-1", Set.of(AUTH), null));
            assertEquals(409, again.status(), again.body());
            assertEquals("WRONG_STATE", again.json().get("error").getAsString(), "the AUTH record is Applied already");
            Answer garbage = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime", new byte[] {0x30, 0x03, 1, 2});
            assertEquals(422, garbage.status(), garbage.body());
        }
    }

    /** REQ PRE-1, LIFE-1: signed before the card certificate's validity: 422 with its own code, naming the times. */
    @Test
    void anApplicationSignedOutsideTheCardValidityIsRefusedWithItsOwnCode() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Early Signer");
            X509Certificate cert = a.f.cardSignCertificate(p);
            Instant early = cert.getNotBefore().toInstant().minus(Duration.ofMinutes(5));
            byte[] cms = ApplicationSigner.sign(Application.of("handset-1", Set.of(AUTH), early, null), cert,
                    CardSignature.of(Fixture.key(0).getPrivate()));
            Answer refused = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime", cms);
            assertEquals(422, refused.status(), refused.body());
            assertEquals("CARD_NOT_VALID_AT_SIGNING", refused.json().get("error").getAsString());
            String message = refused.json().get("message").getAsString();
            assertTrue(message.startsWith("signed at " + early + ", before the validity period"), message);
            assertTrue(message.contains(cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()), message);
        }
    }

    @Test
    void theCallCentreSuspendsAndTheRelyingPartySeesItInStatusOcspAndAudit() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Holder");
            a.f.apply(p, "handset-1", AUTH);
            PhoneCertificate c = a.f.issue(p, "handset-1", AUTH);
            String serial = c.certificate().getSerialNumber().toString(16);
            assertEquals("GOOD", a.send(a.anyone, "GET", "/v1/status/" + serial, null, null).json().get("status").getAsString());
            assertEquals(204, a.post(a.callCentre, "/v1/phone-certificates/" + p + "/handset-1/auth/suspend").status());
            assertEquals(PhoneCertState.SUSPENDED, a.f.jpki.phoneCertState(p, "handset-1", AUTH));
            JsonObject st = a.send(a.anyone, "GET", "/v1/status/" + serial, null, null).json();
            assertEquals("REVOKED", st.get("status").getAsString());
            assertEquals(6, st.get("reason").getAsInt(), "certificateHold");
            // OCSP over HTTPS agrees
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(a.f.jpki.ca().caCertificate(Profile.of(Profile.Holder.PHONE,
                            Profile.Usage.AUTHENTICATION))), c.certificate().getSerialNumber());
            Answer ocsp = a.send(a.anyone, "POST", "/v1/ocsp", "application/ocsp-request",
                    new OCSPReqBuilder().addRequest(id).build().getEncoded());
            assertEquals("application/ocsp-response", ocsp.contentType());
            OCSPResp r = StatusService.parse(ocsp.body().getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(OCSPResp.SUCCESSFUL, r.getStatus());
            assertTrue(((BasicOCSPResp) r.getResponseObject()).getResponses()[0].getCertStatus() != null, "not good");
            // the audit trail names who did it
            JsonArray audit = JsonParser.parseString(a.send(a.callCentre, "GET", "/v1/audit?subject=PhoneCert&id=" + c.id(),
                    null, null).body()).getAsJsonArray();
            JsonObject last = audit.get(audit.size() - 1).getAsJsonObject();
            assertEquals("suspend", last.get("event").getAsString());
            assertEquals("CALL_CENTRE", last.get("actor").getAsString());
            // a signature certificate is never released (LIFE-7); the authentication one is
            assertEquals(204, a.post(a.callCentre, "/v1/phone-certificates/" + p + "/handset-1/auth/release").status());
            assertEquals("GOOD", a.send(a.anyone, "GET", "/v1/status/" + serial, null, null).json().get("status").getAsString());
        }
    }

    /**
     * A security reviewer can tell which certificate acted (REQ SYS-3): every audit entry written
     * for an HTTPS request names the client certificate (subject DN, serial, SHA-256) besides the
     * role, cascades included; the service's in-process steps name none.
     */
    @Test
    void theAuditNamesTheClientCertificateThatActed() throws Exception {
        try (Api a = new Api()) {
            // the app's credentials as curl would get them: a PKCS#12 file from the operator CA
            char[] password = "inkan".toCharArray();
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(new ByteArrayInputStream(OPERATOR.clientPkcs12(Role.APP, "jpki-app handset-7", password)),
                    password);
            X509Certificate appCert = (X509Certificate) p12.getCertificate("app");
            HttpClient app = client(tlsContext(p12, password));

            long p = a.f.personWithCard("Https Audited");
            Answer applied = a.send(app, "POST", "/v1/applications", "application/pkcs7-mime",
                    a.f.application(p, "handset-7", Set.of(AUTH), "token-7"));
            assertEquals(201, applied.status(), applied.body());
            long record = applied.json().getAsJsonObject("records").get("AUTH").getAsLong();
            a.f.issue(p, "handset-7", AUTH);
            assertEquals(204, a.post(a.callCentre, "/v1/phone-certificates/" + p + "/handset-7/auth/suspend").status());
            assertEquals(204, a.post(a.municipality, "/v1/card-certificates/" + p + "/auth/revoke").status());

            JsonArray audit = JsonParser.parseString(a.send(a.callCentre, "GET", "/v1/audit?subject=PhoneCert&id="
                    + record, null, null).body()).getAsJsonArray();
            assertEquals(List.of("apply", "issue", "suspend", "cardRevoked"), events(audit));
            JsonObject apply = audit.get(0).getAsJsonObject();
            assertEquals("APP", apply.get("actor").getAsString());
            // what the entry is about, as the service wrote it (the call centre reads the trail here)
            assertTrue(apply.get("detail").getAsString().startsWith("person " + p + ", handset handset-7, AUTH, application "),
                    apply.toString());
            assertTrue(apply.has("certificate"), "the entry names the certificate, not only the role: " + apply);
            JsonObject cert = apply.getAsJsonObject("certificate");
            assertEquals(appCert.getSubjectX500Principal().getName(), cert.get("subject").getAsString());
            assertTrue(cert.get("subject").getAsString().startsWith("CN=jpki-app handset-7,OU=APP,"), cert.toString());
            assertEquals(appCert.getSerialNumber().toString(16), cert.get("serial").getAsString());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(appCert.getEncoded())),
                    cert.get("sha256").getAsString());
            assertFalse(audit.get(1).getAsJsonObject().has("certificate"), "issued in process: no certificate");
            assertTrue(subject(audit.get(2)).startsWith("CN=operator 7,OU=CALL_CENTRE,"), audit.get(2).toString());
            // the cascade of the municipality's revocation is the JPKI's step, on that certificate's request
            assertEquals("JPKI", audit.get(3).getAsJsonObject().get("actor").getAsString());
            assertTrue(subject(audit.get(3)).startsWith("CN=Chiyoda ward,OU=MUNICIPALITY,"), audit.get(3).toString());
            // the push token that came with the application, and the card revocation itself
            JsonArray token = JsonParser.parseString(a.send(a.callCentre, "GET", "/v1/audit?subject=PushToken&id=" + p
                    + "/handset-7", null, null).body()).getAsJsonArray();
            assertEquals(appCert.getSubjectX500Principal().getName(), subject(token.get(0)));
            long card = a.f.jpki.cardCertificate(p, AUTH).orElseThrow().id();
            JsonArray cardAudit = JsonParser.parseString(a.send(a.callCentre, "GET", "/v1/audit?subject=CardCert&id="
                    + card, null, null).body()).getAsJsonArray();
            assertEquals(List.of("issueCard", "revoke"), events(cardAudit));
            assertFalse(cardAudit.get(0).getAsJsonObject().has("certificate"), "issued in process");
            assertTrue(subject(cardAudit.get(1)).startsWith("CN=Chiyoda ward,OU=MUNICIPALITY,"), cardAudit.toString());
        }
    }

    static List<String> events(JsonArray audit) {
        List<String> out = new java.util.ArrayList<>();
        audit.forEach(e -> out.add(e.getAsJsonObject().get("event").getAsString()));
        return out;
    }

    static String subject(com.google.gson.JsonElement entry) {
        return entry.getAsJsonObject().getAsJsonObject("certificate").get("subject").getAsString();
    }

    /** A client's TLS context from its PKCS#12 key store, trusting the operator CA for the server. */
    static SSLContext tlsContext(KeyStore p12, char[] password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(p12, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("operator-ca", OPERATOR.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLSv1.3");
        c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return c;
    }

    @Test
    void theMunicipalitysCardRevocationCascadesToThePhone() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Cascade");
            a.f.apply(p, "handset-1", SIGN);
            PhoneCertificate c = a.f.issue(p, "handset-1", SIGN);
            assertEquals(204, a.post(a.municipality, "/v1/card-certificates/" + p + "/sign/revoke").status());
            assertEquals(PhoneCertState.REVOKED, a.f.jpki.phoneCertState(p, "handset-1", SIGN), "PRE-6");
            assertEquals("REVOKED", a.send(a.anyone, "GET", "/v1/status/" + c.certificate().getSerialNumber().toString(16),
                    null, null).json().get("status").getAsString());
            Answer deletion = a.send(a.app, "GET", "/v1/deletions/handset-1/SIGN", null, null);
            assertEquals("PENDING", deletion.json().get("state").getAsString(), "LIFE-8: the key is owed a deletion");
        }
    }

    /**
     * REQ LIFE-4, LIFE-9, LIFE-8, SYS-3, CRY-2: the APP role is shared by every installation, so
     * the revoke route takes the request signed by the phone's own authentication key; anything
     * else is refused and changes nothing; the valid one revokes and the deletion notice goes out.
     */
    @Test
    void theAppRevokesOnlyWithARequestSignedByThePhonesAuthenticationKey() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Revoker");
            List<PushMessage> notices = new ArrayList<>();
            String token = a.f.push.installApp("handset-1", notices::add);
            a.f.jpki.apply(a.f.application(p, "handset-1", Set.of(AUTH, SIGN), token));
            a.f.issue(p, "handset-1", AUTH);
            a.f.issue(p, "handset-1", SIGN);
            long q = a.f.personWithCard("Https Other Phone");
            a.f.issuePhone(q, "handset-2", AUTH);
            X509Certificate mine = a.f.jpki.phoneCertificate(p, "handset-1", AUTH).orElseThrow().certificate();
            X509Certificate theirs = a.f.jpki.phoneCertificate(q, "handset-2", AUTH).orElseThrow().certificate();
            String path = "/v1/phone-certificates/" + p + "/handset-1/sign/revoke";
            List<String> before = a.f.registryContents();

            Answer none = a.post(a.app, path);
            assertEquals(400, none.status(), none.body());
            assertEquals("INVALID", none.json().get("error").getAsString());
            assertEquals(400, a.send(a.app, "POST", path, "application/pkcs7-mime", new byte[0]).status(), "empty");
            assertEquals(415, a.send(a.app, "POST", path, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .status());
            // signed by another person's phone (its genuine authentication key and certificate)
            Answer otherPhone = revoke(a, path, Fixture.revocation(RevocationRequest.of(p, "handset-1", SIGN,
                    a.f.clock.instant()), theirs, Fixture.phoneAuthKey()));
            assertEquals(422, otherPhone.status(), otherPhone.body());
            assertEquals("BAD_SIGNATURE", otherPhone.json().get("error").getAsString());
            // the phone's own signature, but for another type or another handset than the URL
            Answer otherType = revoke(a, path, a.f.revocation(p, "handset-1", AUTH));
            assertEquals(422, otherType.status(), otherType.body());
            assertEquals("BAD_SIGNATURE", otherType.json().get("error").getAsString());
            Answer otherHandset = revoke(a, path, Fixture.revocation(RevocationRequest.of(p, "handset-2", SIGN,
                    a.f.clock.instant()), mine, Fixture.phoneAuthKey()));
            assertEquals("BAD_SIGNATURE", otherHandset.json().get("error").getAsString(), otherHandset.body());
            assertEquals(422, revoke(a, path, new byte[] {0x30, 0x03, 1, 2}).status(), "not CMS");
            // stale: signed longer ago than the freshness window
            byte[] stale = a.f.revocation(p, "handset-1", SIGN);
            a.f.base.advance(Duration.ofMinutes(11));
            Answer late = revoke(a, path, stale);
            assertEquals(422, late.status(), late.body());
            assertEquals("REPLAYED", late.json().get("error").getAsString());
            assertEquals(before, a.f.registryContents(), "no refusal changed anything");
            assertEquals(PhoneCertState.ACTIVE, a.f.jpki.phoneCertState(p, "handset-1", SIGN));

            // the phone's own request: revoked, the key owed a deletion, the notice pushed to the app (LIFE-8)
            byte[] valid = a.f.revocation(p, "handset-1", SIGN);
            Answer ok = revoke(a, path, valid);
            assertEquals(204, ok.status(), ok.body());
            assertEquals(PhoneCertState.REVOKED, a.f.jpki.phoneCertState(p, "handset-1", SIGN));
            assertEquals(PhoneCertState.ACTIVE, a.f.jpki.phoneCertState(p, "handset-1", AUTH));
            assertEquals("PENDING", a.send(a.app, "GET", "/v1/deletions/handset-1/SIGN", null, null).json().get("state")
                    .getAsString());
            a.f.jpki.pushDeletion("handset-1", SIGN);
            assertEquals(1, notices.size());
            assertEquals(JpkiService.DELETION_NOTICE, notices.get(0).kind());
            assertEquals("SIGN", notices.get(0).data().get("type"));
            // LIFE-8: the app acknowledges with the notice's receipt; another app instance, which never got the
            // notice, cannot mark the deletion delivered with the shared APP role alone
            String received = "/v1/deletions/handset-1/SIGN/received";
            Answer guessed = a.send(a.app, "POST", received, "application/json",
                    "{\"receipt\": \"00000000000000000000000000000000\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(422, guessed.status(), guessed.body());
            assertEquals("BAD_SIGNATURE", guessed.json().get("error").getAsString());
            assertEquals(400, a.send(a.app, "POST", received, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .status());
            assertEquals("PENDING", a.send(a.app, "GET", "/v1/deletions/handset-1/SIGN", null, null).json().get("state")
                    .getAsString());
            Answer acknowledged = a.send(a.app, "POST", received, "application/json", ("{\"receipt\": \""
                    + notices.get(0).data().get("receipt") + "\"}").getBytes(StandardCharsets.UTF_8));
            assertEquals(204, acknowledged.status(), acknowledged.body());
            assertEquals("DELIVERED", a.send(a.app, "GET", "/v1/deletions/handset-1/SIGN", null, null).json()
                    .get("state").getAsString());
            // the same request again
            List<String> after = a.f.registryContents();
            Answer replay = revoke(a, path, valid);
            assertEquals(422, replay.status(), replay.body());
            assertEquals("REPLAYED", replay.json().get("error").getAsString());
            assertEquals(after, a.f.registryContents());
            // a signed request for nobody's record
            Answer nobody = revoke(a, "/v1/phone-certificates/99/handset-1/sign/revoke", Fixture.revocation(
                    RevocationRequest.of(99, "handset-1", SIGN, a.f.clock.instant()), mine, Fixture.phoneAuthKey()));
            assertEquals(404, nobody.status(), nobody.body());
        }
    }

    /**
     * LIFE-13, LIFE-8: over HTTPS, a push token is registered only with the signature of the app
     * key bound to the person on the phone; another installation (the same APP role, its own key)
     * cannot redirect the deletion notices. A reinstalled app binds its new key with a request the
     * phone's key signed.
     */
    @Test
    void theAppRegistersItsPushTokenWithItsOwnKeyAndABindingRebindsIt() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Token Holder");
            AppInstanceKey mine = AppInstanceKey.generate(new SecureRandom());
            AppInstanceKey other = AppInstanceKey.generate(new SecureRandom());
            Answer applied = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime",
                    a.f.application(p, "handset-1", Set.of(AUTH), null, mine));
            assertEquals(201, applied.status(), applied.body());
            a.f.issue(p, "handset-1", AUTH);
            List<String> before = a.f.registryContents();

            PushTokenRegistration r = PushTokenRegistration.of(p, "handset-1", "tok-1", a.f.clock.instant());
            Answer hijack = registerToken(a, r, r.signWith(other));
            assertEquals(422, hijack.status(), hijack.body());
            assertEquals("BAD_SIGNATURE", hijack.json().get("error").getAsString());
            JsonObject noSignature = registration(r, r.signWith(mine));
            noSignature.remove("signature");
            assertEquals(400, a.send(a.app, "POST", "/v1/push-tokens", "application/json",
                    noSignature.toString().getBytes(StandardCharsets.UTF_8)).status());
            JsonObject badTime = registration(r, r.signWith(mine));
            badTime.addProperty("time", "yesterday");
            Answer bad = a.send(a.app, "POST", "/v1/push-tokens", "application/json",
                    badTime.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(400, bad.status(), bad.body());
            JsonObject notBase64 = registration(r, r.signWith(mine));
            notBase64.addProperty("signature", "%%%");
            assertEquals(400, a.send(a.app, "POST", "/v1/push-tokens", "application/json",
                    notBase64.toString().getBytes(StandardCharsets.UTF_8)).status());
            // a signature that is base64 but no ECDSA signature at all, and garbage bodies: JSON errors, no trace
            Answer garbage = registerToken(a, r, new byte[] {1, 2, 3});
            assertEquals(422, garbage.status(), garbage.body());
            assertEquals("BAD_SIGNATURE", garbage.json().get("error").getAsString());
            for (String body : List.of("[]", "not json", "{\"person\": \"me\"}", "{}")) {
                Answer malformed = a.send(a.app, "POST", "/v1/push-tokens", "application/json",
                        body.getBytes(StandardCharsets.UTF_8));
                assertEquals(400, malformed.status(), body + ": " + malformed.body());
                assertEquals("INVALID", malformed.json().get("error").getAsString(), malformed.body());
                assertFalse(malformed.body().contains("Exception"), malformed.body());
            }
            // signed by the right key, but too old or from the future: refused as a possible replay
            for (java.time.Duration off : List.of(JpkiService.APPLICATION_FRESHNESS.plusSeconds(1).negated(),
                    JpkiService.APPLICATION_FRESHNESS.plusSeconds(1))) {
                PushTokenRegistration stale = PushTokenRegistration.of(p, "handset-1", "tok-stale",
                        a.f.clock.instant().plus(off));
                Answer refusedStale = registerToken(a, stale, stale.signWith(mine));
                assertEquals(422, refusedStale.status(), refusedStale.body());
                assertEquals("REPLAYED", refusedStale.json().get("error").getAsString(), refusedStale.body());
            }
            assertEquals(before, a.f.registryContents(), "no refusal changed anything");

            assertEquals(204, registerToken(a, r, r.signWith(mine)).status());
            assertEquals("tok-1", a.f.jpki.pushToken(p, "handset-1").orElseThrow().token());
            Answer replay = registerToken(a, r, r.signWith(mine));
            assertEquals("REPLAYED", replay.json().get("error").getAsString(), replay.body());

            // the app was reinstalled: its new key is bound by the phone's authentication key, the old one stops working
            assertEquals(400, a.post(a.app, "/v1/app-keys").status(), "no signed binding");
            // but not by another phone's authentication certificate, nor for another phone than the signer's
            long n = a.f.personWithCard("Https Neighbour");
            a.f.issuePhone(n, "handset-3", AUTH);
            X509Certificate neighbours = a.f.jpki.phoneCertificate(n, "handset-3", AUTH).orElseThrow().certificate();
            X509Certificate own = a.f.jpki.phoneCertificate(p, "handset-1", AUTH).orElseThrow().certificate();
            for (byte[] foreign : List.of(
                    ApplicationSigner.signContent(AppKeyBinding.of(p, "handset-1", other, a.f.clock.instant()).encode(),
                            neighbours, CardSignature.of(Fixture.phoneAuthKey()), a.f.clock.instant()),
                    ApplicationSigner.signContent(AppKeyBinding.of(p, "handset-3", other, a.f.clock.instant()).encode(),
                            own, CardSignature.of(Fixture.phoneAuthKey()), a.f.clock.instant()),
                    new byte[] {0x30, 0x03, 1, 2, 3})) {
                Answer notBound = a.send(a.app, "POST", "/v1/app-keys", "application/pkcs7-mime", foreign);
                assertEquals(422, notBound.status(), notBound.body());
                assertEquals("BAD_SIGNATURE", notBound.json().get("error").getAsString(), notBound.body());
            }
            assertEquals(Optional.of(mine.encodedPublicKey()), a.f.jpki.appKey(p, "handset-1"), "still the first key");
            Answer bound = a.send(a.app, "POST", "/v1/app-keys", "application/pkcs7-mime",
                    a.f.binding(p, "handset-1", other, AUTH));
            assertEquals(204, bound.status(), bound.body());
            PushTokenRegistration again = PushTokenRegistration.of(p, "handset-1", "tok-2", a.f.clock.instant());
            assertEquals("BAD_SIGNATURE", registerToken(a, again, again.signWith(mine)).json().get("error").getAsString());
            assertEquals(204, registerToken(a, again, again.signWith(other)).status());

            // a holder whose application bound no key
            long q = a.f.personWithCard("Https Older App");
            a.f.issuePhone(q, "handset-2", AUTH);
            PushTokenRegistration unbound = PushTokenRegistration.of(q, "handset-2", "tok-3", a.f.clock.instant());
            Answer noKey = registerToken(a, unbound, unbound.signWith(mine));
            assertEquals(409, noKey.status(), noKey.body());
            assertEquals("NO_APP_KEY", noKey.json().get("error").getAsString());
        }
    }

    static JsonObject registration(PushTokenRegistration r, byte[] signature) {
        JsonObject j = new JsonObject();
        j.addProperty("person", r.person());
        j.addProperty("handset", r.handset());
        j.addProperty("token", r.token());
        j.addProperty("nonce", r.nonce());
        j.addProperty("time", r.time().toString());
        j.addProperty("signature", java.util.Base64.getEncoder().encodeToString(signature));
        return j;
    }

    static Answer registerToken(Api a, PushTokenRegistration r, byte[] signature) throws Exception {
        return a.send(a.app, "POST", "/v1/push-tokens", "application/json",
                registration(r, signature).toString().getBytes(StandardCharsets.UTF_8));
    }

    static Answer revoke(Api a, String path, byte[] signedRequest) throws Exception {
        return a.send(a.app, "POST", path, "application/pkcs7-mime", signedRequest);
    }

    @Test
    void callersAreCheckedByTheirCertificate() throws Exception {
        try (Api a = new Api()) {
            long p = a.f.personWithCard("Https Roles");
            byte[] cms = a.f.application(p, "handset-1", Set.of(AUTH), null);
            Answer none = a.send(a.anyone, "POST", "/v1/applications", "application/pkcs7-mime", cms);
            assertEquals(401, none.status());
            assertEquals("CLIENT_CERTIFICATE_REQUIRED", none.json().get("error").getAsString());
            Answer wrongRole = a.send(a.municipality, "POST", "/v1/applications", "application/pkcs7-mime", cms);
            assertEquals(403, wrongRole.status());
            assertEquals(403, a.post(a.app, "/v1/phone-certificates/" + p + "/handset-1/auth/suspend").status(),
                    "the app cannot suspend: the call centre's");
            assertEquals(403, a.send(a.app, "GET", "/v1/audit?subject=Person&id=" + p, null, null).status());
            // a client that does not trust the operator's CA never gets past the handshake
            HttpClient stranger = client(SSLContext.getDefault());
            assertThrows(IOException.class, () -> stranger.send(HttpRequest.newBuilder(a.api.uri().resolve("/v1/status/1"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            // and one with a certificate of another CA is not served as a role
            OperatorCa other = OperatorCa.generate(new SecureRandom());
            SSLContext forged = other.clientContext(Role.CALL_CENTRE, "forger");
            assertThrows(IOException.class, () -> client(forged).send(HttpRequest.newBuilder(a.api.uri()
                    .resolve("/v1/audit?subject=Person&id=1")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void badInputGetsTheRightStatusAndAJsonError() throws Exception {
        try (Api a = new Api()) {
            assertEquals(404, a.send(a.anyone, "GET", "/v1/nothing", null, null).status());
            Answer wrongMethod = a.send(a.app, "GET", "/v1/applications", null, null);
            assertEquals(405, wrongMethod.status());
            assertEquals(415, a.send(a.app, "POST", "/v1/applications", "text/plain", new byte[] {1}).status());
            // no application at all is a malformed request, not a bad signature
            Answer empty = a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime", new byte[0]);
            assertEquals(400, empty.status(), empty.body());
            assertEquals(400, a.post(a.app, "/v1/applications").status());
            assertEquals(413, a.send(a.app, "POST", "/v1/applications", "application/pkcs7-mime",
                    new byte[JpkiHttpApi.MAX_BODY + 1]).status());
            assertEquals(400, a.send(a.app, "POST", "/v1/push-tokens", "application/json", "{\"person\":".getBytes(
                    StandardCharsets.UTF_8)).status());
            Answer missing = a.send(a.app, "POST", "/v1/push-tokens", "application/json", "{\"person\": 1.5, \"handset\": \"h\"}"
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(400, missing.status());
            assertTrue(missing.json().get("message").getAsString().contains("person"), missing.body());
            assertEquals(400, a.post(a.app, "/v1/deletions/handset-1/BOTH/received").status());
            assertEquals(400, a.send(a.anyone, "GET", "/v1/status/xyz", null, null).status());
            assertEquals(404, a.send(a.anyone, "GET", "/v1/status/abc123", null, null).status());
            assertEquals(400, a.post(a.app, "/v1/phone-certificates/99/handset-1/auth/revoke").status(),
                    "no signed request (LIFE-4)");
            byte[] someReceipt = "{\"receipt\": \"0123\"}".getBytes(StandardCharsets.UTF_8);
            assertEquals(404, a.send(a.app, "POST", "/v1/deletions/handset-1/AUTH/received", "application/json",
                    someReceipt).status(), "no such handset");
            a.f.apply(a.f.personWithCard("Https Nothing Owed"), "handset-1", AUTH);
            Answer noDeletion = a.send(a.app, "POST", "/v1/deletions/handset-1/AUTH/received", "application/json",
                    someReceipt);
            assertEquals(409, noDeletion.status(), noDeletion.body());
            assertEquals("WRONG_STATE", noDeletion.json().get("error").getAsString());
            // the database gone: a 500 with an incident number for the log, nothing of the cause
            a.f.db.close();
            Answer internal = a.send(a.app, "GET", "/v1/deletions/handset-1/AUTH", null, null);
            assertEquals(500, internal.status(), internal.body());
            assertTrue(internal.json().get("message").getAsString().contains("incident"), internal.body());
        }
    }
}
