package dev.inkan.tsm.sp;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.tsm.cli.JpkiCommand;
import dev.inkan.tsm.cli.JpkiCommandTest;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.Application;
import dev.inkan.tsm.jpki.ApplicationSigner;
import dev.inkan.tsm.jpki.CardSignature;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.SpSessionRequest;
import dev.inkan.tsm.sei.SeiTsm;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code inkan jpki} as a whole system over HTTPS (REQ PRE-1, PRE-7, PRE-8, LIFE-1): the
 * municipality registers a person and issues the card's certificates, the app sends the
 * card-signed application, and the SP-TSM the command serves personalizes a real SE through the
 * app's relay, with the master keys of {@code jpki sp-keys}, its SE prepared by the SEI-TSM with
 * those keys' TakeOver. Nothing in process but the SE and the card's key.
 */
class ServedIssuanceTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Answer(int status, JsonObject json) {
    }

    @Test
    void theServedServiceTakesAPersonFromRegistrationToCertificatesOnThePhone(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("sp-keys.p12");
        StringWriter written = new StringWriter();
        CommandLine spKeys = new CommandLine(new JpkiCommand());
        spKeys.setOut(new PrintWriter(written, true));
        assertEquals(0, spKeys.execute("sp-keys", "--out", keys.toString()), written.toString());
        assertTrue(written.toString().contains("kvn=30"), written.toString());
        StringWriter err = new StringWriter();
        CommandLine again = new CommandLine(new JpkiCommand());
        again.setErr(new PrintWriter(err, true));
        assertEquals(2, again.execute("sp-keys", "--out", keys.toString()));
        assertTrue(err.toString().contains("keys are never overwritten"), err.toString());
        DiversifiedKeys master = SpKeyStore.load(keys, "inkan".toCharArray());

        JpkiCommand command = new JpkiCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        Path creds = dir.resolve("credentials");
        Thread server = new Thread(() -> cli.execute("--port", "0", "--db", dir.resolve("db").toString(),
                "--credentials", creds.toString(), "--sp-keys", keys.toString()));
        server.setDaemon(true);
        server.start();
        try (Phone ph = new Phone("served-phone")) {
            assertTrue(command.awaitStarted(60), "started: " + out);
            assertTrue(out.toString().contains("SP-TSM master keys from " + keys), out.toString());
            Matcher m = Pattern.compile("on (https://localhost:\\d+/)").matcher(out.toString());
            assertTrue(m.find(), out.toString());
            URI uri = URI.create(m.group(1));
            HttpClient municipality = JpkiCommandTest.client(creds.resolve("operator-ca.pem"),
                    creds.resolve("municipality.p12"));
            HttpClient app = JpkiCommandTest.client(creds.resolve("operator-ca.pem"), creds.resolve("app.p12"));
            HttpClient callCentre = JpkiCommandTest.client(creds.resolve("operator-ca.pem"),
                    creds.resolve("call-centre.p12"));

            // the SEI-TSM prepares the phone; the SP-TSM's TakeOver puts the SE's own set from the master
            new SeiTsm(Phone.ISD_KEYS, null).prepare(ph.se.contact(), ph.id, Phone.plan(),
                    new SpTsm(master, SpTsm.specDomainAid(), null, RANDOM)::takeOver);

            // the municipality: a person, then the card's two certificates over the card's keys (PRE-1)
            JsonObject person = new JsonObject();
            person.addProperty("name", "Served Holder");
            person.addProperty("address", "1-2-3 Kasumigaseki, Chiyoda-ku, Tokyo");
            person.addProperty("dateOfBirth", "1985-10-01");
            person.addProperty("gender", "F");
            Answer registered = post(municipality, uri, "v1/persons", person);
            assertEquals(201, registered.status(), registered.json().toString());
            long p = registered.json().get("person").getAsLong();
            person.addProperty("dateOfBirth", "10/01/1985");
            Answer badDate = post(municipality, uri, "v1/persons", person);
            assertEquals(400, badDate.status());
            assertTrue(badDate.json().get("message").getAsString().contains("dateOfBirth"), badDate.json().toString());
            assertEquals(403, post(app, uri, "v1/persons", person).status(), "the app registers no one");

            KeyPair cardSign = Fixture.key(0);
            Answer signCard = post(municipality, uri, "v1/card-certificates/" + p + "/sign", key(cardSign));
            assertEquals(201, signCard.status(), signCard.json().toString());
            X509Certificate cardCert = certificate(signCard.json().get("certificate").getAsString());
            assertEquals(cardSign.getPublic(), cardCert.getPublicKey());
            cardCert.verify(certificate(signCard.json().get("caCertificate").getAsString()).getPublicKey());
            Answer twice = post(municipality, uri, "v1/card-certificates/" + p + "/sign", key(cardSign));
            assertEquals(409, twice.status());
            assertEquals("WRONG_STATE", twice.json().get("error").getAsString());
            JsonObject garbage = new JsonObject();
            garbage.addProperty("publicKey", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 1, 2, 3}));
            assertEquals(400, post(municipality, uri, "v1/card-certificates/" + p + "/auth", garbage).status());
            java.security.KeyPairGenerator small = java.security.KeyPairGenerator.getInstance("RSA");
            small.initialize(1024);
            Answer weak = post(municipality, uri, "v1/card-certificates/" + p + "/auth", key(small.generateKeyPair()));
            assertEquals(400, weak.status(), "not RSA-2048 (CRY-1): " + weak.json());
            assertEquals(404, post(municipality, uri, "v1/card-certificates/999/auth", key(Fixture.key(1))).status());

            assertEquals(201, post(municipality, uri, "v1/card-certificates/" + p + "/auth", key(Fixture.key(1))).status());

            // the app: the card-signed application carrying its installation's key
            AppInstanceKey installation = AppInstanceKey.generate(RANDOM);
            byte[] cms = ApplicationSigner.sign(Application.of(ph.id, Set.of(AUTH, SIGN), Instant.now(), null,
                    installation.encodedPublicKey()), cardCert, CardSignature.of(cardSign.getPrivate()));
            HttpResponse<String> applied = app.send(HttpRequest.newBuilder(uri.resolve("v1/applications"))
                    .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(cms))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, applied.statusCode(), applied.body());
            long application = JsonParser.parseString(applied.body()).getAsJsonObject().get("application").getAsLong();

            // the served SP-TSM's session, the app relaying every batch to the applet
            SpSessionRequest request = SpSessionRequest.of(application, Instant.now());
            JsonObject open = new JsonObject();
            open.addProperty("application", application);
            open.addProperty("nonce", request.nonce());
            open.addProperty("time", request.time().toString());
            open.addProperty("signature", Base64.getEncoder().encodeToString(request.signWith(installation)));
            Answer step = post(app, uri, "v1/sp/sessions", open);
            Channel channel = ph.appChannel();
            while (!step.json().has("done")) {
                assertEquals(200, step.status(), step.json().toString());
                JsonArray responses = new JsonArray();
                for (JsonElement e : step.json().getAsJsonArray("commands")) {
                    responses.add(HexFormat.of().formatHex(channel.transmit(HexFormat.of().parseHex(
                            e.getAsJsonObject().get("apdu").getAsString()))));
                }
                JsonObject body = new JsonObject();
                body.add("responses", responses);
                step = post(app, uri, "v1/sp/sessions/" + step.json().get("session").getAsString(), body);
            }
            channel.close();
            String serial = step.json().getAsJsonObject("certificates").get("SIGN").getAsString();
            assertEquals(16, step.json().getAsJsonObject("temporaryPins").get("SIGN").getAsString().length());

            // a relying party finds the phone's signature certificate good; the audit shows the SE pinned
            HttpResponse<String> status = app.send(HttpRequest.newBuilder(uri.resolve("v1/status/" + serial)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());
            assertTrue(status.body().contains("\"GOOD\""), status.body());
            HttpResponse<String> audit = callCentre.send(HttpRequest.newBuilder(uri.resolve(
                    "v1/audit?subject=Handset&id=served-phone")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(audit.body().contains(HexFormat.of().withUpperCase().formatHex(ph.kdd)), audit.body());
        } finally {
            server.interrupt();
            server.join(10_000);
        }
    }

    private static JsonObject key(KeyPair k) {
        JsonObject j = new JsonObject();
        j.addProperty("publicKey", Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
        return j;
    }

    private static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    private static Answer post(HttpClient c, URI base, String path, JsonObject body) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? new JsonObject()
                : JsonParser.parseString(r.body()).getAsJsonObject());
    }
}
