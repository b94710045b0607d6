package dev.inkan.tsm.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.se.transport.BatchTransport;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.AuditEntry;
import dev.inkan.tsm.jpki.CardCertificate;
import dev.inkan.tsm.jpki.ClientCertificate;
import dev.inkan.tsm.jpki.DeletionRecord;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertificate;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import dev.inkan.tsm.jpki.Refused;
import dev.inkan.tsm.jpki.SpSessionRequest;
import dev.inkan.tsm.jpki.SpWipeRequest;
import dev.inkan.tsm.sp.RelaySessions;
import dev.inkan.tsm.status.CertStatus;
import dev.inkan.tsm.status.StatusService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The JPKI service's HTTP API over TLS 1.3 (DESIGN: an HTTP API with TLS on localhost for the
 * app, the call centre, municipal offices and relying parties). Callers other than relying
 * parties authenticate with a client certificate whose OU is their {@link Role}; every route
 * names the roles it serves. The service audits every state change (JpkiService.audit), naming
 * the client certificate of the request besides its role. Bad input gets a JSON error with the
 * right status, never a stack trace; the body of a request is capped.
 *
 * <pre>
 * POST /v1/applications                                  APP          CMS-signed application (application/pkcs7-mime)
 * POST /v1/push-tokens                                   APP          {"person", "handset", "token", "nonce",
 *      "time", "signature"}: signed with the app-instance key bound to (person, handset)
 * POST /v1/app-keys                                      APP          body: an app key binding signed by a key of
 *      the phone (application/pkcs7-mime), for an installation no application introduced
 * POST /v1/sp/sessions                                   APP          {"application", "nonce", "time", "signature"}:
 *      opens the SP-TSM's issuance session (signed with the app key the application bound); the first batch
 * POST /v1/sp/sessions/{session}                         APP          {"responses": [hex]}: the responses to the
 *      last batch; the next batch, or {"done", "temporaryPins", "certificates"} (only when an SP-TSM is served)
 * POST /v1/sp/wipe-sessions                              APP          {"person", "handset", "type", "nonce", "time",
 *      "signature"}: opens a lock-and-wipe session for a key of the phone after a deletion notice (signed likewise)
 * POST /v1/deletions/{handset}/{type}/received           APP          {"receipt"}: the push notice reached the app
 * GET  /v1/deletions/{handset}/{type}                    APP, CALL_CENTRE
 * POST /v1/phone-certificates/{person}/{handset}/{type}/revoke                APP (the user, from the phone):
 *      body: the revocation request signed by the phone's authentication key, or for SIGN by the
 *      signature key itself (application/pkcs7-mime);
 *      the APP role alone proves nothing (every installation shares it), the phone's key does
 * POST /v1/phone-certificates/{person}/{handset}/{type}/{suspend|release|revoke-by-call-centre}   CALL_CENTRE
 * POST /v1/persons                                       MUNICIPALITY {"name", "address", "dateOfBirth", "gender"}: 201 {"person"}
 * POST /v1/card-certificates/{person}/{type}             MUNICIPALITY {"publicKey"}: the card's certificate (PRE-1), 201
 * POST /v1/card-certificates/{person}/{type}/revoke      MUNICIPALITY
 * GET  /v1/audit?subject=S&amp;id=N                          CALL_CENTRE
 * GET  /v1/status/{serial, hex}                          anyone       {"status": GOOD | REVOKED | UNKNOWN, ...}
 * POST /v1/ocsp                                          anyone       RFC 6960 request (application/ocsp-request)
 * </pre>
 */
public final class JpkiHttpApi implements AutoCloseable {
    /** Largest request body accepted (an application with its CMS signature and card certificate fits many times). */
    public static final int MAX_BODY = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(JpkiHttpApi.class.getName());
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final JpkiService jpki;
    private final StatusService status;
    /** The SP-TSM's issuance sessions served beside the service, or null (then its routes answer 404). */
    private final RelaySessions spSessions;
    private final CallerRevocations revokedCallers;
    private final HttpsServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jpki-http");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong incidents = new AtomicLong();
    private final List<Route> routes = new ArrayList<>();

