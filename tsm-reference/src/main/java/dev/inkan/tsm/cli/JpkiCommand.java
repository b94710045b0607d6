package dev.inkan.tsm.cli;

import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.http.CallerRevocations;
import dev.inkan.tsm.http.JpkiHttpApi;
import dev.inkan.tsm.http.OperatorCa;
import dev.inkan.tsm.http.Role;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.StrictClock;
import dev.inkan.tsm.push.SimulatedPushGateway;
import dev.inkan.tsm.sp.RelaySessions;
import dev.inkan.tsm.sp.SpKeyStore;
import dev.inkan.tsm.sp.SpTsm;
import dev.inkan.tsm.status.StatusService;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inkan jpki}: the JPKI service behind its HTTPS API on localhost until interrupted. It
 * writes the operator CA's certificate and a client certificate per role (PKCS#12) so curl or any
 * HTTP client can call it. With a database directory (or {@code --operator-ca}) the operator CA is
 * kept, so a restarted service still trusts the callers it enrolled; {@code inkan jpki enrol}
 * issues a caller's credentials from the kept CA. It serves the SP-TSM's relayed sessions with the
 * master keys of {@code --sp-keys} ({@code inkan jpki sp-keys} writes them).
 */
@Command(name = "jpki", mixinStandardHelpOptions = true, subcommands = {JpkiCommand.Enrol.class, JpkiCommand.RevokeCaller.class,
        JpkiCommand.SpKeys.class},
        description = "Run the JPKI service's HTTPS API (TLS 1.3, client certificates per role) on localhost.")
