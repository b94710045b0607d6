package dev.inkan.tsm.jpki;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PRE-3 under concurrency: threads race to get the same person's certificate of one type onto
 * different phones at the same moment. Exactly one wins; the others get a clear refusal; the
 * registry holds at most one live certificate. Run with the service's own checks and locks, and
 * with them switched off (Faults.SKIP_ONE_PHONE_CHECKS) so that only the database's unique
 * indexes stand between the threads and a second live certificate.
 */
public class OnePhoneRuleConcurrencyTest {
    static final int THREADS = 12;

    /** Applications and issues racing for the same person and type: one application runs, the others are refused. */
    @Test
    void racingApplicationsOneWinsWithTheServiceChecks() throws Exception {
        try (Fixture f = new Fixture()) {
            Map<String, Integer> outcomes = race(f, THREADS, false);
            assertEquals(1, outcomes.getOrDefault("issued", 0), outcomes.toString());
            assertEquals(THREADS - 1, outcomes.getOrDefault("refused APPLICATION_RUNNING", 0), outcomes.toString());
            assertConsistent(f.db, 1);
        }
    }

    /** The same race with the Java checks and person lock switched off: the database alone keeps PRE-3. */
    @Test
    void racingApplicationsOneWinsWithTheDatabaseAlone() throws Exception {
        try (Fixture f = new Fixture(Faults.of(Faults.Fault.SKIP_ONE_PHONE_CHECKS))) {
            Map<String, Integer> outcomes = race(f, THREADS, true);
            assertEquals(1, outcomes.getOrDefault("issued", 0), outcomes.toString());
            assertEquals(THREADS - 1, outcomes.getOrDefault("refused APPLICATION_RUNNING", 0), outcomes.toString());
            assertConsistent(f.db, 1);
        }
    }

    /**
     * REQ LIFE-1: one signed application sent by many threads at once is accepted once; every
     * other copy is REPLAYED (not WRONG_STATE), with the service's locks and with the database
     * alone; one application row.
     */
    @Test
    void racingReplaysOfOneApplicationAreAcceptedOnceAndOtherwiseReplayed() throws Exception {
        for (Faults faults : List.of(Faults.NONE, Faults.of(Faults.Fault.SKIP_ONE_PHONE_CHECKS))) {
            try (Fixture f = new Fixture(faults)) {
                replaysOfOneApplicationRace(f, faults.toString());
            }
        }
    }

    /** The race of {@link #racingReplaysOfOneApplicationAreAcceptedOnceAndOtherwiseReplayed} on {@code f}'s database (PostgresTest too). */
    public static void replaysOfOneApplicationRace(Fixture f, String label) throws Exception {
        long p = f.personWithCard("Replay Race");
        byte[] cms = f.application(p, "replayed", Set.of(AUTH), null);
        Map<String, Integer> outcomes = Fixture.race(THREADS, i -> {
            f.jpki.apply(cms);
            return "accepted";
        });
        assertEquals(Map.of("accepted", 1, "refused REPLAYED", THREADS - 1), outcomes, label);
        assertEquals(1, count(f.db, "SELECT COUNT(*) FROM application"));
        assertConsistent(f.db, 1);
    }

    /**
     * REQ PRE-3, PRE-1, SYS-3: different persons apply at once on one phone the registry has never
     * seen, half of them with their card certificate revoked. The first accepted application adds
     * the phone; every other valid one is PHONE_HELD_BY_OTHER, the others CARD_NOT_ACTIVE, whichever
     * transaction inserted the handset row first: a refused one rolls its row back and a waiting
     * one adds it. One handset row, one application.
     */
    @Test
    void personsRacingForOneNewPhoneAddItOnce() throws Exception {
        try (Fixture f = new Fixture()) {
            personsRaceForOneNewPhone(f);
        }
    }

