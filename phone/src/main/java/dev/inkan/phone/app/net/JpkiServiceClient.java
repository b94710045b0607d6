package dev.inkan.phone.app.net;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
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
