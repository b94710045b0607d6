package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.push.SimulatedPushGateway;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JPKI service on a fresh in-memory H2 database with real RSA-2048 keys, a settable strict
 * clock and the simulated push gateway; helpers that do what the municipality, the card and the
 * SP-TSM do around it.
 */
public final class Fixture implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static JpkiCa sharedCa;
    private static final List<KeyPair> KEYS = new ArrayList<>();

    /** A clock tests move by hand. */
    public static final class SettableClock extends Clock {
        private volatile Instant now;

        public SettableClock(Instant start) {
            now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public final SettableClock base = new SettableClock(Instant.now());
    public final StrictClock clock = new StrictClock(base);
    public final Database db;
    public final JpkiCa ca;
    public final SimulatedPushGateway push = new SimulatedPushGateway(clock);
    public final JpkiService jpki;
    /** The card signature key of each person (index = person id). */
    private final Map<Long, KeyPair> cardSignKeys = new java.util.HashMap<>();

    public Fixture() {
        this(Faults.NONE);
    }

    public Fixture(Faults faults) {
        this(Database.inMemory("jpki" + DATABASES.incrementAndGet()), faults, JpkiService.DEFAULT_NOTICE_TTL);
    }

    public Fixture(Database db, Faults faults, Duration ttl) {
        this.db = db;
        this.ca = ca();
        this.jpki = new JpkiService(db, ca, clock, push, faults, ttl);
    }

    public static synchronized JpkiCa ca() {
        if (sharedCa == null) {
            sharedCa = JpkiCa.generate(new SecureRandom(), Clock.systemUTC());
        }
        return sharedCa;
    }

    /** The i-th of a few RSA-2048 key pairs shared by the tests (generation is slow). */
    public static synchronized KeyPair key(int i) {
        while (KEYS.size() <= i) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                KEYS.add(g.generateKeyPair());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return KEYS.get(i);
    }

    /** A registered person with both card certificates issued (PRE-1). */
    public long personWithCard(String name) {
        long p = jpki.registerPerson(new Person(name, "1-2-3 Kasumigaseki\nChiyoda-ku, Tokyo", LocalDate.of(1980, 4, 1),
                "F"));
        issueCards(p);
        return p;
    }

    public void issueCards(long p) {
        KeyPair sign = key(0);
        jpki.issueCard(p, CertType.AUTH, key(1).getPublic());
        jpki.issueCard(p, CertType.SIGN, sign.getPublic());
        cardSignKeys.put(p, sign);
    }

    public X509Certificate cardSignCertificate(long p) {
        return jpki.cardCertificate(p, CertType.SIGN).orElseThrow().certificate();
    }

    /** An application for {@code types} on {@code handset}, signed with the person's card. */
    public byte[] application(long p, String handset, Set<CertType> types, String token) {
        return application(p, handset, types, token, null);
    }

    /** The application of {@link #application(long, String, Set, String)} carrying {@code appKey} to bind (LIFE-13). */
    public byte[] application(long p, String handset, Set<CertType> types, String token, AppInstanceKey appKey) {
        Application a = Application.of(handset, types, clock.instant(), token,
                appKey == null ? null : appKey.encodedPublicKey());
        return ApplicationSigner.sign(a, cardSignCertificate(p), CardSignature.of(cardSignKeys.get(p).getPrivate()));
    }

    /**
     * A binding of {@code appKey} to {@code p} on {@code handset}, signed now as the phone does
     * (LIFE-13): by the key of type {@code t} the phone holds (see {@link #issue}), with the
     * certificate the registry holds for (p, handset, t) attached.
     */
    public byte[] binding(long p, String handset, AppInstanceKey appKey, CertType t) {
        AppKeyBinding b = AppKeyBinding.of(p, handset, appKey, clock.instant());
        return ApplicationSigner.signContent(b.encode(), jpki.phoneCertificate(p, handset, t).orElseThrow().certificate(),
                CardSignature.of(key(2 + t.ordinal()).getPrivate()), b.time());
    }

    public ApplicationResult apply(long p, String handset, CertType... types) {
        return jpki.apply(application(p, handset, Set.of(types), null));
    }

    /** The user-authentication key of every phone {@link #issue} certifies (key 2). */
    public static java.security.PrivateKey phoneAuthKey() {
        return key(2 + CertType.AUTH.ordinal()).getPrivate();
    }

    /**
     * A request to revoke {@code t} of {@code p} on {@code handset}, signed now as the phone does
     * (LIFE-4): by its authentication key, with the authentication certificate the registry holds
     * for (p, handset) attached.
     */
    public byte[] revocation(long p, String handset, CertType t) {
        return revocation(RevocationRequest.of(p, handset, t, clock.instant()),
                jpki.phoneCertificate(p, handset, CertType.AUTH).orElseThrow().certificate(), phoneAuthKey());
    }

    /** {@code request} signed by {@code key} with {@code signer} attached. */
    public static byte[] revocation(RevocationRequest request, X509Certificate signer, java.security.PrivateKey key) {
        return ApplicationSigner.signRevocation(request, signer, CardSignature.of(key));
    }

    /** What the SP-TSM does after an accepted application: key generated in the SE, certified, stored. */
    public PhoneCertificate issue(long p, String handset, CertType t) {
        jpki.keyGenerated(handset, t);
        PhoneCertificate c = jpki.issue(p, handset, t, key(2 + t.ordinal()).getPublic());
        jpki.certificateStored(handset, t);
        return c;
    }

    /** apply + issue for every type given. */
    public Map<CertType, PhoneCertificate> issuePhone(long p, String handset, CertType... types) {
        apply(p, handset, types);
        Map<CertType, PhoneCertificate> out = new EnumMap<>(CertType.class);
        for (CertType t : types) {
            out.put(t, issue(p, handset, t));
        }
        return out;
    }

    /** One thread's work in {@link #race}: its outcome, or a {@link Refused}. */
    @FunctionalInterface
    public interface Racer {
        String run(int thread) throws Exception;
    }

    /**
     * Runs {@code racer} on {@code threads} threads released at the same instant; a refusal is
     * the outcome {@code "refused REASON"}. Returns how many threads ended with each outcome.
     */
    public static Map<String, Integer> race(int threads, Racer racer) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return racer.run(thread);
                    } catch (Refused e) {
                        return "refused " + e.reason();
                    }
                }));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> r : results) {
                outcomes.merge(r.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("racers still running");
            }
        }
    }

    /** Every table of the registry (V1, V4, V6), for {@link #registryContents}. */
    private static final List<String> TABLES = List.of("person", "card_certificate", "handset", "application",
            "phone_certificate", "push_token", "key_slot", "deletion", "deletion_attempt", "user_warning",
            "pin_reset_grant", "crl_issue", "revocation_request", "app_instance", "app_request", "audit");

    /** Every row of every registry table as text, read over JDBC: equal before and after means nothing changed. */
    public List<String> registryContents() throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            row.append(" | ").append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
