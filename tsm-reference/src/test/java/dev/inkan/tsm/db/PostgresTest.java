package dev.inkan.tsm.db;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.tsm.http.OperatorCa;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.AuditEntry;
import dev.inkan.tsm.jpki.ClientCertificate;
import dev.inkan.tsm.jpki.DeletionState;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.OnePhoneRuleConcurrencyTest;
import dev.inkan.tsm.jpki.PhoneCertState;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import dev.inkan.tsm.jpki.Refused;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry on a real PostgreSQL server (started for the test): the migrations (partial unique
 * indexes), the service's flows, and the one-phone rule under concurrency with the database alone.
 */
class PostgresTest {
    static PostgresServer server;
    static int databases;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Fixture fixture(Faults faults) throws Exception {
        String url = server.createDatabase("jpki" + (++databases));
        return new Fixture(Database.open(url, "inkan", ""), faults, JpkiService.DEFAULT_NOTICE_TTL);
    }

    @Test
    void migratesWithPartialUniqueIndexesAndRunsTheFlows() throws Exception {
        try (Fixture f = fixture(Faults.NONE)) {
            assertEquals(Database.Vendor.POSTGRESQL, f.db.vendor());
            try (Connection c = f.db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = 'one_phone_per_certificate'");
                 ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("WHERE"), rs.getString(1));
            }
            long p = f.personWithCard("Postgres Holder");
            f.issuePhone(p, "old", AUTH, SIGN);
            f.issuePhone(p, "new", AUTH, SIGN);
            assertEquals(PhoneCertState.REVOKED, f.jpki.phoneCertState(p, "old", AUTH));
            assertEquals(DeletionState.PENDING, f.jpki.deletion("old", SIGN).state());
            // an HTTPS caller's certificate goes into the audit's client columns (V3, with its CHECK)
            ClientCertificate caller = ClientCertificate.of(OperatorCa.generate(new java.security.SecureRandom())
                    .certificate());
            f.jpki.actingFor(caller).suspend(p, "new", AUTH);
            List<AuditEntry> audit = f.jpki.audit();
            assertEquals(caller, audit.get(audit.size() - 1).clientCertificate());
            f.jpki.revokeCard(p, AUTH);
            assertEquals(PhoneCertState.REVOKED, f.jpki.phoneCertState(p, "new", AUTH));
            // a replay is refused by the nonce constraint inside the transaction (savepoint)
            byte[] app = f.application(p, "third", Set.of(SIGN), null);
            f.jpki.apply(app);
            f.jpki.abandon(p, "third", SIGN);
            assertEquals(Refused.Reason.REPLAYED, assertThrows(Refused.class, () -> f.jpki.apply(app)).reason());
            // an app key bound by an application signs the push token registration (V6); its nonce once
            AppInstanceKey key = AppInstanceKey.generate(new java.security.SecureRandom());
            f.jpki.apply(f.application(p, "fourth", Set.of(SIGN), null, key));
            PushTokenRegistration r = PushTokenRegistration.of(p, "fourth", "pg-token", f.clock.instant());
            f.jpki.registerPushToken(r, r.signWith(key));
            assertEquals("pg-token", f.jpki.pushToken(p, "fourth").orElseThrow().token());
            assertEquals(Refused.Reason.REPLAYED, assertThrows(Refused.class,
                    () -> f.jpki.registerPushToken(r, r.signWith(key))).reason());
            // LIFE-13: another installation's key is refused; a binding signed by the phone's key replaces the
            // bound one (the UPDATE of app_instance), after which only the new key registers
            AppInstanceKey other = AppInstanceKey.generate(new java.security.SecureRandom());
            PushTokenRegistration hijack = PushTokenRegistration.of(p, "fourth", "pg-attacker", f.clock.instant());
            assertEquals(Refused.Reason.BAD_SIGNATURE, assertThrows(Refused.class,
                    () -> f.jpki.registerPushToken(hijack, hijack.signWith(other))).reason());
            f.issue(p, "fourth", SIGN);
            f.jpki.bindAppKey(f.binding(p, "fourth", other, SIGN));
            PushTokenRegistration byOld = PushTokenRegistration.of(p, "fourth", "pg-old", f.clock.instant());
            assertEquals(Refused.Reason.BAD_SIGNATURE, assertThrows(Refused.class,
                    () -> f.jpki.registerPushToken(byOld, byOld.signWith(key))).reason());
            PushTokenRegistration byNew = PushTokenRegistration.of(p, "fourth", "pg-new", f.clock.instant());
            f.jpki.registerPushToken(byNew, byNew.signWith(other));
            assertEquals("pg-new", f.jpki.pushToken(p, "fourth").orElseThrow().token());
            assertTrue(f.jpki.audit().size() > 20);
        }
    }

    @Test
    void theOnePhoneRuleHoldsUnderConcurrencyWithTheDatabaseAlone() throws Exception {
        try (Fixture f = fixture(Faults.of(Faults.Fault.SKIP_ONE_PHONE_CHECKS))) {
            long p = f.personWithCard("Postgres Race");
            int threads = 12;
            List<byte[]> apps = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                apps.add(f.application(p, "pg-" + i, Set.of(AUTH), null));
            }
            Map<String, Integer> outcomes = Fixture.race(threads, i -> {
                f.jpki.apply(apps.get(i));
                f.issue(p, "pg-" + i, AUTH);
                return "issued";
            });
            assertEquals(1, outcomes.getOrDefault("issued", 0), outcomes.toString());
            assertEquals(threads, outcomes.getOrDefault("issued", 0) + outcomes.getOrDefault("refused APPLICATION_RUNNING", 0)
                    + outcomes.getOrDefault("refused ONE_PHONE_RULE", 0), outcomes.toString());
            try (Connection c = f.db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM phone_certificate WHERE person_id = ? AND state IN ('active', 'suspended')")) {
                ps.setLong(1, p);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
        }
    }

    /**
     * REQ LIFE-1, PRE-3: the races of OnePhoneRuleConcurrencyTest on PostgreSQL, where an INSERT
     * of a handset row another transaction holds uncommitted blocks until that one ends: one
     * application racing against its replays, and persons racing for one new phone.
     */
    @Test
    void racesForOneApplicationAndForOneNewPhone() throws Exception {
        for (Faults faults : List.of(Faults.NONE, Faults.of(Faults.Fault.SKIP_ONE_PHONE_CHECKS))) {
            try (Fixture f = fixture(faults)) {
                OnePhoneRuleConcurrencyTest.replaysOfOneApplicationRace(f, faults.toString());
            }
        }
        try (Fixture f = fixture(Faults.NONE)) {
            OnePhoneRuleConcurrencyTest.personsRaceForOneNewPhone(f);
        }
    }

    /** The fault seam DROP_ONE_APPLICATION_INDEX on PostgreSQL: without the index and the checks a second application runs. */
    @Test
    void theDroppedApplicationIndexLeavesLife1ToTheChecks() throws Exception {
        for (boolean checks : new boolean[] {true, false}) {
            Faults faults = checks ? Faults.of(Faults.Fault.DROP_ONE_APPLICATION_INDEX)
                    : Faults.of(Faults.Fault.DROP_ONE_APPLICATION_INDEX, Faults.Fault.SKIP_ONE_PHONE_CHECKS);
            try (Fixture f = fixture(faults)) {
                try (Connection c = f.db.connection(); PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'one_application_per_certificate'");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
                long p = f.personWithCard("Postgres Twice");
                f.apply(p, "pg-a", AUTH);
                if (checks) {
                    assertEquals(Refused.Reason.APPLICATION_RUNNING,
                            assertThrows(Refused.class, () -> f.apply(p, "pg-b", AUTH)).reason());
                } else {
                    f.apply(p, "pg-b", AUTH);
                    assertEquals(PhoneCertState.ISSUING, f.jpki.phoneCertState(p, "pg-b", AUTH));
                }
            }
        }
    }
}
