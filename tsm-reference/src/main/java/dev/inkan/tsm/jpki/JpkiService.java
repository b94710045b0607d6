package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.ca.Profile.Usage;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.jpki.Faults.Fault;
import dev.inkan.tsm.jpki.Refused.Reason;
import dev.inkan.tsm.jpki.Rows.CardRow;
import dev.inkan.tsm.jpki.Rows.DeletionRow;
import dev.inkan.tsm.jpki.Rows.PhoneRow;
import dev.inkan.tsm.push.PushGateway;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JPKI service (REQ SYS-3): the card and phone certificate registry with its linkage
 * (PRE-5, LIFE-12), the one-phone rule (PRE-3, enforced by the database's unique indexes and
 * checked here first), revocation with its cascades (PRE-6, PRE-4, LIFE-3), the call centre
 * (LIFE-7), the push tokens it keeps (LIFE-13) and the remote deletions it owes (LIFE-8).
 *
 * <p>Each public operation is one event of the spec (spec/certificates.jsm, spec/handset.jsm,
 * spec/pins.jsm) and one database transaction: it is refused ({@link Refused}, nothing changed)
 * exactly when the spec's guard is false, and its effects (the events the spec emits) happen in
 * the same transaction. Every state change is written to the audit table. Reads ({@code ...State},
 * {@link #phoneCertificate}, {@link #deletion}...) give the states the spec's machines have.
 *
 * <p>Thread-safe: operations of one person serialize on the person's row lock, operations on one
 * phone's deletions on the handset's; the state-dependent unique indexes (V2 migrations) keep the
 * one-phone rule, one running application per person and type, one active card certificate and
 * one open deletion per key slot whatever the Java code does.
 */
public final class JpkiService {
    /**
     * The push message kind of a deletion notice (LIFE-8); its data: {@code handset}, {@code type}
     * (AUTH or SIGN) and {@code deletion} (the record's id). The app answers with
     * {@link #deletionNoticeReceived}.
     */
    public static final String DELETION_NOTICE = "jpki.deletion";

    /** How far an application's time may be from the service's clock (replays and stale applications). */
    public static final Duration APPLICATION_FRESHNESS = Duration.ofMinutes(10);
    /** Default time to live of deletion notices at the push gateway. */
    public static final Duration DEFAULT_NOTICE_TTL = Duration.ofHours(24);

    private final Database db;
    private final JpkiCa ca;
    private final Clock clock;
    private final Faults faults;
    private final Deletions deletions;
    private final AppInstances appInstances;
    /** The TLS client certificate the audit entries of this view name; null in process. */
    private final ClientCertificate client;

    /**
     * @param clock every timestamp of the registry (use a {@link StrictClock})
     * @param push the gateway deletion notices go through
     * @param faults {@link Faults#NONE} outside the property suites' fault tests
     */
    public JpkiService(Database db, JpkiCa ca, Clock clock, PushGateway push, Faults faults) {
        this(db, ca, clock, push, faults, DEFAULT_NOTICE_TTL);
    }

    /** @param noticeTtl TTL of deletion notices ({@link Duration#ZERO}: now or never, as the spec's push event) */
    public JpkiService(Database db, JpkiCa ca, Clock clock, PushGateway push, Faults faults, Duration noticeTtl) {
        this.db = db;
        this.ca = ca.withClock(clock);
        this.clock = clock;
        this.faults = faults;
        this.deletions = new Deletions(this, push, noticeTtl);
        this.appInstances = new AppInstances(this);
        this.client = null;
        if (faults.has(Fault.DROP_ONE_APPLICATION_INDEX)) {
            dropOneApplicationIndex(db);
        }
    }

    private JpkiService(JpkiService of, ClientCertificate client) {
        this.db = of.db;
        this.ca = of.ca;
        this.clock = of.clock;
        this.faults = of.faults;
        this.deletions = of.deletions.of(this);
        this.appInstances = new AppInstances(this);
        this.client = client;
    }

    /**
     * The same service (same registry, clock, gateway) whose audit entries name {@code client},
     * the TLS client certificate of the request being served (the HTTPS API, once per request),
     * besides the role. The in-process callers use the service itself: their entries name none.
     */
    public JpkiService actingFor(ClientCertificate client) {
        return new JpkiService(this, java.util.Objects.requireNonNull(client, "client"));
    }

    /** The fault seam {@link Fault#DROP_ONE_APPLICATION_INDEX}: the migration's index goes (idempotent). */
    private static void dropOneApplicationIndex(Database db) {
        db.inTransaction(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(db.vendor() == Database.Vendor.H2
                        ? "ALTER TABLE phone_certificate DROP CONSTRAINT IF EXISTS one_application_per_certificate"
                        : "DROP INDEX IF EXISTS one_application_per_certificate");
            }
            return null;
        });
    }

    public Database database() {
        return db;
    }

    public JpkiCa ca() {
        return ca;
    }

    public Clock clock() {
        return clock;
    }

    Faults faults() {
        return faults;
    }

    Instant now() {
        return clock.instant();
    }

    static Usage usage(CertType t) {
        return t == CertType.AUTH ? Usage.AUTHENTICATION : Usage.SIGNATURE;
    }

    // ================================================================ persons

    /** A card holder registered at the municipal office (face-to-face identity proofing). */
    public long registerPerson(Person p) {
        return db.inTransaction(c -> {
            Instant now = now();
            long id = Sql.insert(c, "INSERT INTO person (name, address, date_of_birth, gender, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", p.name(), p.address(), p.dateOfBirth(), p.gender(), now);
            audit(c, now, Actor.MUNICIPALITY, "Person", id, "register", null, null, p.name());
            return id;
        });
    }

    public Person person(long id) {
        return read(c -> {
            try (PreparedStatement ps = Sql.prepare(c, "SELECT name, address, date_of_birth, gender FROM person"
                    + " WHERE id = ?", id); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Refused(Reason.UNKNOWN, "no person " + id);
                }
                return new Person(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                        rs.getString(4).trim());
            }
        });
    }

    // ================================================================ CardCert (municipality, JPKI)

    /** spec CardCert.issueCard (PRE-1): NotIssued, Revoked or Expired -> Active; the card's new certificate over {@code cardKey}. */
    public CardCertificate issueCard(long person, CertType t, PublicKey cardKey) {
        return issueCard(person, t, cardKey, null);
    }

    /** {@link #issueCard(long, CertType, PublicKey)} with the end of validity given (null: {@link JpkiCa#CARD_VALIDITY}). */
    public CardCertificate issueCard(long person, CertType t, PublicKey cardKey, Instant notAfter) {
        Person data = person(person);
        return db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            if (Rows.activeCard(c, person, t, true) != null) {
                throw new Refused(Reason.WRONG_STATE, "person " + person + " already has an active " + t
                        + " card certificate");
            }
            CardRow before = Rows.latestCard(c, person, t);
            Instant now = now();
            X509Certificate cert;
            try {
                cert = notAfter == null ? ca.issueCard(usage(t), cardKey, data)
                        : ca.issueCard(usage(t), cardKey, data, now, notAfter);
            } catch (IllegalArgumentException e) {
                throw new Refused(Reason.INVALID, e.getMessage());
            }
            long id = Sql.insert(c, "INSERT INTO card_certificate (person_id, cert_type, serial, der, not_after, state,"
                    + " issued_at) VALUES (?, ?, ?, ?, ?, 'active', ?)", person, t, serial(cert), der(cert),
                    cert.getNotAfter().toInstant(), now);
            audit(c, now, Actor.MUNICIPALITY, "CardCert", id, "issueCard",
                    before == null ? CardCertState.NOT_ISSUED.specName() : before.view().state().specName(),
                    CardCertState.ACTIVE.specName(), "person " + person + ", " + t + ", serial " + serial(cert));
            return Rows.cardById(c, id).view();
        });
    }

    /** spec CardCert.revoke (PRE-6): Active -> Revoked; every linked phone certificate goes with it (cardRevoked). */
    public void revokeCard(long person, CertType t) {
        endCard(person, t, "revoked", "revoke", Actor.MUNICIPALITY, Fault.SKIP_CARD_REVOCATION_CASCADE, "card_revoked",
                "cardRevoked");
    }

    /** spec CardCert.expire (PRE-4): Active -> Expired; the linked phone certificates expire with it (cardExpired). */
    public void expireCard(long person, CertType t) {
        endCard(person, t, "expired", "expire", Actor.JPKI, Fault.SKIP_CARD_EXPIRY_CASCADE, "card_expired",
                "cardExpired");
    }

    /** The clock's side of {@link #expireCard}: every active card certificate whose validity has ended now; returns how many. */
    public int expireDue() {
        List<long[]> due = read(c -> {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, "SELECT person_id, cert_type FROM card_certificate"
                    + " WHERE state = 'active' AND not_after <= ? ORDER BY id", now()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), CertType.valueOf(rs.getString(2)).ordinal()});
                }
            }
            return out;
        });
        int n = 0;
        for (long[] d : due) {
            try {
                expireCard(d[0], CertType.values()[(int) d[1]]);
                n++;
            } catch (Refused e) {
                // revoked or expired meanwhile
            }
        }
        return n;
    }

    private void endCard(long person, CertType t, String state, String event, Actor actor, Fault skipCascade,
                         String reason, String cascadeEvent) {
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            CardRow card = Rows.activeCard(c, person, t, true);
            if (card == null) {
                throw new Refused(Reason.WRONG_STATE, "no active " + t + " card certificate for person " + person);
            }
            Instant now = now();
            Sql.update(c, "UPDATE card_certificate SET state = ?, ended_at = ? WHERE id = ?", state, now, card.id());
            audit(c, now, actor, "CardCert", card.id(), event, CardCertState.ACTIVE.specName(),
                    CardCertState.ofColumn(state).specName(), "person " + person + ", " + t);
            if (!faults.has(skipCascade)) {
                for (PhoneRow p : Rows.phonesOfCard(c, card.id(), "issuing", "active", "suspended")) {
                    if (p.state().equals("issuing")) {
                        Rows.setPhoneState(c, p, "cancelled", now, reason);
                        audit(c, now, Actor.JPKI, "PhoneCert", p.id(), cascadeEvent, "Issuing", "NoCertificate",
                                p.describe());
                    } else {
                        Rows.setPhoneState(c, p, state, now, reason);
                        audit(c, now, Actor.JPKI, "PhoneCert", p.id(), cascadeEvent, p.specState().specName(),
                                PhoneCertState.ofColumn(state).specName(), p.describe());
                        deletions.request(c, p, now);
                    }
                }
            }
            return null;
        });
    }

    // ================================================================ PhoneCert (app, JPKI, SP-TSM, call centre)

    /**
     * spec PhoneCert.apply for each type of the application (LIFE-1, LIFE-2, PRE-1, PRE-3):
     * NoCertificate, Revoked or Expired -> Issuing, and PushToken.register when the application
     * carries the app's token (LIFE-13). {@code signedApplication} is CMS SignedData of an
     * {@link Application} signed with the card's signature key ({@link ApplicationSigner}); the
     * person is the holder of the signing card certificate.
     *
     * <p>A replay (the same signed application again) is refused as REPLAYED before any check of
     * the registry's states, and changes nothing.
     *
     * @throws Refused BAD_SIGNATURE (signature, signer or content), CARD_NOT_VALID_AT_SIGNING (the
     *     signing time or the application's time lies outside the validity period of the signing
     *     card certificate), CARD_NOT_ACTIVE (the signing certificate or the card certificate of a
     *     type is not active, or the signing certificate is not valid now: signed before its end,
     *     received after), REPLAYED (nonce seen, or time off by more than
     *     {@link #APPLICATION_FRESHNESS}), WRONG_STATE (a record is Issuing, Active or Suspended),
     *     APPLICATION_RUNNING (another phone has an application of this person and type running),
     *     PHONE_HELD_BY_OTHER, LEFTOVER_KEY
     */
    public ApplicationResult apply(byte[] signedApplication) {
        Instant received = now();
        SignedContent signed = SignedContent.verify(signedApplication, ca, received);
        Application app;
        try {
            app = Application.decode(signed.content());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.BAD_SIGNATURE, "signed content is not an application: " + e.getMessage());
        }
        // the application's own time is signed too (it stands for the signing time when the CMS has none)
        signed.requireSignedWhileValid(app.time(), "application time");
        requireFresh(app.time(), received, "application time");
        return db.inTransaction(c -> {
            CardRow signer = Rows.cardBySerial(c, serial(signed.signer()));
            if (signer == null) {
                throw new Refused(Reason.BAD_SIGNATURE, "the signing card certificate is not in the registry");
            }
            long person = signer.person();
            boolean checks = !faults.has(Fault.SKIP_ONE_PHONE_CHECKS);
            if (checks) {
                Rows.lockPerson(c, person);
            }
            boolean acceptInactive = faults.has(Fault.ACCEPT_INACTIVE_CARD);
            Map<CertType, CardRow> cards = new EnumMap<>(CertType.class);
            for (CertType t : app.orderedTypes()) {
                CardRow card = Rows.activeCard(c, person, t, true);
                if (card == null && acceptInactive) {
                    card = Rows.latestCard(c, person, t);
                }
                cards.put(t, card);
            }
            // A phone the registry has never seen gets its row here, in this transaction: a
            // refusal below rolls it back, so a refused application leaves no handset behind.
            Rows.lockOrAddHandset(c, app.handset(), received);
            // A replay is REPLAYED whatever state its records or cards are in by now, so the nonce
            // is looked up before any state check. It comes after the locks: a twin of this
            // application running concurrently has committed by then and is seen. The unique
            // constraint at the INSERT below stays the guarantee.
            if (Sql.exists(c, "SELECT 1 FROM application WHERE nonce = ?", app.nonce())) {
                throw new Refused(Reason.REPLAYED, "application nonce " + app.nonce() + " seen before");
            }
            if (!signer.state().equals("active") && !acceptInactive) {
                throw new Refused(Reason.CARD_NOT_ACTIVE, "the signing card certificate is " + signer.state());
            }
            for (Map.Entry<CertType, CardRow> e : cards.entrySet()) {
                if (e.getValue() == null) {
                    throw new Refused(Reason.CARD_NOT_ACTIVE, "no active " + e.getKey() + " card certificate for person "
                            + person);
                }
            }
            Instant now = now();
            String handset = app.handset();
            for (CertType t : app.orderedTypes()) {
                PhoneRow latest = Rows.latestPhone(c, person, handset, t);
                if (latest != null && (latest.specState() == PhoneCertState.ISSUING || latest.specState().live())) {
                    throw new Refused(Reason.WRONG_STATE, t + " on " + handset + " is " + latest.specState().specName());
                }
                if (checks && !Rows.phonesInState(c, person, t, "issuing").isEmpty()) {
                    throw new Refused(Reason.APPLICATION_RUNNING, "an application of person " + person + " for " + t
                            + " is running on another phone");
                }
                if (Rows.keySlot(c, handset, t) == KeySlotState.GENERATED) {
                    throw new Refused(Reason.LEFTOVER_KEY, "a key of an abandoned application sits in " + t + " on "
                            + handset + "; it must be wiped first");
                }
            }
            if (!faults.has(Fault.SKIP_HOLDER_CHECK) && Sql.exists(c, "SELECT 1 FROM phone_certificate WHERE handset_id = ?"
                    + " AND person_id <> ? AND state IN ('issuing', 'active', 'suspended')", handset, person)) {
                throw new Refused(Reason.PHONE_HELD_BY_OTHER, handset + " holds another person's certificates");
            }
            long[] applicationId = new long[1];
            if (!Sql.unlessDuplicate(c, "application_nonce_unique", () -> applicationId[0] = Sql.insert(c,
                    "INSERT INTO application (person_id, handset_id, card_certificate_id, nonce, signed_at, received_at,"
                            + " cms) VALUES (?, ?, ?, ?, ?, ?, ?)", person, handset, signer.id(), app.nonce(),
                    app.time(), now, signedApplication))) {
                throw new Refused(Reason.REPLAYED, "application nonce " + app.nonce() + " seen before");
            }
            Map<CertType, Long> records = new EnumMap<>(CertType.class);
            Map<CertType, X509Certificate> cardCerts = new EnumMap<>(CertType.class);
            for (CertType t : app.orderedTypes()) {
                PhoneRow latest = Rows.latestPhone(c, person, handset, t);
                CardRow card = cards.get(t);
                long[] id = new long[1];
                if (!Sql.unlessDuplicate(c, "one_application_per_certificate", () -> id[0] = Sql.insert(c,
                        "INSERT INTO phone_certificate (person_id, handset_id, cert_type, card_certificate_id,"
                                + " application_id, state, applied_at) VALUES (?, ?, ?, ?, ?, 'issuing', ?)", person,
                        handset, t, card.id(), applicationId[0], now))) {
                    throw new Refused(Reason.APPLICATION_RUNNING, "the database refused a second running application of"
                            + " person " + person + " for " + t + " (one_application_per_certificate)");
                }
                audit(c, now, Actor.APP, "PhoneCert", id[0], "apply",
                        latest == null ? "NoCertificate" : latest.specState().specName(), "Issuing",
                        "person " + person + ", handset " + handset + ", " + t + ", application " + applicationId[0]);
                records.put(t, id[0]);
                cardCerts.put(t, Sql.certificate(card.der()));
            }
            if (app.appKey() != null) {
                // the card vouches for this installation: its later background calls are signed with this key
                appInstances.bindKey(c, person, handset, app.appKey(), "application", now);
            }
            if (app.pushToken() != null) {
                registerToken(c, person, handset, app.pushToken(), now);
            }
            return new ApplicationResult(applicationId[0], person, handset, records, cardCerts);
        });
    }

    /**
     * spec PhoneCert.issue (LIFE-3, PRE-3, PRE-7, LIFE-12, PRE-4): Issuing -> Active with a phone
     * certificate over {@code key} (generated in the SE, read by the SP-TSM) linked to the card
     * certificate and expiring with it; the same person's certificate of this type on any other
     * phone is revoked in the same transaction (replace) and its key owed a deletion.
     *
     * @throws Refused WRONG_STATE (not Issuing), CARD_NOT_ACTIVE, KEY_NOT_GENERATED (the SP-TSM
     *     reported no key generated in this slot), ONE_PHONE_RULE (the database refused a second
     *     live certificate), INVALID (not an RSA-2048 key)
     */
    public PhoneCertificate issue(long person, String handset, CertType t, PublicKey key) {
        return db.inTransaction(c -> {
            boolean checks = !faults.has(Fault.SKIP_ONE_PHONE_CHECKS);
            if (checks) {
                Rows.lockPerson(c, person);
            }
            PhoneRow row = latest(c, person, handset, t, PhoneCertState.ISSUING);
            CardRow card = Rows.cardById(c, row.cardId());
            if (!card.state().equals("active")) {
                throw new Refused(Reason.CARD_NOT_ACTIVE, "the linked " + t + " card certificate is " + card.state());
            }
            if (Rows.keySlot(c, handset, t) != KeySlotState.GENERATED) {
                throw new Refused(Reason.KEY_NOT_GENERATED, "no key generated in " + t + " on " + handset);
            }
            X509Certificate cert;
            try {
                cert = ca.issuePhone(usage(t), key, Sql.certificate(card.der()));
            } catch (IllegalArgumentException e) {
                throw new Refused(Reason.INVALID, e.getMessage());
            }
            Instant now = now();
            if (checks && !faults.has(Fault.SKIP_REVOKE_OLD_PHONE)) {
                for (PhoneRow old : Rows.phonesInState(c, person, t, "active", "suspended")) {
                    if (!old.handset().equals(handset)) {
                        Rows.setPhoneState(c, old, "revoked", now, "replaced");
                        audit(c, now, Actor.JPKI, "PhoneCert", old.id(), "replace", old.specState().specName(),
                                "Revoked", old.describe() + ", replaced by " + handset);
                        deletions.request(c, old, now);
                    }
                }
            }
            if (!Sql.unlessDuplicate(c, "one_phone_per_certificate", () -> Sql.update(c,
                    "UPDATE phone_certificate SET state = 'active', serial = ?, der = ?, not_after = ?, issued_at = ?"
                            + " WHERE id = ?", serial(cert), der(cert), cert.getNotAfter().toInstant(), now, row.id()))) {
                throw new Refused(Reason.ONE_PHONE_RULE, "the database refused a second live " + t + " certificate of"
                        + " person " + person + " (one_phone_per_certificate, PRE-3)");
            }
            audit(c, now, Actor.JPKI, "PhoneCert", row.id(), "issue", "Issuing", "Active",
                    row.describe() + ", serial " + serial(cert) + ", linked to card certificate " + card.serial());
            return Rows.phoneById(c, row.id()).view();
        });
    }

    /** spec PhoneCert.abandon: Issuing -> NoCertificate (the session was abandoned; the SP-TSM cleans the SE later). */
    public void abandon(long person, String handset, CertType t) {
        transition(person, handset, t, PhoneCertState.ISSUING, "abandoned", "abandoned", "abandon", Actor.SP_TSM);
    }

    /** spec PhoneCert.suspend (LIFE-7): Active -> Suspended, a loss report to the call centre. */
    public void suspend(long person, String handset, CertType t) {
        transition(person, handset, t, PhoneCertState.ACTIVE, "suspended", null, "suspend", Actor.CALL_CENTRE);
    }

    /**
     * spec PhoneCert.release (LIFE-7): Suspended -> Active for the user-authentication certificate
     * only, while the card certificate is active; a signature certificate is revoked and reissued.
     */
    public void release(long person, String handset, CertType t) {
        if (t == CertType.SIGN && !faults.has(Fault.RELEASE_SIGNATURE_CERTIFICATE)) {
            throw new Refused(Reason.SIGNATURE_NOT_RELEASED, "a suspended signature certificate is revoked and"
                    + " reissued, never released (LIFE-7)");
        }
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            PhoneRow row = latest(c, person, handset, t, PhoneCertState.SUSPENDED);
            CardRow card = Rows.cardById(c, row.cardId());
            if (!card.state().equals("active")) {
                throw new Refused(Reason.CARD_NOT_ACTIVE, "the linked card certificate is " + card.state());
            }
            Instant now = now();
            if (!Sql.unlessDuplicate(c, "one_phone_per_certificate", () -> Rows.setPhoneState(c, row, "active", now, null))) {
                throw new Refused(Reason.ONE_PHONE_RULE, "the database refused a second live certificate");
            }
            audit(c, now, Actor.CALL_CENTRE, "PhoneCert", row.id(), "release", "Suspended", "Active", row.describe());
            return null;
        });
    }

    /**
     * spec PhoneCert.revoke (LIFE-4, LIFE-9, LIFE-8): Active or Suspended -> Revoked at the user's
     * request from the phone; the key is owed a deletion.
     *
     * <p><b>Trusts its caller</b>: it checks no proof that the request comes from the person's
     * phone. For in-process callers that established that themselves (the property suites' model
     * adapter, tests, the TSMs); whatever serves a network caller uses
     * {@link #revokeFromPhone}, which takes the request signed by the phone's key.
     */
    public void revoke(long person, String handset, CertType t) {
        revokeRecord(person, handset, t, "user", "revoke", Actor.APP);
    }

    /**
     * spec PhoneCert.revoke from the phone itself (LIFE-4, LIFE-9, LIFE-8), proven by the phone:
     * {@code signedRequest} is CMS SignedData of a {@link RevocationRequest} signed in the SE with
     * the phone's user-authentication key ({@link ApplicationSigner#signRevocation}). It is accepted
     * only when the signer certificate is, byte for byte, the authentication certificate the
     * registry holds for {@code person} on {@code handset} (issued by our phone authentication CA),
     * or, for SIGN, the signature certificate revoked, and that certificate is Active or Suspended; the request names the same person, phone and
     * type as the call; its time is within {@link #APPLICATION_FRESHNESS} of the service's clock;
     * its nonce was never seen. Then exactly what {@link #revoke} does, in the same transaction as
     * the request's record.
     *
     * <p>Why a Suspended authentication certificate may still sign a revocation: suspension
     * (LIFE-7) is the call centre's answer to a loss report; the user who finds the phone, or the
     * one who wants it gone for good, must still be able to end its certificates from the phone
     * (LIFE-4) without the call centre, and revocation only ever takes rights away: a finder who
     * knew the PIN could do no more than the owner already asked for. Revoked, expired or no
     * certificate: refused, the key no longer speaks for the person.
     *
     * <p>The signature certificate may also be revoked by a request its own key signed (the
     * signature PIN), so that a phone that holds only a signature certificate can still end it
     * from the phone; the signature key speaks for nothing else. With both on the phone, the app
     * revokes SIGN before AUTH, or revokes SIGN with its own key afterwards.
     *
     * @throws Refused BAD_SIGNATURE (signature, signer certificate, neither the registry's
     *     authentication certificate of this person on this phone nor, for SIGN, the signature
     *     certificate revoked, content not a revocation
     *     request, or naming another person, phone or type than the call), REPLAYED (nonce seen,
     *     or time off by more than {@link #APPLICATION_FRESHNESS}), WRONG_STATE (the signer's
     *     authentication certificate is not Active or Suspended, or the record to revoke is not),
     *     UNKNOWN (no such person)
     */
    public void revokeFromPhone(long person, String handset, CertType t, byte[] signedRequest) {
        Instant received = now();
        // the authentication key speaks for the phone; the signature key also for itself alone
        SignedContent signed = SignedContent.verify(signedRequest, ca, received, t == CertType.SIGN
                ? Set.of(phoneProfile(CertType.AUTH), phoneProfile(CertType.SIGN)) : Set.of(phoneProfile(CertType.AUTH)));
        RevocationRequest request;
        try {
            request = RevocationRequest.decode(signed.content());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.BAD_SIGNATURE, "signed content is not a revocation request: " + e.getMessage());
        }
        if (request.person() != person || !request.handset().equals(handset) || request.type() != t) {
            throw new Refused(Reason.BAD_SIGNATURE, "the signed request revokes person " + request.person() + ", "
                    + request.handset() + ", " + request.type() + ", not person " + person + ", " + handset + ", " + t);
        }
        signed.requireSignedWhileValid(request.time(), "request time");
        requireFresh(request.time(), received, "request time");
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            // as for applications: a replay is REPLAYED whatever the records' states are by now
            // (after a revocation of AUTH its signer is Revoked); looked up after the person's lock,
            // so a concurrent twin has committed; the unique constraint below stays the guarantee
            if (Sql.exists(c, "SELECT 1 FROM revocation_request WHERE nonce = ?", request.nonce())) {
                throw new Refused(Reason.REPLAYED, "revocation request nonce " + request.nonce() + " seen before");
            }
            byte[] signerDer = der(signed.signer());
            PhoneRow auth = Rows.latestPhone(c, person, handset, CertType.AUTH);
            PhoneRow signer = t == CertType.SIGN && !sameCertificate(auth, signerDer)
                    ? Rows.latestPhone(c, person, handset, CertType.SIGN) : auth;
            if (!sameCertificate(signer, signerDer)) {
                throw new Refused(Reason.BAD_SIGNATURE, "not signed by the authentication certificate of person " + person
                        + " on " + handset + (t == CertType.SIGN ? " nor by the signature certificate it revokes" : "")
                        + " (signer serial " + serial(signed.signer()) + ")");
            }
            if (!signer.specState().live()) {
                throw new Refused(Reason.WRONG_STATE, "the signing " + (signer.type() == CertType.AUTH ? "authentication"
                        : "signature") + " certificate of person " + person + " on " + handset + " is "
                        + signer.specState().specName());
            }
            PhoneRow row = latest(c, person, handset, t, PhoneCertState.ACTIVE, PhoneCertState.SUSPENDED);
            if (!Sql.unlessDuplicate(c, "revocation_nonce_unique", () -> Sql.insert(c, "INSERT INTO revocation_request"
                    + " (person_id, handset_id, cert_type, signer_certificate_id, revoked_certificate_id, nonce, signed_at,"
                    + " received_at, cms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", person, handset, t, signer.id(), row.id(),
                    request.nonce(), request.time(), received, signedRequest))) {
                throw new Refused(Reason.REPLAYED, "revocation request nonce " + request.nonce() + " seen before");
            }
            revokeRow(c, row, "user", "revoke", Actor.APP);
            return null;
        });
    }

    /** Whether {@code row} is the certificate {@code der}, byte for byte. */
    static boolean sameCertificate(PhoneRow row, byte[] der) {
        return row != null && row.der() != null && java.util.Arrays.equals(row.der(), der);
    }

    /** spec PhoneCert.revokeByCallCentre (LIFE-7, LIFE-8): Active or Suspended -> Revoked; the key is owed a deletion. */
    public void revokeByCallCentre(long person, String handset, CertType t) {
        revokeRecord(person, handset, t, "call_centre", "revokeByCallCentre", Actor.CALL_CENTRE);
    }

    private void revokeRecord(long person, String handset, CertType t, String reason, String event, Actor actor) {
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            revokeRow(c, latest(c, person, handset, t, PhoneCertState.ACTIVE, PhoneCertState.SUSPENDED), reason, event,
                    actor);
            return null;
        });
    }

    /** Active or Suspended {@code row} -> Revoked, audited; its key is owed a deletion. */
    private void revokeRow(Connection c, PhoneRow row, String reason, String event, Actor actor) throws SQLException {
        Instant now = now();
        Rows.setPhoneState(c, row, "revoked", now, reason);
        audit(c, now, actor, "PhoneCert", row.id(), event, row.specState().specName(), "Revoked", row.describe());
        deletions.request(c, row, now);
    }

    private void transition(long person, String handset, CertType t, PhoneCertState from, String to, String reason,
                            String event, Actor actor) {
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            PhoneRow row = latest(c, person, handset, t, from);
            Instant now = now();
            Rows.setPhoneState(c, row, to, now, reason);
            audit(c, now, actor, "PhoneCert", row.id(), event, from.specName(),
                    PhoneCertState.ofColumn(to).specName(), row.describe());
            return null;
        });
    }

    private static PhoneRow latest(Connection c, long person, String handset, CertType t, PhoneCertState... from)
            throws SQLException {
        PhoneRow row = Rows.latestPhone(c, person, handset, t);
        PhoneCertState s = row == null ? PhoneCertState.NO_CERTIFICATE : row.specState();
        for (PhoneCertState f : from) {
            if (s == f) {
                return row;
            }
        }
        throw new Refused(Reason.WRONG_STATE, "person " + person + ", " + handset + ", " + t + " is " + s.specName());
    }

    // ================================================================ PushToken (LIFE-13)

    /**
     * spec PushToken.register (LIFE-13) from the app over the network: {@code signature} is the
     * app instance's signature of {@code r} ({@link PushTokenRegistration#signWith}). Accepted
     * only when it verifies with the key bound to that person on that phone (by the card-signed
     * application, or by {@link #bindAppKey}), the time is within {@link #APPLICATION_FRESHNESS}
     * and the nonce was never seen; then what {@link #registerPushToken(long, String, String)} does,
     * in the same transaction as the kept nonce. Another installation of the app (the same TLS
     * role, another key) cannot redirect the person's deletion notices to itself.
     *
     * @throws Refused NO_APP_KEY (no key bound), BAD_SIGNATURE (does not verify with the bound key),
     *     REPLAYED (nonce seen, or time off by more than the freshness limit), WRONG_STATE (no record
     *     of the person on the phone)
     */
    public void registerPushToken(PushTokenRegistration r, byte[] signature) {
        appInstances.registerPushToken(r, signature);
    }

    /**
     * LIFE-13: binds the app-instance key of {@code signedBinding} (CMS SignedData of an
     * {@link AppKeyBinding}, signed in the SE by a key of the phone after its PIN) to its person
     * on its phone, replacing the key bound before: the way for an installation no application
     * introduced (a reinstall). Accepted only when the signer certificate is, byte for byte, the
     * authentication or signature certificate the registry holds for that person on that phone
     * and it is Active, or Revoked while its key is still in the SE (the reinstalled app takes the
     * deletion owed there, LIFE-8; a suspended phone, reported lost, binds nothing), the time is within
     * {@link #APPLICATION_FRESHNESS}, and the nonce was never seen.
     *
     * @throws Refused BAD_SIGNATURE (signature, signer, content, not a certificate of this person
     *     on this phone), REPLAYED (nonce seen, time off), WRONG_STATE (the signer is not Active, nor
     *     Revoked with its key left),
     *     UNKNOWN (no such person)
     */
    public void bindAppKey(byte[] signedBinding) {
        appInstances.bind(signedBinding);
    }

    /**
     * PRE-8, LIFE-13: the accepted application an SP-TSM issuance session may run for, when the app
     * that asks is the installation the application introduced: {@code signature} is its app key's
     * signature of {@code r} (fresh, nonce once). Returns the application's records that are still
     * Issuing.
     *
     * @throws Refused UNKNOWN (no such application), NO_APP_KEY, BAD_SIGNATURE, REPLAYED, WRONG_STATE
     *     (none of its records is Issuing any more)
     */
    public ApplicationResult openSpSession(SpSessionRequest r, byte[] signature) {
        Instant received = now();
        requireFresh(r.time(), received, "session time");
        return db.inTransaction(c -> {
            long person;
            String handset;
            try (PreparedStatement ps = Sql.prepare(c, "SELECT person_id, handset_id FROM application WHERE id = ?",
                    r.application()); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Refused(Reason.UNKNOWN, "no application " + r.application());
                }
                person = rs.getLong(1);
                handset = rs.getString(2);
            }
            Rows.lockPerson(c, person);
            AppInstances.requireSigned(c, person, handset, r.encode(), signature, r.nonce(), r.time(), received,
                    "sp-session");
            Map<CertType, Long> records = new EnumMap<>(CertType.class);
            Map<CertType, X509Certificate> cards = new EnumMap<>(CertType.class);
            try (PreparedStatement ps = Sql.prepare(c, "SELECT id, cert_type, card_certificate_id FROM phone_certificate"
                    + " WHERE application_id = ? AND state = 'issuing' ORDER BY id", r.application());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CertType t = CertType.valueOf(rs.getString(2));
                    records.put(t, rs.getLong(1));
                    cards.put(t, Sql.certificate(Rows.cardById(c, rs.getLong(3)).der()));
                }
            }
            if (records.isEmpty()) {
                throw new Refused(Reason.WRONG_STATE, "no record of application " + r.application() + " is Issuing");
            }
            return new ApplicationResult(r.application(), person, handset, records, cards);
        });
    }

    /**
     * LIFE-8, LIFE-13: whether an SP-TSM lock-and-wipe session may run for {@code r}: the app that
     * asks is the installation bound to that person on that phone ({@code signature}: its app key's
     * signature of {@code r}, fresh, nonce once), and the person held a certificate of that type
     * there. The SP-TSM's own policy (no lock of a valid certificate's key) applies after.
     *
     * @throws Refused NO_APP_KEY, BAD_SIGNATURE, REPLAYED, WRONG_STATE (no certificate of the person there)
     */
    public void openSpWipeSession(SpWipeRequest r, byte[] signature) {
        Instant received = now();
        requireFresh(r.time(), received, "session time");
        db.inTransaction(c -> {
            Rows.lockPerson(c, r.person());
            AppInstances.requireSigned(c, r.person(), r.handset(), r.encode(), signature, r.nonce(), r.time(), received,
                    "sp-session");
            PhoneRow held = Rows.latestPhone(c, r.person(), r.handset(), r.type());
            if (held == null || held.der() == null) {
                throw new Refused(Reason.WRONG_STATE, "person " + r.person() + " held no " + r.type() + " certificate on "
                        + r.handset());
            }
            return null;
        });
    }

    /** The app key bound for {@code person} on {@code handset} (base64 SubjectPublicKeyInfo), if any. */
    public Optional<String> appKey(long person, String handset) {
        return read(c -> Optional.ofNullable(AppInstances.boundKey(c, person, handset)));
    }

    /**
     * spec PushToken.register (LIFE-13) in process: the app registers its instance's token (again at
     * every launch, and whenever it changes); only for a holder with a record on this phone. The
     * service keeps the token (the server side manages it, not the phone). Over the network the
     * app's registration is signed: {@link #registerPushToken(PushTokenRegistration, byte[])}.
     */
    public void registerPushToken(long person, String handset, String token) {
        if (token == null || !Application.isPushToken(token)) {
            throw new Refused(Reason.INVALID, "push token: 1-512 printable ASCII characters");
        }
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            registerToken(c, person, handset, token, now());
            return null;
        });
    }

    void registerToken(Connection c, long person, String handset, String token, Instant now) throws SQLException {
        boolean hasRecord = false;
        for (CertType t : CertType.values()) {
            PhoneRow r = Rows.latestPhone(c, person, handset, t);
            hasRecord |= r != null && r.specState() != PhoneCertState.NO_CERTIFICATE;
        }
        if (!hasRecord) {
            throw new Refused(Reason.WRONG_STATE, "person " + person + " has no record on " + handset);
        }
        Optional<PushTokenRecord> before = pushToken(c, person, handset);
        if (Sql.update(c, "UPDATE push_token SET token = ?, state = 'registered', changed_at = ?, reason = NULL"
                + " WHERE person_id = ? AND handset_id = ?", token, now, person, handset) == 0) {
            Sql.update(c, "INSERT INTO push_token (person_id, handset_id, token, state, changed_at)"
                    + " VALUES (?, ?, ?, 'registered', ?)", person, handset, token, now);
        }
        audit(c, now, Actor.APP, "PushToken", person + "/" + handset, "register",
                before.map(PushTokenRecord::specState).orElse("Unregistered"), "Registered", null);
    }

    /** spec PushToken.rotate (LIFE-13, LIFE-8): the push service rotated or invalidated the token; Registered -> Unregistered. */
    public void rotatePushToken(long person, String handset) {
        db.inTransaction(c -> {
            Rows.lockPerson(c, person);
            Optional<PushTokenRecord> t = pushToken(c, person, handset);
            if (t.isEmpty() || !t.get().registered()) {
                throw new Refused(Reason.WRONG_STATE, "no registered token of person " + person + " on " + handset);
            }
            unregister(c, person, handset, "rotated", "rotate", Actor.PUSH);
            // the token is the app instance's, not the holder's: every holder on the phone who registered
            // it loses it too (finding F6: a deletion was thought deliverable through a dead token)
            unregisterWhere(c, "handset_id = ? AND token = ?", "rotated", handset, t.get().token());
            return null;
        });
    }

    /**
     * spec PushToken.invalidate (LIFE-13): the app instance on {@code handset} is gone (app removed,
     * factory reset: the gateway answers UNREGISTERED); every registered token there dies. Returns how many.
     */
    public int invalidatePushTokens(String handset, String reason) {
        if (faults.has(Fault.KEEP_TOKENS_ON_UNINSTALL)) {
            return 0;
        }
        return db.inTransaction(c -> unregisterWhere(c, "handset_id = ?", reason, handset));
    }

    /** The gateway said the token is dead (UNREGISTERED, INVALID_ARGUMENT): whoever holds it loses it. */
    void tokenDead(String token, String reason) {
        db.inTransaction(c -> unregisterWhere(c, "token = ?", reason, token));
    }

    /**
     * spec PushToken.invalidate for every registered token {@code where} (with {@code args})
     * selects, in person order; returns how many.
     */
    private int unregisterWhere(Connection c, String where, String reason, Object... args) throws SQLException {
        List<Object[]> holders = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT person_id, handset_id FROM push_token WHERE state = 'registered'"
                + " AND " + where + " ORDER BY person_id, handset_id", args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                holders.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
        }
        for (Object[] h : holders) {
            unregister(c, (Long) h[0], (String) h[1], reason, "invalidate", Actor.PUSH);
        }
        return holders.size();
    }

    private void unregister(Connection c, long person, String handset, String reason, String event, Actor actor)
            throws SQLException {
        Instant now = now();
        Sql.update(c, "UPDATE push_token SET state = 'unregistered', changed_at = ?, reason = ? WHERE person_id = ?"
                + " AND handset_id = ?", now, reason, person, handset);
        audit(c, now, actor, "PushToken", person + "/" + handset, event, "Registered", "Unregistered", reason);
    }

    // ================================================================ what the TSMs report from the SE

    /** The SP-TSM generated a key pair in slot (handset, type) (GENERATE KEY answered 9000; spec KeySlot.generate). */
    public void keyGenerated(String handset, CertType t) {
        keySlotChanged(handset, t, KeySlotState.GENERATED, "generate", false);
    }

    /**
     * The SP-TSM's session for {@code handset} reached the SE that answered INITIALIZE UPDATE with
     * key diversification data {@code kdd} (PRE-3, PRE-8). The SP-TSM's keys are diversified by
     * it, so the SE proved it. The SEI-TSM's preparation pins the handset's SE
     * ({@link #secureElementPrepared}); a handset it did not prepare is pinned by its first
     * session. A session that reaches another SE is refused before any command, so a relay cannot have keys generated,
     * certified, locked or wiped in an SE other than the one the registry names.
     *
     * @throws Refused OTHER_SECURE_ELEMENT, INVALID (not 10 bytes)
     */
    public void secureElementReached(String handset, byte[] kdd) {
        String se = seId(kdd);
        db.inTransaction(c -> {
            Instant now = now();
            Rows.lockOrAddHandset(c, handset, now);
            String pinned = Rows.secureElement(c, handset);
            if (pinned == null) {
                Rows.setSecureElement(c, handset, se);
                audit(c, now, Actor.SP_TSM, "Handset", handset, "secure-element", null, null, "SE " + se);
            } else if (!pinned.equals(se)) {
                throw new Refused(Reason.OTHER_SECURE_ELEMENT, "the session for " + handset + " reached SE " + se
                        + ", not its SE " + pinned);
            }
            return null;
        });
    }

    /**
     * The SEI-TSM prepared {@code handset}'s SE, the one whose ISD answered with key diversification
     * data {@code kdd} under its own diversified keys (PRE-3, PRE-7): the SE issuer's word pins the
     * handset's SE before any SP-TSM session, so even the first one cannot be relayed elsewhere. A
     * handset pinned to another SE moves to this one only while the registry knows no key in the
     * old one (every slot Empty); otherwise Refused OTHER_SECURE_ELEMENT and the preparation stops.
     *
     * @throws Refused OTHER_SECURE_ELEMENT, INVALID (not 10 bytes)
     */
    public void secureElementPrepared(String handset, byte[] kdd) {
        String se = seId(kdd);
        db.inTransaction(c -> {
            Instant now = now();
            Rows.lockOrAddHandset(c, handset, now);
            String pinned = Rows.secureElement(c, handset);
            if (se.equals(pinned)) {
                return null;
            }
            if (pinned != null) {
                for (CertType t : CertType.values()) {
                    if (Rows.keySlot(c, handset, t) != KeySlotState.EMPTY) {
                        throw new Refused(Reason.OTHER_SECURE_ELEMENT, handset + " holds a " + t + " key in SE " + pinned
                                + ": it is wiped before " + handset + " moves to SE " + se);
                    }
                }
            }
            Rows.setSecureElement(c, handset, se);
            audit(c, now, Actor.SEI_TSM, "Handset", handset, "secure-element", null, null,
                    (pinned == null ? "" : "from SE " + pinned + " ") + "to SE " + se + ", prepared by the SEI-TSM");
            return null;
        });
    }

    private static String seId(byte[] kdd) {
        if (kdd == null || kdd.length != 10) {
            throw new Refused(Reason.INVALID, "key diversification data is 10 bytes");
        }
        return HexFormat.of().withUpperCase().formatHex(kdd);
    }

    /** The SE {@code handset}'s SP-TSM sessions reach (hex KDD), or empty before its first session. */
    public Optional<String> secureElement(String handset) {
        return Optional.ofNullable(read(c -> Rows.secureElement(c, handset)));
    }

    /** The SP-TSM stored the slot's certificate (STORE CERTIFICATE of the end-entity certificate; spec KeySlot.certify). */
    public void certificateStored(String handset, CertType t) {
        keySlotChanged(handset, t, KeySlotState.CERTIFIED, "certify", false);
    }

    /** The SP-TSM locked the slot's key (LOCK KEY; spec KeySlot.lock, LIFE-11). */
    public void keyLocked(String handset, CertType t) {
        keySlotChanged(handset, t, KeySlotState.LOCKED, "lock", false);
    }

    /** The SP-TSM wiped the slot (WIPE KEY; spec KeySlot.erase): the deletion owed to it is done (Deletion.done, LIFE-8). */
    public void keyWiped(String handset, CertType t) {
        keySlotChanged(handset, t, KeySlotState.EMPTY, "erase", true);
    }

    /** The JPKI instance was deleted (SEI-TSM DELETE, or a reset with platform cooperation; spec KeySlot.destroy, LIFE-10). */
    public void appletDeleted(String handset) {
        for (CertType t : CertType.values()) {
            keySlotChanged(handset, t, KeySlotState.EMPTY, "destroy", true);
        }
    }

    private void keySlotChanged(String handset, CertType t, KeySlotState to, String event, boolean deletionDone) {
        db.inTransaction(c -> {
            // one transaction: a report that fails leaves no bare handset row behind
            Rows.lockOrAddHandset(c, handset, now());
            KeySlotState from = Rows.keySlot(c, handset, t);
            Instant now = now();
            Rows.setKeySlot(c, handset, t, to, now);
            if (from != to) {
                audit(c, now, Actor.SP_TSM, "KeySlot", handset + "/" + t, event, from.specName(), to.specName(), null);
            }
            if (deletionDone && !faults.has(Fault.KEEP_DELETION_AFTER_KEY_GONE)) {
                deletions.done(c, handset, t, now);
            }
            return null;
        });
    }

    // ================================================================ Deletion (LIFE-8, LIFE-9, LIFE-10)

    /**
     * spec Deletion.push: one attempt to deliver the deletion notice of slot (handset, type) to the
     * registered tokens on that phone, once per distinct token (holders who applied on the phone
     * one after the other registered the same app instance's token). Pending -> Delivered when the app acknowledged the notice
     * ({@link #deletionNoticeReceived}) during the attempt; otherwise stays Pending, and the holder
     * is warned that the phone may still hold the key. A token the gateway calls dead is dropped.
     *
     * @throws Refused WRONG_STATE when no deletion of this slot is pending
     */
    public PushOutcome pushDeletion(String handset, CertType t) {
        return deletions.push(handset, t);
    }

    /**
     * The app got the notice and asks the SP-TSM for the deletion script: Pending -> Delivered. A
     * repeated acknowledgement (push delivery is at least once) changes nothing. {@code receipt}
     * is the code the notice carried: only the app instance the notice reached knows it.
     *
     * @throws Refused WRONG_STATE when no deletion of this slot is open, BAD_SIGNATURE when the
     *     receipt is not the one the deletion's notices carry (or none was pushed yet)
     */
    public void deletionNoticeReceived(String handset, CertType t, String receipt) {
        deletions.received(handset, t, receipt);
    }

    /** spec Deletion.deliveryTimeout: the app did not run the deletion script in time; Delivered -> Pending, the notice goes again. */
    public void deliveryTimeout(String handset, CertType t) {
        deletions.timeout(handset, t);
    }

    /**
     * The scheduler's round: delivered deletions older than {@code deliveredTimeout} time out,
     * then every pending deletion is pushed once. Returns the outcomes.
     */
    public List<PushOutcome> retryPendingDeletions(Duration deliveredTimeout) {
        return deletions.retry(deliveredTimeout);
    }

    // ================================================================ PinResetGrant (LIFE-5)

    /**
     * spec PinResetGrant.grant (LIFE-5): the SP-TSM verified a reset request signed with the
     * holder's card ({@code signedRequest}: CMS SignedData, {@link ApplicationSigner#signContent},
     * content {@link #pinResetRequest}); requires the phone certificate active and the card
     * signature certificate active.
     */
    public void grantPinReset(String handset, CertType t, byte[] signedRequest) {
        SignedContent signed = SignedContent.verify(signedRequest, ca, now());
        if (!java.util.Arrays.equals(signed.content(), pinResetRequest(handset, t))) {
            throw new Refused(Reason.BAD_SIGNATURE, "the signed request is not a PIN reset request for " + t + " on "
                    + handset);
        }
        db.inTransaction(c -> {
            CardRow signer = Rows.cardBySerial(c, serial(signed.signer()));
            if (signer == null || !signer.state().equals("active")) {
                throw new Refused(Reason.CARD_NOT_ACTIVE, "the signing card certificate is not active");
            }
            long person = signer.person();
            Rows.lockPerson(c, person);
            latest(c, person, handset, t, PhoneCertState.ACTIVE);
            if (Sql.exists(c, "SELECT 1 FROM pin_reset_grant WHERE handset_id = ? AND cert_type = ?", handset, t)) {
                throw new Refused(Reason.WRONG_STATE, "a PIN reset of " + t + " on " + handset + " is already granted");
            }
            Instant now = now();
            Sql.update(c, "INSERT INTO pin_reset_grant (handset_id, cert_type, person_id, granted_at) VALUES (?, ?, ?, ?)",
                    handset, t, person, now);
            audit(c, now, Actor.SP_TSM, "PinResetGrant", handset + "/" + t, "grant", "NoGrant", "Granted",
                    "person " + person);
            return null;
        });
    }

    /** The content a PIN reset request signs (LIFE-5). */
    public static byte[] pinResetRequest(String handset, CertType t) {
        return ("JPKI PIN reset request 1\nhandset: " + handset + "\ntype: " + t.name() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** spec PinResetGrant.withdraw: the session ended without the reset. */
    public void withdrawPinReset(String handset, CertType t) {
        endGrant(handset, t, "withdraw");
    }

    /** spec PinResetGrant.consume: SET TEMPORARY PIN of the reset was carried out. */
    public void consumePinReset(String handset, CertType t) {
        endGrant(handset, t, "consume");
    }

    private void endGrant(String handset, CertType t, String event) {
        db.inTransaction(c -> {
            if (Sql.update(c, "DELETE FROM pin_reset_grant WHERE handset_id = ? AND cert_type = ?", handset, t) == 0) {
                throw new Refused(Reason.WRONG_STATE, "no PIN reset of " + t + " granted on " + handset);
            }
            audit(c, now(), Actor.SP_TSM, "PinResetGrant", handset + "/" + t, event, "Granted", "NoGrant", null);
            return null;
        });
    }

    public boolean pinResetGranted(String handset, CertType t) {
        return read(c -> Sql.exists(c, "SELECT 1 FROM pin_reset_grant WHERE handset_id = ? AND cert_type = ?", handset, t));
    }

    // ================================================================ reads (the states the spec's machines have)

    /** spec CardCert(p, t): the state of the newest card certificate of (person, type). */
    public CardCertState cardCertState(long person, CertType t) {
        return cardCertificate(person, t).map(CardCertificate::state).orElse(CardCertState.NOT_ISSUED);
    }

    /** The newest card certificate of (person, type). */
    public Optional<CardCertificate> cardCertificate(long person, CertType t) {
        return read(c -> Optional.ofNullable(Rows.latestCard(c, person, t)).map(CardRow::view));
    }

    /** The card certificate with this id (what a phone certificate links to, {@link PhoneCertificate#cardCertificateId()}). */
    public CardCertificate cardCertificateById(long id) {
        return read(c -> {
            CardRow r = Rows.cardById(c, id);
            if (r == null) {
                throw new Refused(Reason.UNKNOWN, "no card certificate " + id);
            }
            return r.view();
        });
    }

    /** spec PhoneCert(p, ph, t). */
    public PhoneCertState phoneCertState(long person, String handset, CertType t) {
        return phoneCertificate(person, handset, t).map(PhoneCertificate::state).orElse(PhoneCertState.NO_CERTIFICATE);
    }

    /** The latest record of (person, handset, type), if it ever applied. */
    public Optional<PhoneCertificate> phoneCertificate(long person, String handset, CertType t) {
        return read(c -> Optional.ofNullable(Rows.latestPhone(c, person, handset, t)).map(PhoneRow::view));
    }

    /** The record holding the certificate with this serial number. */
    public Optional<PhoneCertificate> phoneCertificateBySerial(BigInteger serial) {
        return read(c -> Optional.ofNullable(Rows.phoneBySerial(c, serial.toString(16))).map(PhoneRow::view));
    }

    /** Every record of a person, oldest first (history included). */
    public List<PhoneCertificate> phoneCertificates(long person) {
        return read(c -> Rows.phones(c, "SELECT id, person_id, handset_id, cert_type, card_certificate_id, state, serial,"
                + " der, issued_at, ended_at, end_reason FROM phone_certificate WHERE person_id = ? ORDER BY id", person)
                .stream().map(PhoneRow::view).toList());
    }

    /** spec PushToken(p, ph). */
    public Optional<PushTokenRecord> pushToken(long person, String handset) {
        return read(c -> pushToken(c, person, handset));
    }

    private static Optional<PushTokenRecord> pushToken(Connection c, long person, String handset) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT token, state, changed_at, reason FROM push_token"
                + " WHERE person_id = ? AND handset_id = ?", person, handset); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new PushTokenRecord(person, handset, rs.getString(1),
                    rs.getString(2).equals("registered"), Sql.instant(rs, "changed_at"), rs.getString(4)))
                    : Optional.empty();
        }
    }

    /** spec KeySlot(ph, t) as the SP-TSM last left it. */
    public KeySlotState keySlot(String handset, CertType t) {
        return read(c -> Rows.keySlot(c, handset, t));
    }

    /** spec Deletion(ph, t): the open deletion of the slot, or Idle. */
    public DeletionRecord deletion(String handset, CertType t) {
        return read(c -> {
            DeletionRow d = Rows.openDeletion(c, handset, t);
            return d == null ? DeletionRecord.idle(handset, t) : d.view();
        });
    }

    /** Whether some person's certificate of type {@code t} on the phone is valid (active or suspended): its key must not be locked (LIFE-11). */
    public boolean liveCertificate(String handset, CertType t) {
        return read(c -> Sql.exists(c, "SELECT 1 FROM phone_certificate WHERE handset_id = ? AND cert_type = ?"
                + " AND state IN ('active', 'suspended')", handset, t));
    }

    /** Every open deletion (pending or delivered), oldest first: what the call centre and the scheduler see. */
    public List<DeletionRecord> openDeletions() {
        return read(c -> Rows.deletions(c, "state IN ('pending', 'delivered')").stream().map(DeletionRow::view).toList());
    }

    /** Warnings given to the holder about deletions that stay pending, oldest first. */
    public List<UserWarning> warnings(long person) {
        return read(c -> {
            List<UserWarning> out = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, "SELECT id, deletion_id, at, message FROM user_warning"
                    + " WHERE person_id = ? ORDER BY id", person); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UserWarning(rs.getLong(1), person, rs.getLong(2), Sql.instant(rs, "at"), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /** The whole audit trail, in order. */
    public List<AuditEntry> audit() {
        return read(c -> Rows.auditEntries(c, ""));
    }

    /** The audit trail of one subject ({@code "PhoneCert"}, record id), in order. */
    public List<AuditEntry> audit(String subject, String subjectId) {
        return read(c -> Rows.auditEntries(c, "subject = ? AND subject_id = ?", subject, subjectId));
    }

    /**
     * Refuses (REPLAYED) a signed request whose own time lies more than
     * {@link #APPLICATION_FRESHNESS} from when it was {@code received}; {@code what} names the time.
     */
    static void requireFresh(Instant time, Instant received, String what) {
        if (Duration.between(time, received).abs().compareTo(APPLICATION_FRESHNESS) > 0) {
            throw new Refused(Reason.REPLAYED, what + " " + time + " is too far from " + received);
        }
    }

    /** Writes an audit entry naming this view's client certificate (if any) besides the actor. */
    void audit(Connection c, Instant at, Actor actor, String subject, Object subjectId, String event, String from,
               String to, String detail) throws SQLException {
        Rows.audit(c, client, at, actor, subject, subjectId, event, from, to, detail);
    }

    /** A read-only query (its own transaction). */
    <T> T read(Database.Work<T> work) {
        return db.inTransaction(work);
    }

    // ================================================================ helpers

    static String serial(X509Certificate c) {
        return c.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The phone profile of a type. */
    static Profile phoneProfile(CertType t) {
        return Profile.of(Profile.Holder.PHONE, usage(t));
    }
}
