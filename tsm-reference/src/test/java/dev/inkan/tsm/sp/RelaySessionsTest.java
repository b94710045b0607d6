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
import dev.inkan.tsm.http.JpkiHttpApi;
import dev.inkan.tsm.http.OperatorCa;
import dev.inkan.tsm.http.Role;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.jpki.SpSessionRequest;
import dev.inkan.tsm.jpki.SpWipeRequest;
import dev.inkan.tsm.sei.SeiTsm;
import dev.inkan.tsm.status.StatusService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SP-TSM's issuance session over real HTTPS with a real SE behind the app's OMAPI channel
 * (REQ PRE-8, LIFE-13): the app opens it with its installation's key, relays each batch and posts
 * the responses; a foreign installation, a replayed request, an unknown session, unreadable
 * responses, an SE that refuses and an app that goes silent all end as they must, the records
 * abandoned where the issuance did not happen.
 */
class RelaySessionsTest {
    static final OperatorCa OPERATOR = OperatorCa.generate(new SecureRandom());
    static final SecureRandom RANDOM = new SecureRandom();

    record Answer(int status, JsonObject json) {
    }

    static Answer post(HttpClient c, JpkiHttpApi api, String path, JsonObject body) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(api.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JsonParser.parseString(r.body()).getAsJsonObject());
    }

    static JsonObject open(ApplicationResult accepted, AppInstanceKey key, SpSessionRequest r) {
        JsonObject j = new JsonObject();
        j.addProperty("application", accepted.applicationId());
        j.addProperty("nonce", r.nonce());
        j.addProperty("time", r.time().toString());
        j.addProperty("signature", Base64.getEncoder().encodeToString(r.signWith(key)));
        return j;
    }

    static JsonObject responses(String... hex) {
        JsonArray a = new JsonArray();
        for (String h : hex) {
            a.add(h);
        }
        JsonObject j = new JsonObject();
        j.add("responses", a);
        return j;
    }

    static JsonObject wipe(long person, String handset, dev.inkan.generated.scripts.CertType type, AppInstanceKey key,
                           Fixture f) {
        SpWipeRequest r = SpWipeRequest.of(person, handset, type, f.clock.instant());
        JsonObject j = new JsonObject();
        j.addProperty("person", person);
        j.addProperty("handset", handset);
        j.addProperty("type", type.name());
        j.addProperty("nonce", r.nonce());
        j.addProperty("time", r.time().toString());
        j.addProperty("signature", Base64.getEncoder().encodeToString(r.signWith(key)));
        return j;
    }

    @Test
    void anIssuanceSessionRunsOverHttpsAndEndsAsItMustWhenAnythingFails() throws Exception {
        try (Fixture f = new Fixture(); Phone ph = new Phone("relay-phone")) {
            SpTsm sp = new SpTsm(Phone.SP_KEYS, Phone.SP_DOMAIN.bytes(), f.jpki, RANDOM);
            new SeiTsm(Phone.ISD_KEYS, f.jpki).prepare(ph.se.contact(), ph.id, Phone.plan(), sp::takeOver);
            try (RelaySessions sessions = new RelaySessions(sp, Duration.ofSeconds(2));
                 JpkiHttpApi api = new JpkiHttpApi(f.jpki, new StatusService(f.jpki), sessions,
                         OPERATOR.serverContext(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                HttpClient app = HttpClient.newBuilder().sslContext(OPERATOR.clientContext(Role.APP, "jpki-app")).build();
                long p = f.personWithCard("Relay Holder");
                AppInstanceKey key = AppInstanceKey.generate(RANDOM);
                ApplicationResult accepted = f.jpki.apply(f.application(p, ph.id, Set.of(AUTH), null, key));

                assertEquals(404, post(app, api, "/v1/sp/sessions/0123", responses("9000")).status());
                // another installation (its own key) asks for this application
                Answer foreign = post(app, api, "/v1/sp/sessions", open(accepted,
                        AppInstanceKey.generate(RANDOM), SpSessionRequest.of(accepted.applicationId(), f.clock.instant())));
                assertEquals(422, foreign.status());
                assertEquals("BAD_SIGNATURE", foreign.json().get("error").getAsString());

                // the SE refuses INITIALIZE UPDATE: the session fails, the application is abandoned
                SpSessionRequest first = SpSessionRequest.of(accepted.applicationId(), f.clock.instant());
                Answer opened = post(app, api, "/v1/sp/sessions", open(accepted, key, first));
                assertEquals(200, opened.status(), opened.json().toString());
                String session = opened.json().get("session").getAsString();
                String apdu = opened.json().getAsJsonArray("commands").get(0).getAsJsonObject().get("apdu").getAsString();
                assertTrue(apdu.startsWith("8050"), "INITIALIZE UPDATE first: " + apdu);
                assertEquals(400, post(app, api, "/v1/sp/sessions/" + session, responses("zz")).status());
                Answer refused = post(app, api, "/v1/sp/sessions/" + session, responses("6982"));
                assertEquals(422, refused.status(), refused.json().toString());
                assertEquals("SESSION_FAILED", refused.json().get("error").getAsString());
                assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(p, ph.id, AUTH), "abandoned");
                assertEquals(0, sessions.open());
                Answer replay = post(app, api, "/v1/sp/sessions", open(accepted, key, first));
                assertEquals("REPLAYED", replay.json().get("error").getAsString(), replay.json().toString());

                // an app that goes silent: the session ends after its patience, the application is abandoned
                ApplicationResult again = f.jpki.apply(f.application(p, ph.id, Set.of(AUTH), null, key));
                Answer silent = post(app, api, "/v1/sp/sessions", open(again, key,
                        SpSessionRequest.of(again.applicationId(), f.clock.instant())));
                assertEquals(200, silent.status());
                Thread.sleep(3_000);
                assertEquals(404, post(app, api, "/v1/sp/sessions/" + silent.json().get("session").getAsString(),
                        responses("9000")).status(), "ended");
                assertEquals(PhoneCertState.NO_CERTIFICATE, f.jpki.phoneCertState(p, ph.id, AUTH));

                // the app relays every batch to the applet: keys generated and certified, PINs set
                ApplicationResult third = f.jpki.apply(f.application(p, ph.id, Set.of(AUTH, SIGN), null, key));
                Answer step = post(app, api, "/v1/sp/sessions", open(third, key,
                        SpSessionRequest.of(third.applicationId(), f.clock.instant())));
                int trips = 1;
                Channel channel = ph.appChannel();
                while (!step.json().has("done")) {
                    assertEquals(200, step.status(), step.json().toString());
                    JsonArray out = new JsonArray();
                    for (JsonElement e : step.json().getAsJsonArray("commands")) {
                        byte[] r = channel.transmit(HexFormat.of().parseHex(e.getAsJsonObject().get("apdu").getAsString()));
                        out.add(HexFormat.of().formatHex(r));
                    }
                    JsonObject body = new JsonObject();
                    body.add("responses", out);
                    step = post(app, api, "/v1/sp/sessions/" + step.json().get("session").getAsString(), body);
                    trips++;
                }
                channel.close();
                assertEquals(5, trips, "open, then one POST per batch (4 round trips to the SE)");
                assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, ph.id, SIGN));
                assertEquals(f.jpki.phoneCertificate(p, ph.id, AUTH).orElseThrow().certificate().getSerialNumber()
                        .toString(16), step.json().getAsJsonObject("certificates").get("AUTH").getAsString());
                assertEquals(4, step.json().getAsJsonObject("temporaryPins").get("AUTH").getAsString().length());

                // lock and wipe: refused for a valid certificate's key (policy, LIFE-11), and for a phone the person
                // never held a certificate on
                Answer valid = post(app, api, "/v1/sp/wipe-sessions", wipe(p, ph.id, SIGN, key, f));
                assertEquals(422, valid.status(), valid.json().toString());
                assertEquals("SESSION_FAILED", valid.json().get("error").getAsString());
                assertTrue(valid.json().get("message").getAsString().contains("is valid"), valid.json().toString());
                f.jpki.apply(f.application(p, "other-phone", Set.of(AUTH), null, key));
                Answer never = post(app, api, "/v1/sp/wipe-sessions", wipe(p, "other-phone", SIGN, key, f));
                assertEquals("WRONG_STATE", never.json().get("error").getAsString(), never.json().toString());
                assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, ph.id, SIGN), "nothing locked");
            }
        }
    }
}
