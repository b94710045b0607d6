package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The registry's row queries and writes, shared by the service's operations (package-private). */
final class Rows {
    private Rows() {
    }

    // ---------------------------------------------------------------- locks

    /** Row lock on the person: operations of one person run one after the other. */
    static void lockPerson(Connection c, long person) throws SQLException {
        if (!Sql.exists(c, "SELECT id FROM person WHERE id = ? FOR UPDATE", person)) {
            throw new Refused(Refused.Reason.UNKNOWN, "no person " + person);
        }
    }

    /** Row lock on the handset: deletions and applications on one phone run one after the other. */
    static void lockHandset(Connection c, String handset) throws SQLException {
        if (!lockedHandset(c, handset)) {
            throw new Refused(Refused.Reason.UNKNOWN, "no handset " + handset);
        }
    }

    /**
     * {@link #lockHandset}, the row inserted first, in the caller's transaction, when the registry
     * has never seen the phone: a refusal rolls the new row back with everything else. FOR UPDATE
     * cannot lock a row that is not there, so the uncommitted row is the lock: another
     * transaction's INSERT of the same id waits for ours on the primary key (PostgreSQL blocks, H2
     * retries the statement until its lock timeout), then either fails as a duplicate once we
     * commit, rolls back to its savepoint and locks the committed row, or, when we rolled back,
     * succeeds and holds the new row itself. Called after the person's and card's locks, like
     * {@link #lockHandset}.
     */
    static void lockOrAddHandset(Connection c, String handset, Instant now) throws SQLException {
        if (!lockedHandset(c, handset) && !Sql.unlessDuplicate(c, "handset", () -> addHandset(c, handset, now))) {
            lockHandset(c, handset);
        }
    }

    private static boolean lockedHandset(Connection c, String handset) throws SQLException {
        return Sql.exists(c, "SELECT id FROM handset WHERE id = ? FOR UPDATE", handset);
    }

    private static void addHandset(Connection c, String handset, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO handset (id, created_at) VALUES (?, ?)", handset, now);
    }

