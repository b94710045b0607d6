package dev.inkan.tsm.cli;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.http.JpkiHttpApi;
import dev.inkan.tsm.http.OperatorCa;
import dev.inkan.tsm.http.Role;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.StrictClock;
import dev.inkan.tsm.push.SimulatedPushGateway;
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
 * HTTP client can call it.
 */
@Command(name = "jpki", mixinStandardHelpOptions = true,
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

    @Option(names = "--retry-every", paramLabel = "SECONDS", description = "push the pending remote deletions again this often (default: ${DEFAULT-VALUE}; 0: never)")
    int retrySeconds = 60;

    @Option(names = "--credentials", paramLabel = "DIR", description = "where to write operator-ca.pem and <role>.p12 (default: ${DEFAULT-VALUE})")
    Path credentials = Path.of("jpki-credentials");

    /** Counted down when the server is up (tests wait on it). */
    final CountDownLatch started = new CountDownLatch(1);

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
        try (Database database = jdbc != null ? Database.open(jdbc, user, password)
                : db != null ? Database.embedded(db) : Database.inMemory("jpki-" + ProcessHandle.current().pid())) {
            JpkiService jpki = new JpkiService(database, ca(random, clock, out), clock, new SimulatedPushGateway(clock),
                    Faults.NONE);
            OperatorCa operator = OperatorCa.generate(random);
            Files.createDirectories(credentials);
            Files.writeString(credentials.resolve("operator-ca.pem"), operator.certificatePem(), StandardCharsets.US_ASCII);
            for (Role r : Role.values()) {
                String name = r.name().toLowerCase(Locale.ROOT).replace('_', '-');
                Files.write(credentials.resolve(name + ".p12"), operator.clientPkcs12(r, "inkan " + name,
                        PKCS12_PASSWORD.toCharArray()));
            }
            try (JpkiHttpApi api = new JpkiHttpApi(jpki, new StatusService(jpki), operator.serverContext(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
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