    /** Serves on {@code at} (port 0: any free one) with the server identity of {@code tls}. */
    public JpkiHttpApi(JpkiService jpki, StatusService status, SSLContext tls, InetSocketAddress at) throws IOException {
        this(jpki, status, null, tls, at);
    }

    /** The same, with the SP-TSM's issuance sessions ({@code /v1/sp/...}) served too. */
    public JpkiHttpApi(JpkiService jpki, StatusService status, RelaySessions spSessions, SSLContext tls,
                       InetSocketAddress at) throws IOException {
        this(jpki, status, spSessions, null, tls, at);
    }

    /**
     * The same, refusing callers whose client certificate the operator revoked ({@code revokedCallers};
     * null: none is checked) with 403 {@code CALLER_REVOKED}.
     */
    public JpkiHttpApi(JpkiService jpki, StatusService status, RelaySessions spSessions,
                       CallerRevocations revokedCallers, SSLContext tls, InetSocketAddress at) throws IOException {
        this.jpki = jpki;
        this.status = status;
        this.spSessions = spSessions;
        this.revokedCallers = revokedCallers;
        this.server = HttpsServer.create(at, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters p) {
                SSLParameters sp = tls.getDefaultSSLParameters();
                sp.setProtocols(new String[] {"TLSv1.3"});
                // relying parties come without a certificate; the routes check the role
                sp.setWantClientAuth(true);
                p.setSSLParameters(sp);
            }
        });
        defineRoutes();
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** https://localhost:PORT/ */
    public URI uri() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    // ------------------------------------------------------------------ routes

    private interface Handler {
        Reply handle(Request r) throws IOException;
    }

    private record Route(String method, String[] pattern, Set<Role> roles, Handler handler) {
        /** The path's variables when it matches, else null. */
        Map<String, String> match(String[] path) {
            if (path.length != pattern.length) {
                return null;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            for (int i = 0; i < path.length; i++) {
                if (pattern[i].startsWith("{")) {
                    vars.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
                } else if (!pattern[i].equals(path[i])) {
                    return null;
                }
            }
            return vars;
        }
    }

    /**
     * A matched request: its path variables, the caller's role (null on public routes) and the
     * service acting for the caller's client certificate, which the audit entries name.
     */
    private record Request(HttpExchange exchange, Map<String, String> vars, Role role, JpkiService jpki) {
        String var(String name) {
            return vars.get(name);
        }
    }

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, Object o) {
            return new Reply(status, "application/json; charset=utf-8", GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
        }

        static Reply noContent() {
            return new Reply(204, null, null);
        }
    }

    private void route(String method, String path, Set<Role> roles, Handler h) {
        routes.add(new Route(method, path.substring(1).split("/"), roles, h));
    }

    private void defineRoutes() {
        Set<Role> anyone = Set.of();
        route("POST", "/v1/applications", Set.of(Role.APP), r -> {
            ApplicationResult a = r.jpki().apply(signedBody(r));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("application", a.applicationId());
            out.put("person", a.person());
            out.put("handset", a.handset());
            out.put("records", a.records());
            return Reply.json(201, out);
        });
        route("POST", "/v1/push-tokens", Set.of(Role.APP), r -> {
            JsonObject j = json(r);
            PushTokenRegistration registration;
            try {
                registration = new PushTokenRegistration(longField(j, "person"), stringField(j, "handset"),
                        stringField(j, "token"), stringField(j, "nonce"), timeField(j));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("push token registration: " + e.getMessage());
            }
            r.jpki().registerPushToken(registration, base64Field(j, "signature"));
            return Reply.noContent();
        });
        route("POST", "/v1/app-keys", Set.of(Role.APP), r -> {
            r.jpki().bindAppKey(signedBody(r));
            return Reply.noContent();
        });
        route("POST", "/v1/deletions/{handset}/{type}/received", Set.of(Role.APP), r -> {
            CertType t = type(r.var("type"));
            r.jpki().deletionNoticeReceived(r.var("handset"), t, stringField(json(r), "receipt"));
            return Reply.noContent();
        });
        route("POST", "/v1/sp/sessions", Set.of(Role.APP), r -> {
            JsonObject j = json(r);
            SpSessionRequest request;
            try {
                request = new SpSessionRequest(longField(j, "application"), stringField(j, "nonce"), timeField(j));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("session request: " + e.getMessage());
            }
            RelaySessions sessions = spSessions();
            ApplicationResult accepted = r.jpki().openSpSession(request, base64Field(j, "signature"));
            return step(sessions.personalize(accepted));
        });
        route("POST", "/v1/sp/wipe-sessions", Set.of(Role.APP), r -> {
            JsonObject j = json(r);
            SpWipeRequest request;
            try {
                request = new SpWipeRequest(longField(j, "person"), stringField(j, "handset"), type(stringField(j, "type")),
                        stringField(j, "nonce"), timeField(j));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("wipe session request: " + e.getMessage());
            }
            RelaySessions sessions = spSessions();
            r.jpki().openSpWipeSession(request, base64Field(j, "signature"));
            return step(sessions.lockAndWipe(request.handset(), request.type()));
        });
        route("POST", "/v1/sp/sessions/{session}", Set.of(Role.APP), r -> {
            JsonObject j = json(r);
            JsonElement e = j.get("responses");
            if (e == null || !e.isJsonArray()) {
                throw ApiError.invalid("field responses must be an array of hexadecimal response APDUs");
            }
            List<byte[]> responses = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                try {
                    byte[] apdu = HexFormat.of().parseHex(x.getAsString());
                    if (apdu.length < 2) {
                        throw new IllegalArgumentException("shorter than a status word");
                    }
                    responses.add(apdu);
                } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException bad) {
                    throw ApiError.invalid("a response is not a hexadecimal response APDU: " + bad.getMessage());
                }
            }
            try {
                return step(spSessions().answer(r.var("session"), responses));
            } catch (IllegalArgumentException unknown) {
                throw new ApiError(404, "UNKNOWN", unknown.getMessage());
            } catch (IllegalStateException busy) {
                throw new ApiError(409, "WRONG_STATE", busy.getMessage());
            }
        });
        route("GET", "/v1/deletions/{handset}/{type}", Set.of(Role.APP, Role.CALL_CENTRE), r -> {
            DeletionRecord d = r.jpki().deletion(r.var("handset"), type(r.var("type")));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("state", d.state().name());
            out.put("attempts", d.attempts());
            out.put("warned", d.warned());
            out.put("lastResult", d.lastResult());
            return Reply.json(200, out);
        });
        route("POST", "/v1/phone-certificates/{person}/{handset}/{type}/{action}", Set.of(Role.APP, Role.CALL_CENTRE), r -> {
            long person = person(r.var("person"));
            String handset = r.var("handset");
            CertType t = type(r.var("type"));
            String action = r.var("action");
            Role needed = action.equals("revoke") ? Role.APP : Role.CALL_CENTRE;
            if (r.role() != needed) {
                throw new ApiError(403, "FORBIDDEN", action + " is for " + needed + ", not " + r.role());
            }
            switch (action) {
                case "revoke" -> r.jpki().revokeFromPhone(person, handset, t, signedBody(r));
                case "suspend" -> r.jpki().suspend(person, handset, t);
                case "release" -> r.jpki().release(person, handset, t);
                case "revoke-by-call-centre" -> r.jpki().revokeByCallCentre(person, handset, t);
                default -> throw new ApiError(404, "NOT_FOUND", "no action " + action
                        + " (revoke, suspend, release, revoke-by-call-centre)");
            }
            return Reply.noContent();
        });
        route("POST", "/v1/persons", Set.of(Role.MUNICIPALITY), r -> {
            long id = r.jpki().registerPerson(personField(json(r)));
            return Reply.json(201, Map.of("person", id));
        });
        route("POST", "/v1/card-certificates/{person}/{type}", Set.of(Role.MUNICIPALITY), r -> {
            long person = person(r.var("person"));
            CertType t = type(r.var("type"));
            PublicKey key = rsaKeyField(json(r), "publicKey");
            CardCertificate c = r.jpki().issueCard(person, t, key);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", c.id());
            out.put("serial", c.certificate().getSerialNumber().toString(16));
            out.put("notAfter", c.certificate().getNotAfter().toInstant().toString());
            out.put("certificate", base64(der(c.certificate())));
            out.put("caCertificate", base64(der(r.jpki().ca().caCertificate(Profile.of(Profile.Holder.CARD,
                    t == CertType.AUTH ? Profile.Usage.AUTHENTICATION : Profile.Usage.SIGNATURE)))));
            return Reply.json(201, out);
        });
        route("POST", "/v1/card-certificates/{person}/{type}/revoke", Set.of(Role.MUNICIPALITY), r -> {
            r.jpki().revokeCard(person(r.var("person")), type(r.var("type")));
            return Reply.noContent();
        });
        route("GET", "/v1/audit", Set.of(Role.CALL_CENTRE), r -> {
            Map<String, String> q = query(r.exchange().getRequestURI().getRawQuery());
            String subject = q.get("subject");
            String id = q.get("id");
            if (subject == null || id == null) {
                throw ApiError.invalid("audit needs ?subject=...&id=...");
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (AuditEntry e : r.jpki().audit(subject, id)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", e.at().toString());
                m.put("actor", e.actor().name());
                m.put("event", e.event());
                m.put("from", e.fromState());
                m.put("to", e.toState());
                if (e.detail() != null) {
                    m.put("detail", e.detail());
                }
                ClientCertificate c = e.clientCertificate();
                if (c != null) {
                    Map<String, String> cert = new LinkedHashMap<>();
                    cert.put("subject", c.subject());
                    cert.put("serial", c.serial());
                    cert.put("sha256", c.sha256());
                    m.put("certificate", cert);
                }
                out.add(m);
            }
            return Reply.json(200, out);
        });
        route("GET", "/v1/status/{serial}", anyone, r -> {
            BigInteger serial;
            try {
                serial = new BigInteger(r.var("serial"), 16);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("a serial number is hexadecimal: " + r.var("serial"));
            }
            X509Certificate c = jpki.phoneCertificateBySerial(serial).map(PhoneCertificate::certificate)
                    .orElseThrow(() -> new ApiError(404, "UNKNOWN", "no phone certificate with serial " + serial.toString(16)));
            CertStatus s = status.status(c);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("serial", serial.toString(16));
            out.put("status", s.kind().name());
            if (s.revokedAt() != null) {
                out.put("revokedAt", s.revokedAt().toString());
                out.put("reason", s.reason());
            }
            return Reply.json(200, out);
        });
        route("POST", "/v1/ocsp", anyone, r -> new Reply(200, "application/ocsp-response",
                status.ocsp(body(r, "application/ocsp-request"))));
    }

    private RelaySessions spSessions() {
        if (spSessions == null) {
            throw new ApiError(404, "NOT_FOUND", "no SP-TSM is served here");
        }
        return spSessions;
    }

    /**
     * An SP-TSM session's next step as JSON: {@code {"session", "commands": [{"apdu", "continueOn"}]}}
     * for a batch, {@code {"session", "done": true, "temporaryPins", "certificates"}} at the end
     * (200 both); a failed issuance is 422 SESSION_FAILED (or the service's refusal).
     */
    private static Reply step(RelaySessions.Step step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", step.session());
        if (step instanceof RelaySessions.Failed f) {
            if (f.refused() != null) {
                throw f.refused();
            }
            throw new ApiError(422, "SESSION_FAILED", f.message());
        }
        if (step instanceof RelaySessions.Batch b) {
            List<Map<String, Object>> commands = new ArrayList<>();
            for (BatchTransport.Command c : b.commands()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("apdu", HexFormat.of().formatHex(c.apdu()));
                List<String> sws = new ArrayList<>();
                for (int sw : c.continueOn()) {
                    sws.add(String.format("%04X", sw));
                }
                m.put("continueOn", sws);
                commands.add(m);
            }
            out.put("commands", commands);
        } else if (step instanceof RelaySessions.Done d && d.result() == null) {
            out.put("done", true);
        } else if (step instanceof RelaySessions.Done d) {
            out.put("done", true);
            Map<String, String> pins = new TreeMap<>();
            d.result().temporaryPins().forEach((t, pin) -> pins.put(t.name(), pin));
            out.put("temporaryPins", pins);
            Map<String, String> serials = new TreeMap<>();
            d.result().certificates().forEach((t, c) -> serials.put(t.name(),
                    c.certificate().getSerialNumber().toString(16)));
            out.put("certificates", serials);
        }
        return Reply.json(200, out);
    }

    // ------------------------------------------------------------------ dispatch

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = dispatch(ex);
        } catch (ApiError e) {
            reply = error(e.status, e.code, e.getMessage());
        } catch (Refused e) {
            ApiError a = ApiError.of(e);
            reply = error(a.status, a.code, a.getMessage());
        } catch (RuntimeException | IOException e) {
            long ref = incidents.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, "request " + ex.getRequestMethod() + " " + ex.getRequestURI() + " (incident " + ref
                    + ")", e);
            reply = error(500, "INTERNAL", "internal error, incident " + ref + " in the service's log");
        }
        try (ex) {
            if (reply.body() == null) {
                ex.sendResponseHeaders(reply.status(), -1);
            } else {
                ex.getResponseHeaders().set("Content-Type", reply.contentType());
                ex.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private Reply dispatch(HttpExchange ex) throws IOException {
        String[] path = ex.getRequestURI().getPath().substring(1).split("/");
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> vars = route.match(path);
            if (vars == null) {
                continue;
            }
            if (!route.method().equals(ex.getRequestMethod())) {
                allowed.add(route.method());
                continue;
            }
            Role role = null;
            JpkiService acting = jpki;
            if (!route.roles().isEmpty()) {
                X509Certificate who = clientCertificate(ex);
                if (who == null) {
                    throw new ApiError(401, "CLIENT_CERTIFICATE_REQUIRED", "this route needs a client certificate of "
                            + route.roles());
                }
                if (revokedCallers != null && revokedCallers.revoked(who)) {
                    throw new ApiError(403, "CALLER_REVOKED", "the operator revoked this client certificate (serial "
                            + who.getSerialNumber().toString(16) + ")");
                }
                String ou = organizationalUnit(who);
                role = parseRole(ou);
                if (role == null || !route.roles().contains(role)) {
                    throw new ApiError(403, "FORBIDDEN", "this route is for " + route.roles() + ", not " + ou);
                }
                // the audit names the certificate that acted, not only its role
                acting = jpki.actingFor(ClientCertificate.of(who));
            }
            return route.handler().handle(new Request(ex, vars, role, acting));
        }
        if (!allowed.isEmpty()) {
            ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new ApiError(405, "METHOD_NOT_ALLOWED", ex.getRequestMethod() + " is not served here; " + allowed);
        }
        throw new ApiError(404, "NOT_FOUND", "no route " + ex.getRequestURI().getPath());
    }

    /** The verified client certificate, or null without one. */
    private static X509Certificate clientCertificate(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return null;
        }
        try {
            return (X509Certificate) https.getSSLSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The OU of the certificate's subject (the role), or words for the refusal when it has none. */
    private static String organizationalUnit(X509Certificate c) {
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU")) {
                    return rdn.getValue().toString();
                }
            }
            return "no role";
        } catch (javax.naming.InvalidNameException e) {
            return "an unreadable subject";
        }
    }

    private static Role parseRole(String ou) {
        for (Role r : Role.values()) {
            if (r.name().equals(ou)) {
                return r;
            }
        }
        return null;
    }

    private static Reply error(int status, String code, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        return Reply.json(status, m);
    }

    // ------------------------------------------------------------------ input

    private static byte[] body(Request r, String contentType) throws IOException {
        String got = r.exchange().getRequestHeaders().getFirst("Content-Type");
        if (got == null || !got.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(contentType)) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be " + contentType + ", not " + got);
        }
        try (InputStream in = r.exchange().getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new ApiError(413, "TOO_LARGE", "a request body is at most " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    /** A CMS-signed request (application/pkcs7-mime); a missing or empty one is 400. */
    private static byte[] signedBody(Request r) throws IOException {
        if (r.exchange().getRequestHeaders().getFirst("Content-Type") == null) {
            throw ApiError.invalid("the body must be a signed request (application/pkcs7-mime)");
        }
        byte[] b = body(r, "application/pkcs7-mime");
        if (b.length == 0) {
            throw ApiError.invalid("the body must be a signed request (application/pkcs7-mime), not empty");
        }
        return b;
    }

    private static JsonObject json(Request r) throws IOException {
        byte[] b = body(r, "application/json");
        try {
            JsonElement e = JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw ApiError.invalid("the body must be a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            // the parser's own words, without its exception class names
            throw ApiError.invalid("malformed JSON: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    private static String stringField(JsonObject j, String name) {
        JsonElement e = j.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            throw ApiError.invalid("field " + name + " must be a non-empty string");
        }
        return e.getAsString();
    }

    private static Instant timeField(JsonObject j) {
        try {
            return Instant.parse(stringField(j, "time"));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("field time must be an ISO-8601 instant, not " + j.get("time"));
        }
    }

    private static byte[] base64Field(JsonObject j, String name) {
        try {
            return Base64.getDecoder().decode(stringField(j, name));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("field " + name + " must be base64");
        }
    }

    private static long longField(JsonObject j, String name) {
        JsonElement e = j.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw ApiError.invalid("field " + name + " must be a number");
        }
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException x) {
            throw ApiError.invalid("field " + name + " must be a whole number");
        }
    }

    /** The four basic information items (REQ PRE-1): name, address, date of birth (YYYY-MM-DD), gender (M, F, 0, 9). */
    private static Person personField(JsonObject j) {
        String name = stringField(j, "name");
        String address = stringField(j, "address");
        if (name.length() > 200 || address.length() > 1000) {
            throw ApiError.invalid("name is at most 200 characters, address at most 1000");
        }
        LocalDate born;
        try {
            born = LocalDate.parse(stringField(j, "dateOfBirth"));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("field dateOfBirth must be a date YYYY-MM-DD, not " + j.get("dateOfBirth"));
        }
        try {
            return new Person(name, address, born, stringField(j, "gender"));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }

    /** An RSA public key as base64 X.509 SubjectPublicKeyInfo (the card's key, read from the card). */
    private static PublicKey rsaKeyField(JsonObject j, String name) {
        byte[] spki = base64Field(j, name);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw ApiError.invalid("field " + name + " must be an RSA SubjectPublicKeyInfo (base64 DER)");
        }
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertType type(String s) {
        try {
            return CertType.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("the certificate type is AUTH or SIGN, not " + s);
        }
    }

    private static long person(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("a person is a number, not " + s);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
