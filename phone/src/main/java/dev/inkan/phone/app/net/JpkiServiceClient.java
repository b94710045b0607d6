package dev.inkan.phone.app.net;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.se.transport.BatchTransport;
import dev.inkan.se.transport.Transport;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import dev.inkan.tsm.jpki.SpSessionRequest;
import dev.inkan.tsm.jpki.SpWipeRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The JPKI app's client of the JPKI service's HTTPS API (tsm-reference {@code JpkiHttpApi}): TLS
 * with the app's client certificate, the service's JSON errors turned into {@link Refusal}s the
 * app can show. Only what the app itself calls.
 */
public final class JpkiServiceClient {
    /** The service refused (its HTTP status and error code), or answered what the app cannot read. */
    public static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Refusal(int status, String code, String message) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /** An accepted application: the records opened (Issuing), by type. */
    public record Accepted(long application, long person, String handset, Map<CertType, Long> records) {
    }

    private final URI base;
    private final HttpClient http;

    public JpkiServiceClient(URI base, SSLContext appTls) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(appTls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** POST /v1/applications: the card-signed application (REQ LIFE-1, SYS-7). */
    public Accepted apply(byte[] signedApplication) throws IOException {
        JsonObject j = call(HttpRequest.newBuilder(base.resolve("v1/applications"))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedApplication)), 201);
        try {
            Map<CertType, Long> records = new EnumMap<>(CertType.class);
            for (Map.Entry<String, com.google.gson.JsonElement> e : j.getAsJsonObject("records").entrySet()) {
                records.put(CertType.valueOf(e.getKey()), e.getValue().getAsLong());
            }
            return new Accepted(j.get("application").getAsLong(), j.get("person").getAsLong(),
                    j.get("handset").getAsString(), records);
        } catch (RuntimeException e) {
            throw new Refusal(201, "UNREADABLE", "the service's answer lacks a field: " + j);
        }
    }

    /**
     * POST /v1/push-tokens (LIFE-13): the app instance's push token, again at every launch,
     * signed with the installation's key (bound by its application or by {@link #bindAppKey}).
     */
    public void registerPushToken(long person, String handset, String token, AppInstanceKey key, Instant at)
            throws IOException {
        PushTokenRegistration r = PushTokenRegistration.of(person, handset, token, at);
        JsonObject body = new JsonObject();
        body.addProperty("person", r.person());
        body.addProperty("handset", r.handset());
        body.addProperty("token", r.token());
        body.addProperty("nonce", r.nonce());
        body.addProperty("time", r.time().toString());
        body.addProperty("signature", Base64.getEncoder().encodeToString(r.signWith(key)));
        call(HttpRequest.newBuilder(base.resolve("v1/push-tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 204);
    }

    /**
     * POST /v1/app-keys (LIFE-13): binds a reinstalled app's new key; {@code signedBinding} is
     * signed by the phone's key ({@code JpkiApp.signAppKeyBinding}).
     */
    public void bindAppKey(byte[] signedBinding) throws IOException {
        call(HttpRequest.newBuilder(base.resolve("v1/app-keys")).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedBinding)), 204);
    }

    /** A finished SP-TSM issuance session: the temporary PINs to replace at once (PRE-9), the certificates' serials, the round trips. */
    public record Issued(Map<CertType, String> temporaryPins, Map<CertType, String> serials, int roundTrips) {
    }

    /**
     * The SP-TSM's issuance session for the accepted {@code application} (PRE-8), with the app as
     * the relay: POST /v1/sp/sessions, signed with this installation's {@code key} (the one the
     * application carried), then each batch of commands the SP-TSM sends, already wrapped with its
     * SCP03 session keys, runs on {@code channel} (the app's OMAPI channel to the applet) and the
     * responses go back (POST /v1/sp/sessions/{id}), until the SP-TSM says it is done. The app
     * sees ciphertext and MACs only.
     */
    public Issued personalize(long application, AppInstanceKey key, Instant at, Transport channel) throws IOException {
        SpSessionRequest r = SpSessionRequest.of(application, at);
        JsonObject body = new JsonObject();
        body.addProperty("application", r.application());
        body.addProperty("nonce", r.nonce());
        body.addProperty("time", r.time().toString());
        body.addProperty("signature", Base64.getEncoder().encodeToString(r.signWith(key)));
        int[] trips = {1};
        JsonObject step = relay(post("v1/sp/sessions", body), channel, trips);
        Map<CertType, String> pins = new EnumMap<>(CertType.class);
        Map<CertType, String> serials = new EnumMap<>(CertType.class);
        try {
            step.getAsJsonObject("temporaryPins").entrySet().forEach(e -> pins.put(CertType.valueOf(e.getKey()),
                    e.getValue().getAsString()));
            step.getAsJsonObject("certificates").entrySet().forEach(e -> serials.put(CertType.valueOf(e.getKey()),
                    e.getValue().getAsString()));
        } catch (RuntimeException e) {
            throw new Refusal(200, "UNREADABLE", "the SP-TSM's last step lacks a field: " + step);
        }
        return new Issued(pins, serials, trips[0]);
    }

    /**
     * After a deletion notice (LIFE-8, LIFE-9): the SP-TSM's lock-and-wipe session for the key of
     * {@code type} on this phone (POST /v1/sp/wipe-sessions, signed with this installation's
     * {@code key}), its batches relayed on {@code channel} like an issuance's. Returns the round trips.
     */
    public int lockAndWipe(long person, String handset, CertType type, AppInstanceKey key, Instant at,
                           Transport channel) throws IOException {
        SpWipeRequest r = SpWipeRequest.of(person, handset, type, at);
        JsonObject body = new JsonObject();
        body.addProperty("person", r.person());
        body.addProperty("handset", r.handset());
        body.addProperty("type", r.type().name());
        body.addProperty("nonce", r.nonce());
        body.addProperty("time", r.time().toString());
        body.addProperty("signature", Base64.getEncoder().encodeToString(r.signWith(key)));
        int[] trips = {1};
        relay(post("v1/sp/wipe-sessions", body), channel, trips);
        return trips[0];
    }

    /** Runs the SP-TSM's batches on {@code channel} from {@code step} on, posting the responses back, until it is done. */
    private JsonObject relay(JsonObject step, Transport channel, int[] trips) throws IOException {
        while (!step.has("done")) {
            String session = field(step, "session");
            List<BatchTransport.Command> commands = new ArrayList<>();
            try {
                for (JsonElement e : step.getAsJsonArray("commands")) {
                    JsonObject c = e.getAsJsonObject();
                    JsonArray sws = c.getAsJsonArray("continueOn");
                    int[] continueOn = new int[sws.size()];
                    for (int i = 0; i < continueOn.length; i++) {
                        continueOn[i] = Integer.parseInt(sws.get(i).getAsString(), 16);
                    }
                    commands.add(new BatchTransport.Command(HexFormat.of().parseHex(c.get("apdu").getAsString()),
                            continueOn));
                }
            } catch (RuntimeException e) {
                throw new Refusal(200, "UNREADABLE", "the SP-TSM's batch does not parse: " + e.getMessage());
            }
            JsonArray responses = new JsonArray();
            for (byte[] response : BatchTransport.oneByOne(channel, commands)) {
                responses.add(HexFormat.of().formatHex(response));
            }
            JsonObject answer = new JsonObject();
            answer.add("responses", responses);
            step = post("v1/sp/sessions/" + session, answer);
            trips[0]++;
        }
        return step;
    }

    private JsonObject post(String path, JsonObject body) throws IOException {
        return call(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 200);
    }

    private static String field(JsonObject j, String name) throws Refusal {
        JsonElement e = j.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            throw new Refusal(200, "UNREADABLE", "the answer lacks " + name + ": " + j);
        }
        return e.getAsString();
    }

    /**
     * POST /v1/deletions/{handset}/{type}/received (LIFE-8): the deletion notice reached the app,
     * which proves it with the notice's {@code receipt}.
     */
    public void deletionNoticeReceived(String handset, CertType type, String receipt) throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("receipt", receipt);
        call(HttpRequest.newBuilder(base.resolve("v1/deletions/" + handset + "/" + type.name() + "/received"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 204);
    }

    /**
     * POST /v1/phone-certificates/{person}/{handset}/{type}/revoke (LIFE-4, LIFE-9): the user
     * revokes from the phone; {@code signedRequest} is the revocation request signed by the phone's
     * authentication key ({@code JpkiApp.signRevocation}) or, for SIGN, by the signature key
     * ({@code JpkiApp.signRevocationWithSignatureKey}), without which the service refuses.
     */
    public void revoke(long person, String handset, CertType type, byte[] signedRequest) throws IOException {
        call(HttpRequest.newBuilder(base.resolve("v1/phone-certificates/" + person + "/" + handset + "/" + type.name()
                + "/revoke")).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedRequest)), 204);
    }

    private JsonObject call(HttpRequest.Builder request, int expected) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonObject j = null;
        if (!r.body().isEmpty()) {
            try {
                j = JsonParser.parseString(r.body()).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new Refusal(r.statusCode(), "UNREADABLE", "not a JSON object");
            }
        }
        if (r.statusCode() != expected) {
            String code = j != null && j.has("error") ? j.get("error").getAsString() : "HTTP_" + r.statusCode();
            String message = j != null && j.has("message") ? j.get("message").getAsString() : "";
            throw new Refusal(r.statusCode(), code, message);
        }
        return j == null ? new JsonObject() : j;
    }
}