    /** The race of {@link #personsRacingForOneNewPhoneAddItOnce} on {@code f}'s database (PostgresTest too). */
    public static void personsRaceForOneNewPhone(Fixture f) throws Exception {
        List<byte[]> applications = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            long p = f.personWithCard("New Phone Race " + i);
            applications.add(f.application(p, "shared-new", Set.of(AUTH), "token-" + i));
            if (i % 2 == 1) {
                f.jpki.revokeCard(p, AUTH);
            }
        }
        Map<String, Integer> outcomes = Fixture.race(THREADS, i -> {
            f.jpki.apply(applications.get(i));
            return "accepted";
        });
        assertEquals(Map.of("accepted", 1, "refused PHONE_HELD_BY_OTHER", THREADS / 2 - 1, "refused CARD_NOT_ACTIVE",
                THREADS / 2), outcomes);
        assertEquals(1, count(f.db, "SELECT COUNT(*) FROM handset WHERE id = 'shared-new'"));
        assertEquals(1, count(f.db, "SELECT COUNT(*) FROM application"));
        assertConsistent(f.db, 1);
    }

    private static int count(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** With the old phone not revoked (SKIP_REVOKE_OLD_PHONE), the one-phone index refuses the issue: nothing changes. */
    @Test
    void skippingTheOldPhonesRevocationIsRefusedByTheDatabase() throws Exception {
        try (Fixture f = new Fixture(Faults.of(Faults.Fault.SKIP_REVOKE_OLD_PHONE))) {
            long p = f.personWithCard("Skip Revoke");
            f.issuePhone(p, "old", AUTH);
            f.apply(p, "new", AUTH);
            f.jpki.keyGenerated("new", AUTH);
            Refused e = org.junit.jupiter.api.Assertions.assertThrows(Refused.class,
                    () -> f.jpki.issue(p, "new", AUTH, Fixture.key(2).getPublic()));
            assertEquals(Refused.Reason.ONE_PHONE_RULE, e.reason());
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, "old", AUTH));
            assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(p, "new", AUTH), "rolled back");
            assertConsistent(f.db, 1);
        }
    }

    /** Raw SQL from many threads, no service at all: the database lets exactly one row become live. */
    @Test
    void theIndexAloneRefusesConcurrentLiveRows() throws Exception {
        try (Fixture f = new Fixture()) {
            long p = f.personWithCard("Raw Race");
            List<Long> rows = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                // N finished (revoked) certificates of the same person and type on N phones
                String ph = "raw-" + i;
                f.issuePhone(p, ph, AUTH);
                rows.add(f.jpki.phoneCertificate(p, ph, AUTH).orElseThrow().id());
            }
            try (Connection c = f.db.connection();
                 PreparedStatement ps = c.prepareStatement("UPDATE phone_certificate SET state = 'revoked' WHERE person_id = ?")) {
                ps.setLong(1, p);
                ps.executeUpdate();
            }
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<String>> results = new ArrayList<>();
            for (long id : rows) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (Connection c = f.db.connection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ps = c.prepareStatement(
                                "UPDATE phone_certificate SET state = 'active' WHERE id = ?")) {
                            ps.setLong(1, id);
                            ps.executeUpdate();
                            c.commit();
                            return "active";
                        } catch (SQLException e) {
                            c.rollback();
                            return Database.violates(e, "one_phone_per_certificate") ? "refused by the index" : e.toString();
                        }
                    }
                }));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> r : results) {
                outcomes.merge(r.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            pool.shutdown();
            assertEquals(Map.of("active", 1, "refused by the index", THREADS - 1), outcomes);
            assertConsistent(f.db, 1);
        }
    }

    /**
     * Round 1: every thread applies for the same person and type on its own phone at the same
     * moment; exactly one application is accepted, and that one is then issued. Round 2: every
     * thread runs the whole flow (apply, issue) at once: handset changes in some order, each
     * issue revoking the certificate before it; whatever the order, one live certificate remains.
     * With {@code dbAlone} (the service neither checks nor revokes the old phone) round 2 issues
     * nothing: the one-phone index refuses every issue while round 1's certificate is live.
     * Returns round 1's outcomes.
     */
    private static Map<String, Integer> race(Fixture f, int threads, boolean dbAlone) throws Exception {
        long p = f.personWithCard("Race " + threads);
        Map<String, Integer> round1 = run(f, p, threads, "first-", false);
        String winner = null;
        for (int i = 0; i < threads; i++) {
            if (f.jpki.phoneCertState(p, "first-" + i, AUTH) == PhoneCertState.ISSUING) {
                assertEquals(null, winner, "two applications running");
                winner = "first-" + i;
            }
        }
        f.issue(p, winner, AUTH);
        round1.put("issued", 1);
        Map<String, Integer> round2 = run(f, p, threads, "second-", true);
        if (dbAlone) {
            assertEquals(0, round2.getOrDefault("issued", 0), round2.toString());
            assertTrue(round2.getOrDefault("refused ONE_PHONE_RULE", 0) >= 1, round2.toString());
            assertEquals(threads, round2.getOrDefault("refused ONE_PHONE_RULE", 0)
                    + round2.getOrDefault("refused APPLICATION_RUNNING", 0), round2.toString());
            assertEquals(PhoneCertState.ACTIVE, f.jpki.phoneCertState(p, winner, AUTH));
            return round1;
        }
        int active = 0;
        int replaced = 0;
        for (int i = 0; i < threads; i++) {
            PhoneCertState s = f.jpki.phoneCertState(p, "second-" + i, AUTH);
            active += s == PhoneCertState.ACTIVE ? 1 : 0;
            replaced += s == PhoneCertState.REVOKED ? 1 : 0;
        }
        assertEquals(1, active, "round 2: " + round2);
        assertEquals(round2.getOrDefault("issued", 0) - 1, replaced, "each later issue replaced the one before");
        assertEquals(threads, round2.getOrDefault("issued", 0) + round2.getOrDefault("refused APPLICATION_RUNNING", 0),
                "only clear outcomes: " + round2);
        assertEquals(PhoneCertState.REVOKED, f.jpki.phoneCertState(p, winner, AUTH));
        return round1;
    }

    private static Map<String, Integer> run(Fixture f, long p, int threads, String prefix, boolean issue)
            throws Exception {
        List<byte[]> applications = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            applications.add(f.application(p, prefix + i, Set.of(AUTH), null));
        }
        Map<String, Integer> outcomes = Fixture.race(threads, i -> {
            f.jpki.apply(applications.get(i));
            if (!issue) {
                return "accepted";
            }
            f.issue(p, prefix + i, AUTH);
            return "issued";
        });
        if (!issue) {
            assertEquals(1, outcomes.getOrDefault("accepted", 0), outcomes.toString());
            assertEquals(threads - 1, outcomes.getOrDefault("refused APPLICATION_RUNNING", 0), outcomes.toString());
        }
        assertConsistent(f.db, 1);
        return outcomes;
    }

    /** At most {@code live} live certificates per person and type, at most one running application, every row well-formed. */
    static void assertConsistent(Database db, int live) throws SQLException {
        try (Connection c = db.connection()) {
            for (String sql : new String[] {
                    "SELECT person_id, cert_type, COUNT(*) FROM phone_certificate WHERE state IN ('active', 'suspended')"
                            + " GROUP BY person_id, cert_type",
                    "SELECT person_id, cert_type, COUNT(*) FROM phone_certificate WHERE state = 'issuing'"
                            + " GROUP BY person_id, cert_type"}) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertTrue(rs.getInt(3) <= live, "more than " + live + " rows of person " + rs.getLong(1) + " "
                                + CertType.valueOf(rs.getString(2)) + ": " + rs.getInt(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM phone_certificate WHERE state = 'active'"
                    + " AND (serial IS NULL OR der IS NULL)"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "active rows without a certificate");
            }
        }
    }
}