    /** The SE the handset's SP-TSM sessions reached first (hex KDD), or null. */
    static String secureElement(Connection c, String handset) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT secure_element FROM handset WHERE id = ?", handset);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void setSecureElement(Connection c, String handset, String se) throws SQLException {
        Sql.update(c, "UPDATE handset SET secure_element = ? WHERE id = ?", se, handset);
    }

    // ---------------------------------------------------------------- card certificates

    record CardRow(long id, long person, CertType type, String serial, byte[] der, Instant notAfter, String state,
                   Instant issuedAt, Instant endedAt) {
        CardCertificate view() {
            return new CardCertificate(id, person, type, CardCertState.ofColumn(state), Sql.certificate(der), issuedAt,
                    endedAt);
        }
    }

    private static final String CARD_COLUMNS =
            "id, person_id, cert_type, serial, der, not_after, state, issued_at, ended_at";

    private static CardRow card(ResultSet rs) throws SQLException {
        return new CardRow(rs.getLong("id"), rs.getLong("person_id"), CertType.valueOf(rs.getString("cert_type")),
                rs.getString("serial"), rs.getBytes("der"), Sql.instant(rs, "not_after"), rs.getString("state"),
                Sql.instant(rs, "issued_at"), Sql.instant(rs, "ended_at"));
    }

    /** The active card certificate of (person, type), or null; {@code lock} takes its row lock. */
    static CardRow activeCard(Connection c, long person, CertType t, boolean lock) throws SQLException {
        return oneCard(c, "SELECT " + CARD_COLUMNS + " FROM card_certificate WHERE person_id = ? AND cert_type = ?"
                + " AND state = 'active'" + (lock ? " FOR UPDATE" : ""), person, t);
    }

    /** The newest card certificate of (person, type), or null. */
    static CardRow latestCard(Connection c, long person, CertType t) throws SQLException {
        return oneCard(c, "SELECT " + CARD_COLUMNS + " FROM card_certificate WHERE person_id = ? AND cert_type = ?"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", person, t);
    }

    static CardRow cardById(Connection c, long id) throws SQLException {
        return oneCard(c, "SELECT " + CARD_COLUMNS + " FROM card_certificate WHERE id = ?", id);
    }

    static CardRow cardBySerial(Connection c, String serial) throws SQLException {
        return oneCard(c, "SELECT " + CARD_COLUMNS + " FROM card_certificate WHERE serial = ?", serial);
    }

    private static CardRow oneCard(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? card(rs) : null;
        }
    }

    // ---------------------------------------------------------------- phone certificates

    record PhoneRow(long id, long person, String handset, CertType type, long cardId, String state, String serial,
                    byte[] der, Instant issuedAt, Instant endedAt, String endReason) {
        PhoneCertState specState() {
            return PhoneCertState.ofColumn(state);
        }

        PhoneCertificate view() {
            return new PhoneCertificate(id, person, handset, type, specState(), cardId, Sql.certificate(der), issuedAt,
                    endedAt, endReason);
        }

        String describe() {
            return "person " + person + ", handset " + handset + ", " + type;
        }
    }

    private static final String PHONE_COLUMNS = "id, person_id, handset_id, cert_type, card_certificate_id, state, "
            + "serial, der, issued_at, ended_at, end_reason";

    private static PhoneRow phone(ResultSet rs) throws SQLException {
        return new PhoneRow(rs.getLong("id"), rs.getLong("person_id"), rs.getString("handset_id"),
                CertType.valueOf(rs.getString("cert_type")), rs.getLong("card_certificate_id"), rs.getString("state"),
                rs.getString("serial"), rs.getBytes("der"), Sql.instant(rs, "issued_at"), Sql.instant(rs, "ended_at"),
                rs.getString("end_reason"));
    }

    /** The latest record of (person, handset, type): the spec's PhoneCert instance; null = NoCertificate, never applied. */
    static PhoneRow latestPhone(Connection c, long person, String handset, CertType t) throws SQLException {
        List<PhoneRow> rows = phones(c, "SELECT " + PHONE_COLUMNS + " FROM phone_certificate WHERE person_id = ?"
                + " AND handset_id = ? AND cert_type = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", person, handset, t);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static PhoneRow phoneById(Connection c, long id) throws SQLException {
        List<PhoneRow> rows = phones(c, "SELECT " + PHONE_COLUMNS + " FROM phone_certificate WHERE id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static PhoneRow phoneBySerial(Connection c, String serial) throws SQLException {
        List<PhoneRow> rows = phones(c, "SELECT " + PHONE_COLUMNS + " FROM phone_certificate WHERE serial = ?", serial);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static List<PhoneRow> phones(Connection c, String sql, Object... params) throws SQLException {
        List<PhoneRow> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(phone(rs));
            }
        }
        return out;
    }

    /** Rows of (person, type) in the given states on any handset, oldest first. */
    static List<PhoneRow> phonesInState(Connection c, long person, CertType t, String... states) throws SQLException {
        return phones(c, "SELECT " + PHONE_COLUMNS + " FROM phone_certificate WHERE person_id = ? AND cert_type = ?"
                + " AND state IN (" + placeholders(states.length) + ") ORDER BY id", concat(person, t, states));
    }

    static List<PhoneRow> phonesOfCard(Connection c, long cardId, String... states) throws SQLException {
        Object[] params = new Object[states.length + 1];
        params[0] = cardId;
        System.arraycopy(states, 0, params, 1, states.length);
        return phones(c, "SELECT " + PHONE_COLUMNS + " FROM phone_certificate WHERE card_certificate_id = ?"
                + " AND state IN (" + placeholders(states.length) + ") ORDER BY id", params);
    }

    /** Moves a phone record to {@code state}; ending states record the time and reason. */
    static void setPhoneState(Connection c, PhoneRow row, String state, Instant now, String reason) throws SQLException {
        boolean ends = !state.equals("active") && !state.equals("suspended") && !state.equals("issuing");
        Sql.update(c, "UPDATE phone_certificate SET state = ?, ended_at = ?, end_reason = ? WHERE id = ?", state,
                ends ? now : null, ends ? reason : null, row.id());
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] concat(Object a, Object b, String[] rest) {
        Object[] out = new Object[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    // ---------------------------------------------------------------- key slots, deletions

    static KeySlotState keySlot(Connection c, String handset, CertType t) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT state FROM key_slot WHERE handset_id = ? AND cert_type = ?",
                handset, t); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? KeySlotState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT))
                    : KeySlotState.EMPTY;
        }
    }

    static void setKeySlot(Connection c, String handset, CertType t, KeySlotState s, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE key_slot SET state = ?, changed_at = ? WHERE handset_id = ? AND cert_type = ?",
                s.column(), now, handset, t) == 0) {
            Sql.update(c, "INSERT INTO key_slot (handset_id, cert_type, state, changed_at) VALUES (?, ?, ?, ?)", handset,
                    t, s.column(), now);
        }
    }

    /** A deletion's row; {@code receipt}: the code its notices carry, null before its first push. */
    record DeletionRow(long id, String handset, CertType type, Long phoneCertificate, String state, int attempts,
                       boolean warned, Instant requestedAt, Instant lastAttemptAt, String lastResult,
                       Instant deliveredAt, String receipt) {
        DeletionRecord view() {
            DeletionState s = switch (state) {
                case "pending" -> DeletionState.PENDING;
                case "delivered" -> DeletionState.DELIVERED;
                default -> DeletionState.IDLE;
            };
            return new DeletionRecord(id, handset, type, s, attempts, warned, requestedAt, lastAttemptAt, lastResult);
        }
    }

    private static final String DELETION_COLUMNS = "id, handset_id, cert_type, phone_certificate_id, state, attempts, "
            + "warned, requested_at, last_attempt_at, last_result, delivered_at, receipt";

    static List<DeletionRow> deletions(Connection c, String where, Object... params) throws SQLException {
        List<DeletionRow> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT " + DELETION_COLUMNS + " FROM deletion WHERE " + where
                + " ORDER BY id", params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeletionRow(rs.getLong("id"), rs.getString("handset_id"),
                        CertType.valueOf(rs.getString("cert_type")), rs.getObject("phone_certificate_id", Long.class),
                        rs.getString("state"),
                        rs.getInt("attempts"), rs.getBoolean("warned"), Sql.instant(rs, "requested_at"),
                        Sql.instant(rs, "last_attempt_at"), rs.getString("last_result"),
                        Sql.instant(rs, "delivered_at"), rs.getString("receipt")));
            }
        }
        return out;
    }

    /** The open (pending or delivered) deletion of a key slot, or null. */
    static DeletionRow openDeletion(Connection c, String handset, CertType t) throws SQLException {
        List<DeletionRow> rows = deletions(c, "handset_id = ? AND cert_type = ? AND state IN ('pending', 'delivered')",
                handset, t);
        return rows.isEmpty() ? null : rows.get(0);
    }

    // ---------------------------------------------------------------- audit

    /** {@code client}: the TLS client certificate of the request behind the change, null in process. */
    static void audit(Connection c, ClientCertificate client, Instant at, Actor actor, String subject, Object subjectId,
                      String event, String from, String to, String detail) throws SQLException {
        Sql.update(c, "INSERT INTO audit (at, actor, subject, subject_id, event, from_state, to_state, detail,"
                + " client_subject, client_serial, client_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", at, actor,
                subject, String.valueOf(subjectId), event, from, to, cut(detail),
                client == null ? null : cut(client.subject()), client == null ? null : client.serial(),
                client == null ? null : client.sha256());
    }

    private static String cut(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    static List<AuditEntry> auditEntries(Connection c, String where, Object... params) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT id, at, actor, subject, subject_id, event, from_state,"
                + " to_state, detail, client_subject, client_serial, client_sha256 FROM audit"
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY id", params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String client = rs.getString("client_subject");
                out.add(new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"), Actor.valueOf(rs.getString("actor")),
                        rs.getString("subject"), rs.getString("subject_id"), rs.getString("event"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("detail"),
                        client == null ? null : new ClientCertificate(client, rs.getString("client_serial"),
                                rs.getString("client_sha256"))));
            }
        }
        return out;
    }
}
