package dev.inkan.tsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code inkan jpki}: the service comes up on HTTPS with the credentials it wrote, which a client can use as they are. */
public class JpkiCommandTest {
    @Test
    void theServiceAnswersWithTheCredentialsItWrote(@TempDir Path dir) throws Exception {
        try (Serving serving = Serving.start("--port", "0", "--credentials", dir.toString())) {
            URI uri = serving.uri();
            // the files as curl would take them: the CA in PEM, the app's key and certificate in PKCS#12
            assertTrue(Files.exists(dir.resolve("call-centre.p12")) && Files.exists(dir.resolve("municipality.p12")));
            HttpClient client = client(dir.resolve("operator-ca.pem"), dir.resolve("app.p12"));
            HttpResponse<String> status = client.send(HttpRequest.newBuilder(uri.resolve("v1/status/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, status.statusCode());
            assertTrue(status.body().contains("\"error\":\"UNKNOWN\""), status.body());
            HttpResponse<String> token = client.send(HttpRequest.newBuilder(uri.resolve("v1/push-tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, token.statusCode(), "authenticated as the app, refused for the missing fields: " + token.body());
        }
    }

    /** An HTTPS client that trusts the CA in {@code pem} and presents the key and certificate in {@code p12}. */
    public static HttpClient client(Path pem, Path p12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            own.load(in, JpkiCommand.PKCS12_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own, JpkiCommand.PKCS12_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    /**
     * A restart on the same database keeps the operator CA: the callers' credentials written by the
     * first run (and a certificate enrolled from the kept CA with {@code jpki enrol}) still connect.
     */
    @Test
    void aRestartKeepsTheOperatorCaSoEnrolledCallersStillConnect(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        String first = runOnce("--port", "0", "--db", db.toString(), "--credentials", dir.resolve("c1").toString());
        assertTrue(first.contains("new operator CA stored in"), first);
        StringWriter enrolled = new StringWriter();
        CommandLine enrol = new CommandLine(new JpkiCommand());
        enrol.setOut(new PrintWriter(enrolled, true));
        assertEquals(0, enrol.execute("enrol", "--operator-ca", db.resolve("operator-ca.p12").toString(), "--role",
                "call-centre", "--name", "operator 9", "--out", dir.resolve("operator9.p12").toString()), enrolled.toString());
        assertTrue(enrolled.toString().contains("a call-centre certificate for operator 9"), enrolled.toString());

        try (Serving second = Serving.start("--port", "0", "--db", db.toString(), "--credentials",
                dir.resolve("c2").toString())) {
            assertTrue(second.out().toString().contains("operator CA from"), second.out().toString());
            URI uri = second.uri();
            // the first run's app credentials and CA certificate, against the restarted server
            HttpResponse<String> status = client(dir.resolve("c1/operator-ca.pem"), dir.resolve("c1/app.p12")).send(
                    HttpRequest.newBuilder(uri.resolve("v1/status/1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, status.statusCode(), status.body());
            // the enrolled call-centre operator reads the audit (a role the app does not have)
            HttpResponse<String> audit = client(dir.resolve("c1/operator-ca.pem"), dir.resolve("operator9.p12")).send(
                    HttpRequest.newBuilder(uri.resolve("v1/audit?subject=PhoneCert&id=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());
            assertEquals("[]", audit.body());
        }
    }

    @Test
    void enrolRefusesWhatItCannotIssueWithAClearError(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("operator-ca.p12");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JpkiCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x", "--out",
                dir.resolve("x.p12").toString()));
        assertTrue(err.toString().contains("no operator CA key store at"), err.toString());
        dev.inkan.tsm.http.OperatorCa.generate(new java.security.SecureRandom()).store(ca, "inkan".toCharArray());
        assertEquals(2, cli.execute("enrol", "--operator-ca", ca.toString(), "--role", "root", "--name", "x", "--out",
                dir.resolve("x.p12").toString()));
        assertTrue(err.toString().contains("--role must be app, call-centre or municipality, not root"), err.toString());
        Files.write(ca, new byte[] {1, 2, 3});
        assertEquals(1, cli.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x", "--out",
                dir.resolve("x.p12").toString()));
        assertTrue(err.toString().contains("jpki enrol: error: reading the operator CA key store"), err.toString());
        assertTrue(!err.toString().contains("\tat ") && !Files.exists(dir.resolve("x.p12")), err.toString());
    }

    /**
     * {@code jpki enrol --csr}: the operator certifies the key of the caller's own PKCS#10 request
     * (its private key never leaves the caller); the subject is the operator's (role, name), not
     * what the request asked for, and the caller connects with its own key. Requests without proof
     * of possession, with weak keys or unreadable, and an existing output, are one-line errors that
     * write nothing.
     */
    @Test
    void enrolCertifiesTheKeyOfTheCallersOwnRequest(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        try (Serving serving = Serving.start("--port", "0", "--db", db.toString(), "--credentials",
                dir.resolve("c").toString())) {
            Path ca = db.resolve("operator-ca.p12");
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.KeyPair own = g.generateKeyPair();
            // the request asks for the municipality's role: the operator decides, not the request
            Path csr = dir.resolve("op7.csr");
            Files.writeString(csr, pem(request(own, "SHA256withECDSA", "O=x,OU=MUNICIPALITY,CN=mayor")));

            StringWriter err = new StringWriter();
            StringWriter said = new StringWriter();
            CommandLine enrol = new CommandLine(new JpkiCommand());
            enrol.setOut(new PrintWriter(said, true));
            enrol.setErr(new PrintWriter(err, true));
            Path chain = dir.resolve("op7.pem");
            assertEquals(0, enrol.execute("enrol", "--operator-ca", ca.toString(), "--role", "call-centre", "--name",
                    "operator 7", "--csr", csr.toString(), "--out", chain.toString()), err.toString());
            assertTrue(said.toString().contains("the key stays with the caller"), said.toString());
            java.util.List<X509Certificate> certs = new java.util.ArrayList<>();
            try (InputStream in = Files.newInputStream(chain)) {
                for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certs.add((X509Certificate) c);
                }
            }
            assertEquals(2, certs.size());
            assertEquals(own.getPublic(), certs.get(0).getPublicKey());
            assertEquals("CN=operator 7,OU=CALL_CENTRE,O=Inkan reference", certs.get(0).getSubjectX500Principal().getName());
            certs.get(0).verify(certs.get(1).getPublicKey());

            // the caller connects with its own key: the audit is the call centre's
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("own", own.getPrivate(), JpkiCommand.PKCS12_PASSWORD.toCharArray(),
                    certs.toArray(new X509Certificate[0]));
            Path p12 = dir.resolve("op7.p12");
            try (var o = Files.newOutputStream(p12)) {
                ks.store(o, JpkiCommand.PKCS12_PASSWORD.toCharArray());
            }
            HttpResponse<String> audit = client(dir.resolve("c/operator-ca.pem"), p12).send(
                    HttpRequest.newBuilder(serving.uri().resolve("v1/audit?subject=PhoneCert&id=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());

            // no proof of possession: the request signed by another key
            java.security.KeyPair other = g.generateKeyPair();
            Path forged = dir.resolve("forged.csr");
            Files.write(forged, forge(own, other));
            assertEquals(1, enrol.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x",
                    "--csr", forged.toString(), "--out", dir.resolve("x.pem").toString()));
            assertTrue(err.toString().contains("jpki enrol: error: the request's signature does not verify"), err.toString());
            // a weak key
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            java.security.KeyPair weak = rsa.generateKeyPair();
            Path weakCsr = dir.resolve("weak.csr");
            Files.write(weakCsr, request(weak, "SHA256withRSA", "CN=weak").getEncoded());
            assertEquals(1, enrol.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x",
                    "--csr", weakCsr.toString(), "--out", dir.resolve("x.pem").toString()));
            assertTrue(err.toString().contains("the request's RSA key has 1024 bits; 2048 or more are needed"), err.toString());
            // not a request at all
            Path junk = dir.resolve("junk.csr");
            Files.writeString(junk, "hello");
            assertEquals(1, enrol.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x",
                    "--csr", junk.toString(), "--out", dir.resolve("x.pem").toString()));
            assertTrue(err.toString().contains(junk + " is not a PKCS#10 certificate request"), err.toString());
            // never over existing credentials
            assertEquals(2, enrol.execute("enrol", "--operator-ca", ca.toString(), "--role", "app", "--name", "x",
                    "--csr", csr.toString(), "--out", chain.toString()));
            assertTrue(err.toString().contains("exists; enrol never overwrites credentials"), err.toString());
            assertTrue(!Files.exists(dir.resolve("x.pem")) && !err.toString().contains("\tat "), err.toString());
            assertEquals(certs.get(0), CertificateFactory.getInstance("X.509").generateCertificate(
                    Files.newInputStream(chain)), "untouched");
        }
    }

    /**
     * {@code jpki revoke-caller}: the operator CA signs a list of revoked callers beside its key
     * store; the running service refuses the revoked certificate from its next request on (403
     * CALLER_REVOKED, JSON) and serves the others; a restart keeps the list. A list that is not the
     * CA's is never taken (the service keeps the one it had and warns); revoking twice, the CA
     * itself or a stranger's certificate are one-line errors.
     */
    @Test
    void aRevokedCallerIsRefusedAtItsNextRequest(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        Path ca = db.resolve("operator-ca.p12");
        Path crl = db.resolve("operator-ca.crl");
        try (Serving serving = Serving.start("--port", "0", "--db", db.toString(), "--credentials",
                dir.resolve("c").toString())) {
            URI audit = serving.uri().resolve("v1/audit?subject=PhoneCert&id=1");
            CommandLine admin = new CommandLine(new JpkiCommand());
            StringWriter said = new StringWriter();
            StringWriter err = new StringWriter();
            admin.setOut(new PrintWriter(said, true));
            admin.setErr(new PrintWriter(err, true));
            assertEquals(0, admin.execute("enrol", "--operator-ca", ca.toString(), "--role", "call-centre", "--name",
                    "operator 9", "--out", dir.resolve("op9.p12").toString()), err.toString());
            HttpClient op9 = client(dir.resolve("c/operator-ca.pem"), dir.resolve("op9.p12"));
            HttpClient desk = client(dir.resolve("c/operator-ca.pem"), dir.resolve("c/call-centre.p12"));
            assertEquals(200, op9.send(HttpRequest.newBuilder(audit).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());

            assertEquals(0, admin.execute("revoke-caller", "--operator-ca", ca.toString(), "--cert",
                    dir.resolve("op9.p12").toString()), err.toString());
            assertTrue(said.toString().contains("revoked serial ") && Files.exists(crl), said.toString());
            // a new connection or the same one: refused from the next request on, with a JSON error
            HttpResponse<String> refused = op9.send(HttpRequest.newBuilder(audit).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"error\":\"CALLER_REVOKED\""), refused.body());
            assertEquals(200, desk.send(HttpRequest.newBuilder(audit).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "the other callers are served");

            // twice, the CA itself, a certificate of another CA: errors, the list unchanged
            byte[] list = Files.readAllBytes(crl);
            assertEquals(1, admin.execute("revoke-caller", "--operator-ca", ca.toString(), "--cert",
                    dir.resolve("op9.p12").toString()));
            assertTrue(err.toString().contains("is revoked already"), err.toString());
            assertEquals(1, admin.execute("revoke-caller", "--operator-ca", ca.toString(), "--cert",
                    dir.resolve("c/operator-ca.pem").toString()));
            assertTrue(err.toString().contains("is the operator CA's own certificate"), err.toString());
            Path strangerCa = dir.resolve("stranger.p12");
            dev.inkan.tsm.http.OperatorCa stranger = dev.inkan.tsm.http.OperatorCa.generate(new java.security.SecureRandom());
            Files.write(dir.resolve("stranger-app.p12"), stranger.clientPkcs12(dev.inkan.tsm.http.Role.APP, "s",
                    JpkiCommand.PKCS12_PASSWORD.toCharArray()));
            assertEquals(1, admin.execute("revoke-caller", "--operator-ca", ca.toString(), "--cert",
                    dir.resolve("stranger-app.p12").toString()));
            assertTrue(err.toString().contains("was not issued by this operator CA"), err.toString());
            assertEquals(2, admin.execute("revoke-caller", "--operator-ca", ca.toString()));
            assertTrue(java.util.Arrays.equals(list, Files.readAllBytes(crl)), "unchanged");
            assertTrue(!err.toString().contains("\tat "), err.toString());

            // a list signed by another CA put in its place: not taken, the previous one stays
            stranger.store(strangerCa, "inkan".toCharArray());
            Path forged = dir.resolve("forged.crl");
            CommandLine other = new CommandLine(new JpkiCommand());
            other.setOut(new PrintWriter(new StringWriter(), true));
            assertEquals(0, other.execute("revoke-caller", "--operator-ca", strangerCa.toString(), "--serial", "7",
                    "--crl", forged.toString()));
            Files.copy(forged, crl, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(403, op9.send(HttpRequest.newBuilder(audit).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "still revoked");
            assertTrue(serving.err().toString().contains("is not signed by the operator CA"), serving.err().toString());
            assertEquals(1, admin.execute("revoke-caller", "--operator-ca", ca.toString(), "--serial", "8"));
            assertTrue(err.toString().contains("is not signed by the operator CA"), err.toString());
            Files.write(crl, list);
        }
        // a restart keeps the list
        try (Serving again = Serving.start("--port", "0", "--db", db.toString(), "--credentials",
                dir.resolve("c2").toString())) {
            assertTrue(again.out().toString().contains("revoked callers from " + crl.toAbsolutePath() + " (1)"),
                    again.out().toString());
            assertEquals(403, client(dir.resolve("c2/operator-ca.pem"), dir.resolve("op9.p12")).send(
                    HttpRequest.newBuilder(again.uri().resolve("v1/audit?subject=PhoneCert&id=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        // a list that is not the CA's stops the start (serving without it would unrevoke op9)
        Files.copy(dir.resolve("forged.crl"), crl, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringWriter refused = new StringWriter();
        CommandLine start = new CommandLine(new JpkiCommand());
        start.setOut(new PrintWriter(new StringWriter(), true));
        start.setErr(new PrintWriter(refused, true));
        assertEquals(1, start.execute("--port", "0", "--db", db.toString(), "--credentials", dir.resolve("c3").toString()));
        assertTrue(refused.toString().contains("jpki: error: the callers' revocation list: ")
                && refused.toString().contains("is not signed by the operator CA"), refused.toString());
    }

    private static org.bouncycastle.pkcs.PKCS10CertificationRequest request(java.security.KeyPair key, String alg,
                                                                            String subject) throws Exception {
        return new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name(subject), key.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(alg).build(key.getPrivate()));
    }

    /** A request carrying {@code claimed}'s public key but signed by {@code signer}. */
    private static byte[] forge(java.security.KeyPair claimed, java.security.KeyPair signer) throws Exception {
        var info = new org.bouncycastle.asn1.pkcs.CertificationRequestInfo(new org.bouncycastle.asn1.x500.X500Name("CN=x"),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(claimed.getPublic().getEncoded()),
                new org.bouncycastle.asn1.DERSet());
        var signerOp = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .build(signer.getPrivate());
        try (var o = signerOp.getOutputStream()) {
            o.write(info.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER));
        }
        return new org.bouncycastle.asn1.pkcs.CertificationRequest(info, signerOp.getAlgorithmIdentifier(),
                new org.bouncycastle.asn1.DERBitString(signerOp.getSignature())).getEncoded();
    }

    private static String pem(org.bouncycastle.pkcs.PKCS10CertificationRequest r) throws Exception {
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(r.getEncoded()) + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    /** Runs the command until it is up, then stops it; returns what it printed. */
    static String runOnce(String... args) throws Exception {
        try (Serving s = Serving.start(args)) {
            return s.out().toString();
        }
    }

    /** {@code inkan jpki} serving in a thread of its own until closed: what it printed, and where it listens. */
    record Serving(StringWriter out, StringWriter err, Thread thread, URI uri) implements AutoCloseable {
        static Serving start(String... args) throws Exception {
            JpkiCommand command = new JpkiCommand();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(command);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            Thread t = new Thread(() -> cli.execute(args));
            t.setDaemon(true);
            t.start();
            boolean up = command.started.await(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("on (https://localhost:\\d+/)").matcher(out.toString());
            if (!up || !m.find()) {
                t.interrupt();
                throw new AssertionError("not started: " + out + err);
            }
            return new Serving(out, err, t, URI.create(m.group(1)));
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    @Test
    void aRestartOnTheSameDatabaseKeepsItsCaAndSpKeys(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        String first = runOnce("--port", "0", "--db", db.toString(), "--credentials", dir.resolve("c1").toString());
        assertTrue(first.contains("new CA keys stored in"), first);
        assertTrue(first.contains("new SP-TSM master keys stored in"), first);
        byte[] stored = Files.readAllBytes(db.resolve("ca.p12"));
        byte[] spKeys = Files.readAllBytes(db.resolve("sp-keys.p12"));
        String second = runOnce("--port", "0", "--db", db.toString(), "--credentials", dir.resolve("c2").toString());
        assertTrue(second.contains("CA keys from"), second);
        assertTrue(second.contains("SP-TSM master keys from"), second);
        assertTrue(java.util.Arrays.equals(stored, Files.readAllBytes(db.resolve("ca.p12"))), "loaded, not replaced");
        assertTrue(java.util.Arrays.equals(spKeys, Files.readAllBytes(db.resolve("sp-keys.p12"))), "loaded, not replaced");
    }

    /** SP-TSM key stores that cannot be used are one-line errors, and nothing is served. */
    @Test
    void unusableSpKeysAreAClearError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.p12");
        Files.write(bad, new byte[] {1, 2, 3});
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JpkiCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("--port", "0", "--sp-keys", bad.toString(), "--credentials",
                dir.resolve("c").toString()));
        assertTrue(err.toString().contains("jpki: error: reading the SP-TSM key store"), err.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
        // a PKCS#12 store with something else in it (the operator CA's) is not an SP-TSM key store
        Path other = dir.resolve("other.p12");
        dev.inkan.tsm.http.OperatorCa.generate(new java.security.SecureRandom()).store(other, "inkan".toCharArray());
        assertEquals(1, cli.execute("--port", "0", "--sp-keys", other.toString(), "--credentials",
                dir.resolve("c").toString()));
        assertTrue(err.toString().contains("not only kvnNN-enc, kvnNN-mac and kvnNN-dek"), err.toString());
        assertEquals(2, cli.execute("sp-keys", "--out", dir.resolve("k.p12").toString(), "--kvn", "FF"));
        assertTrue(err.toString().contains("--kvn must be 01 to 7F"), err.toString());
        assertEquals(2, cli.execute("sp-keys", "--out", dir.resolve("k.p12").toString(), "--enc", "00"));
        assertTrue(err.toString().contains("give --enc, --mac and --dek together, or none"), err.toString());
        assertEquals(2, cli.execute("sp-keys", "--out", dir.resolve("k.p12").toString(), "--enc", "00", "--mac", "00",
                "--dek", "00"));
        assertTrue(err.toString().contains("keys: SCP03 keys here are AES-128 or AES-256"), err.toString());
        assertTrue(!Files.exists(dir.resolve("k.p12")));
    }

    @Test
    void theSchedulersRoundPushesPendingDeletionsAgain() {
        try (dev.inkan.tsm.jpki.Fixture f = new dev.inkan.tsm.jpki.Fixture()) {
            long p = f.personWithCard("Scheduled Round");
            f.apply(p, "round-phone", dev.inkan.generated.scripts.CertType.AUTH);
            f.issue(p, "round-phone", dev.inkan.generated.scripts.CertType.AUTH);
            f.jpki.revoke(p, "round-phone", dev.inkan.generated.scripts.CertType.AUTH);
            int before = f.jpki.deletion("round-phone", dev.inkan.generated.scripts.CertType.AUTH).attempts();
            StringWriter out = new StringWriter();
            JpkiCommand.retry(f.jpki, new PrintWriter(out, true));
            assertTrue(out.toString().contains("pushed 1 pending deletion notice(s) again"), out.toString());
            assertEquals(before + 1, f.jpki.deletion("round-phone", dev.inkan.generated.scripts.CertType.AUTH).attempts());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JpkiCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("--port", "70000"));
        assertTrue(err.toString().contains("--port must be 0 to 65535"), err.toString());
    }
}