public final class JpkiCommand implements Callable<Integer> {
    /** The password of the PKCS#12 files written (they are demonstration credentials). */
    public static final String PKCS12_PASSWORD = "inkan";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free one)")
    int port = 8443;

    @Option(names = "--db", paramLabel = "DIR", description = "H2 file database in DIR (default: in memory, gone on exit)")
    Path db;

    @Option(names = "--jdbc", paramLabel = "URL", description = "a PostgreSQL database instead (jdbc:postgresql://...)")
    String jdbc;

    @Option(names = "--user", description = "database user (with --jdbc)")
    String user;

    @Option(names = "--password", description = "database password (with --jdbc)")
    String password;

    @Option(names = "--ca", paramLabel = "FILE", description = "the CA's key store (PKCS#12), made when absent (default: DIR/ca.p12 with --db, else in memory); password from INKAN_CA_PASSWORD, default 'inkan'")
    Path caFile;

    @Option(names = "--operator-ca", paramLabel = "FILE", description = "the operator CA's key store (PKCS#12) that issues the TLS certificates, made when absent (default: DIR/operator-ca.p12 with --db, else in memory); password from INKAN_OPERATOR_CA_PASSWORD, default 'inkan'")
    Path operatorFile;

    @Option(names = "--caller-crl", paramLabel = "FILE", description = "the operator CA's list of revoked callers (see 'jpki revoke-caller'), read again whenever it changes (default: operator-ca.crl beside the operator CA's key store when it is kept in a file)")
    Path callerCrlFile;

    @Option(names = "--sp-keys", paramLabel = "FILE", description = "the SP-TSM's SCP03 master keys (PKCS#12, see 'jpki sp-keys'), made when absent (default: DIR/sp-keys.p12 with --db, else in memory); password from INKAN_SP_KEYS_PASSWORD, default 'inkan'")
    Path spKeysFile;

    @Option(names = "--sp-patience", paramLabel = "SECONDS", description = "how long an SP-TSM session waits for the app's next post (default: ${DEFAULT-VALUE})")
    int spPatience = 60;

    @Option(names = "--retry-every", paramLabel = "SECONDS", description = "push the pending remote deletions again this often (default: ${DEFAULT-VALUE}; 0: never)")
    int retrySeconds = 60;

    @Option(names = "--credentials", paramLabel = "DIR", description = "where to write operator-ca.pem and <role>.p12 (default: ${DEFAULT-VALUE})")
    Path credentials = Path.of("jpki-credentials");

    /** Counted down when the server is up (tests wait on it). */
    final CountDownLatch started = new CountDownLatch(1);

    /** Waits until the server is up; false after {@code seconds}. */
    public boolean awaitStarted(long seconds) throws InterruptedException {
        return started.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One round of the deletion scheduler; a failure is reported and the next round comes anyway. */
    static void retry(JpkiService jpki, PrintWriter out) {
        try {
            int n = jpki.retryPendingDeletions(java.time.Duration.ofMinutes(10)).size();
            if (n > 0) {
                out.println("pushed " + n + " pending deletion notice(s) again");
                out.flush();
            }
        } catch (RuntimeException e) {
            out.println("deletion round failed: " + e.getMessage());
            out.flush();
        }
    }

    /** The CA: from its key store when there is one, else new (and stored when a file is named). */
    private JpkiCa ca(SecureRandom random, java.time.Clock clock, PrintWriter out) throws java.io.IOException {
        Path file = caFile != null ? caFile : db != null ? db.resolve("ca.p12") : null;
        char[] pw = System.getenv().getOrDefault("INKAN_CA_PASSWORD", "inkan").toCharArray();
        if (file != null && Files.exists(file)) {
            out.println("CA keys from " + file);
            return JpkiCa.load(file, pw, random, clock);
        }
        JpkiCa ca = JpkiCa.generate(random, clock);
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ca.store(file, pw);
            out.println("new CA keys stored in " + file);
        }
        return ca;
    }

    static char[] operatorPassword() {
        return System.getenv().getOrDefault("INKAN_OPERATOR_CA_PASSWORD", "inkan").toCharArray();
    }

    /** Where the operator CA's key store is kept, or null when it lives in memory only. */
    private Path operatorStore() {
        return operatorFile != null ? operatorFile : db != null ? db.resolve("operator-ca.p12") : null;
    }

    /** The list of revoked callers beside the operator CA's key store {@code store}. */
    static Path callerCrlBeside(Path store) {
        return store.toAbsolutePath().resolveSibling("operator-ca.crl");
    }

    /** The operator CA: from its key store when there is one, else new (and stored when a file is named). */
    private OperatorCa operator(SecureRandom random, PrintWriter out) throws java.io.IOException {
        Path file = operatorStore();
        if (file != null && Files.exists(file)) {
            out.println("operator CA from " + file);
            return OperatorCa.load(file, operatorPassword(), random);
        }
        OperatorCa operator = OperatorCa.generate(random);
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            operator.store(file, operatorPassword());
            out.println("new operator CA stored in " + file);
        }
        return operator;
    }

    static char[] spKeysPassword() {
        return System.getenv().getOrDefault("INKAN_SP_KEYS_PASSWORD", "inkan").toCharArray();
    }

    /** The SP-TSM's master keys: from their key store when there is one, else new (and stored when a file is named). */
    private DiversifiedKeys spKeys(SecureRandom random, PrintWriter out) throws java.io.IOException {
        Path file = spKeysFile != null ? spKeysFile : db != null ? db.resolve("sp-keys.p12") : null;
        if (file != null && Files.exists(file)) {
            DiversifiedKeys keys = SpKeyStore.load(file, spKeysPassword());
            out.println("SP-TSM master keys from " + file + " (" + keys.master() + ")");
            return keys;
        }
        DiversifiedKeys keys = SpKeyStore.generate(0x30, random);
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SpKeyStore.store(keys, file, spKeysPassword());
            out.println("new SP-TSM master keys stored in " + file);
        }
        return keys;
    }

    /**
     * {@code inkan jpki revoke-caller}: adds a caller's client certificate to the operator CA's
     * list of revoked callers (an X.509 CRL it signs); a running service refuses the certificate
     * from its next request on (403 CALLER_REVOKED).
     */
    @Command(name = "revoke-caller", mixinStandardHelpOptions = true,
            description = "Revoke a caller's TLS client certificate: the operator CA signs a new list of revoked callers,"
                    + " which the running service reads at the caller's next request.")
    static final class RevokeCaller implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--operator-ca", paramLabel = "FILE", required = true,
                description = "the operator CA's key store (e.g. DIR/operator-ca.p12 of a service run with --db DIR)")
        Path operatorFile;

        @Option(names = "--cert", paramLabel = "FILE", description = "the caller's certificate: PEM or DER, or the PKCS#12"
                + " file 'jpki enrol' wrote (password " + PKCS12_PASSWORD + ")")
        Path certFile;

        @Option(names = "--serial", paramLabel = "HEX", description = "the certificate's serial number instead (hex, as"
                + " the audit and 'openssl x509 -serial' show it)")
        String serial;

        @Option(names = "--crl", paramLabel = "FILE", description = "the list to update (default: operator-ca.crl beside"
                + " the key store)")
        Path crlFile;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            if ((certFile == null) == (serial == null)) {
                throw new CommandLine.ParameterException(cl, "name the certificate with --cert or --serial (one of them)");
            }
            if (!Files.exists(operatorFile)) {
                throw new CommandLine.ParameterException(cl, "no operator CA key store at " + operatorFile);
            }
            java.math.BigInteger number;
            if (serial != null) {
                try {
                    number = new java.math.BigInteger(serial.replace(":", ""), 16);
                } catch (NumberFormatException e) {
                    throw new CommandLine.ParameterException(cl, "--serial must be hex, not " + serial);
                }
                if (number.signum() <= 0) {
                    throw new CommandLine.ParameterException(cl, "--serial must be positive (RFC 5280)");
                }
            } else if (!Files.isRegularFile(certFile)) {
                throw new CommandLine.ParameterException(cl, "no certificate at " + certFile);
            } else {
                number = null;
            }
            Path crl = crlFile != null ? crlFile : callerCrlBeside(operatorFile);
            try {
                OperatorCa operator = OperatorCa.load(operatorFile, operatorPassword(), new SecureRandom());
                if (number == null) {
                    java.security.cert.X509Certificate c = readCertificate(certFile);
                    try {
                        c.verify(operator.certificate().getPublicKey());
                    } catch (java.security.GeneralSecurityException e) {
                        throw new java.io.IOException(certFile + " was not issued by this operator CA");
                    }
                    if (c.getBasicConstraints() >= 0) {
                        throw new java.io.IOException(certFile + " is the operator CA's own certificate, not a caller's");
                    }
                    number = c.getSerialNumber();
                }
                if (!CallerRevocations.revoke(crl, operator, number, java.time.Instant.now())) {
                    cl.getErr().println("jpki revoke-caller: error: serial " + number.toString(16) + " is revoked already"
                            + " (" + crl + ")");
                    return 1;
                }
            } catch (java.io.IOException e) {
                cl.getErr().println("jpki revoke-caller: error: " + e.getMessage());
                return 1;
            }
            cl.getOut().println("revoked serial " + number.toString(16) + " in " + crl
                    + "; a running service refuses it from the next request on");
            return 0;
        }

        /** A certificate in PEM or DER, or the first one of a PKCS#12 file with the demonstration password. */
        private static java.security.cert.X509Certificate readCertificate(Path file) throws java.io.IOException {
            try (java.io.InputStream in = Files.newInputStream(file)) {
                return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
            } catch (java.security.cert.CertificateException | RuntimeException e) {
                // not PEM or DER: perhaps the PKCS#12 credentials enrol wrote
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(in, PKCS12_PASSWORD.toCharArray());
                for (String alias : java.util.Collections.list(ks.aliases())) {
                    if (ks.getCertificate(alias) instanceof java.security.cert.X509Certificate c) {
                        return c;
                    }
                }
            } catch (java.security.GeneralSecurityException | java.io.IOException | RuntimeException e) {
                // neither
            }
            throw new java.io.IOException(file + " holds no certificate (PEM, DER, or PKCS#12 with password "
                    + PKCS12_PASSWORD + ")");
        }
    }

    /** {@code inkan jpki sp-keys}: a key store with the SP-TSM's master keys, random or given. */
    @Command(name = "sp-keys", mixinStandardHelpOptions = true,
            description = "Write the SP-TSM's SCP03 master keys (PKCS#12) for 'jpki --sp-keys': random, or the keys given.")
    static final class SpKeys implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key store to write (not overwritten; password from INKAN_SP_KEYS_PASSWORD, default 'inkan')")
        Path outFile;

        @Option(names = "--kvn", paramLabel = "HEX", description = "key version number (default: ${DEFAULT-VALUE})")
        String kvn = "30";

        @Option(names = "--enc", paramLabel = "HEX", description = "the master ENC key (16 or 32 bytes); with --mac and --dek, else all three random")
        String enc;

        @Option(names = "--mac", paramLabel = "HEX", description = "the master MAC key")
        String mac;

        @Option(names = "--dek", paramLabel = "HEX", description = "the master DEK")
        String dek;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            int version;
            try {
                version = Integer.parseInt(kvn, 16);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cl, "--kvn must be a hex byte, not " + kvn);
            }
            if (version < 1 || version > 0x7F) {
                throw new CommandLine.ParameterException(cl, "--kvn must be 01 to 7F (GP key version numbers), not " + kvn);
            }
            int given = (enc != null ? 1 : 0) + (mac != null ? 1 : 0) + (dek != null ? 1 : 0);
            if (given != 0 && given != 3) {
                throw new CommandLine.ParameterException(cl, "give --enc, --mac and --dek together, or none");
            }
            if (Files.exists(outFile)) {
                throw new CommandLine.ParameterException(cl, outFile + " exists: keys are never overwritten");
            }
            DiversifiedKeys keys;
            if (given == 0) {
                keys = SpKeyStore.generate(version, new SecureRandom());
            } else {
                try {
                    keys = new DiversifiedKeys(StaticKeys.of(version, enc, mac, dek));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, "keys: " + e.getMessage());
                }
            }
            try {
                SpKeyStore.store(keys, outFile, spKeysPassword());
            } catch (java.io.IOException e) {
                cl.getErr().println("jpki sp-keys: error: " + e.getMessage());
                return 1;
            }
            cl.getOut().println("SP-TSM master keys in " + outFile + ": " + keys.master());
            return 0;
        }
    }

    /**
     * {@code inkan jpki enrol}: a caller's client certificate from the kept operator CA, with a
     * key made here (PKCS#12) or, with {@code --csr}, for the key of the caller's own PKCS#10
     * request (PEM: the certificate and the CA's), so that key never leaves the caller.
     */
    @Command(name = "enrol", mixinStandardHelpOptions = true,
            description = "Issue a caller's TLS client certificate from the operator CA's key store: with a new key"
                    + " (PKCS#12), or for the key of a PKCS#10 request (--csr; PEM certificate chain).")
    static final class Enrol implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--operator-ca", paramLabel = "FILE", required = true,
                description = "the operator CA's key store (e.g. DIR/operator-ca.p12 of a service run with --db DIR)")
        Path operatorFile;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "app, call-centre or municipality")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "who the caller is (the certificate's CN)")
        String name;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write, never"
                + " overwritten: PKCS#12 (password " + PKCS12_PASSWORD + "), or with --csr the PEM chain")
        Path outFile;

        @Option(names = "--csr", paramLabel = "FILE", description = "the caller's PKCS#10 request (PEM or DER; EC P-256 or"
                + " RSA >= 2048, self-signed): certify its key; its subject is ignored (--role and --name name the caller)")
        Path csrFile;

        @Override
        public Integer call() throws Exception {
            Role r;
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--role must be app, call-centre or"
                        + " municipality, not " + role);
            }
            if (name.isBlank() || name.length() > 64) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--name must be 1 to 64 characters");
            }
            if (!Files.exists(operatorFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no operator CA key store at " + operatorFile);
            }
            if (Files.exists(outFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), outFile + " exists; enrol never overwrites"
                        + " credentials");
            }
            if (csrFile != null && !Files.isRegularFile(csrFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no certificate request at " + csrFile);
            }
            try {
                // the request first: a bad one is refused before the CA's key store is opened
                org.bouncycastle.pkcs.PKCS10CertificationRequest request = csrFile == null ? null : readRequest(csrFile);
                OperatorCa operator = OperatorCa.load(operatorFile, operatorPassword(), new SecureRandom());
                byte[] content = request == null ? operator.clientPkcs12(r, name, PKCS12_PASSWORD.toCharArray())
                        : operator.certifyPem(request, r, name).getBytes(StandardCharsets.US_ASCII);
                Files.write(outFile, content, java.nio.file.StandardOpenOption.CREATE_NEW);
            } catch (java.io.IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("jpki enrol: error: " + e.getMessage());
                return 1;
            }
            String roleName = r.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String who = (r == Role.APP ? "an " : "a ") + roleName + " certificate for " + name + " in " + outFile;
            spec.commandLine().getOut().println(csrFile == null ? who + " (PKCS#12 password " + PKCS12_PASSWORD + ")"
                    : who + " (PEM: the certificate, then the operator CA's; the key stays with the caller)");
            return 0;
        }

        /** A PKCS#10 request in PEM ('CERTIFICATE REQUEST') or DER. */
        private static org.bouncycastle.pkcs.PKCS10CertificationRequest readRequest(Path file) throws java.io.IOException {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            Object read;
            try {
                if (!text.contains("-----BEGIN")) {
                    return new org.bouncycastle.pkcs.PKCS10CertificationRequest(bytes);
                }
                try (org.bouncycastle.openssl.PEMParser pem = new org.bouncycastle.openssl.PEMParser(
                        new java.io.StringReader(text))) {
                    read = pem.readObject();
                }
            } catch (RuntimeException | java.io.IOException e) {
                throw new java.io.IOException(file + " is not a PKCS#10 certificate request (PEM or DER)");
            }
            if (read instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest r) {
                return r;
            }
            throw new java.io.IOException(file + " holds no certificate request (PEM '"
                    + (read == null ? "nothing readable" : read.getClass().getSimpleName()) + "')");
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        if (retrySeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--retry-every must be 0 or more seconds");
        }
        if (jdbc != null && db != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--db and --jdbc exclude each other");
        }
        SecureRandom random = new SecureRandom();
        StrictClock clock = StrictClock.system();
        if (spPatience < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sp-patience must be 1 or more seconds");
        }
        JpkiCa jpkiCa;
        OperatorCa operator;
        DiversifiedKeys spMaster;
        try {
            jpkiCa = ca(random, clock, out);
            operator = operator(random, out);
            spMaster = spKeys(random, out);
        } catch (java.io.IOException e) {
            // a key store that does not open (wrong password, not ours): say so, no stack trace
            spec.commandLine().getErr().println("jpki: error: " + e.getMessage());
            return 1;
        }
        try (Database database = jdbc != null ? Database.open(jdbc, user, password)
                : db != null ? Database.embedded(db) : Database.inMemory("jpki-" + ProcessHandle.current().pid())) {
            JpkiService jpki = new JpkiService(database, jpkiCa, clock, new SimulatedPushGateway(clock), Faults.NONE);
            Files.createDirectories(credentials);
            Files.writeString(credentials.resolve("operator-ca.pem"), operator.certificatePem(), StandardCharsets.US_ASCII);
            for (Role r : Role.values()) {
                String name = r.name().toLowerCase(Locale.ROOT).replace('_', '-');
                Files.write(credentials.resolve(name + ".p12"), operator.clientPkcs12(r, "inkan " + name,
                        PKCS12_PASSWORD.toCharArray()));
            }
            // the SP-TSM's sessions, relayed by the app (PRE-8): each SE opened with its own keys from the master
            SpTsm sp = new SpTsm(spMaster, SpTsm.specDomainAid(), jpki, random);
            // the callers the operator revoked: refused at their next request, the list read again when it changes
            Path crl = callerCrlFile != null ? callerCrlFile : operatorStore() != null ? callerCrlBeside(operatorStore())
                    : null;
            PrintWriter err = spec.commandLine().getErr();
            CallerRevocations revoked = null;
            if (crl != null) {
                try {
                    // a list that is there but not the CA's stops the start: serving without it would unrevoke callers
                    revoked = new CallerRevocations(crl, operator.certificate(), w -> {
                        err.println("jpki: warning: " + w);
                        err.flush();
                    });
                } catch (java.io.IOException e) {
                    err.println("jpki: error: the callers' revocation list: " + e.getMessage());
                    return 1;
                }
            }
            if (revoked != null && Files.exists(crl)) {
                out.println("revoked callers from " + crl + " (" + revoked.size() + ")");
            }
            try (RelaySessions sessions = new RelaySessions(sp, java.time.Duration.ofSeconds(spPatience));
                 JpkiHttpApi api = new JpkiHttpApi(jpki, new StatusService(jpki), sessions, revoked,
                    operator.serverContext(), new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                out.println("JPKI service on " + api.uri() + " (TLS 1.3); credentials in " + credentials.toAbsolutePath()
                        + " (PKCS#12 password " + PKCS12_PASSWORD + ")");
                out.println("  curl --cacert " + credentials.resolve("operator-ca.pem") + " " + api.uri() + "v1/status/1");
                out.flush();
                java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                        .newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "jpki-deletions");
                            t.setDaemon(true);
                            return t;
                        });
                if (retrySeconds > 0) {
                    // LIFE-8: pending deletions are pushed again until a phone's app answers
                    scheduler.scheduleWithFixedDelay(() -> retry(jpki, out), retrySeconds, retrySeconds,
                            java.util.concurrent.TimeUnit.SECONDS);
                }
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } finally {
                    scheduler.shutdownNow();
                }
            }
        }
        return 0;
    }
}
