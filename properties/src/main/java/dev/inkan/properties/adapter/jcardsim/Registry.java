package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppFaults;
import dev.inkan.phone.app.push.DeletionNoticeReceiver;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.db.Database;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.Application;
import dev.inkan.tsm.jpki.ApplicationSigner;
import dev.inkan.tsm.jpki.CardSignature;
import dev.inkan.tsm.jpki.DeletionRecord;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertificate;
import dev.inkan.tsm.jpki.PushTokenRecord;
import dev.inkan.tsm.jpki.PushTokenRegistration;
import dev.inkan.tsm.jpki.Refused;
import dev.inkan.tsm.jpki.StrictClock;
import dev.inkan.tsm.push.PushReceiver;
import dev.inkan.tsm.push.SimulatedPushGateway;
import dev.inkan.tsm.sei.SeiTsm;
import dev.inkan.tsm.sp.SpTsm;
import dev.inkan.tsm.status.RelyingParty;
import dev.inkan.tsm.status.StatusService;
import dev.inkan.tsm.status.Verdict;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The JPKI service of {@code tsm-reference} in process (registry on H2 in memory, the JPKI CA,
 * the simulated push gateway): the model's CardCert, PhoneCert, PushToken, Deletion and
 * PinResetGrant events become its operations, the SP-TSM's and SEI-TSM's results on the SEs
 * are reported to it as the real TSMs do ({@code keyGenerated}, {@code certificateStored},
 * {@code keyLocked}, {@code keyWiped}, {@code appletDeleted}), and its read models give the
 * facts compared with the model. One database per adapter, emptied for each chain.
 */
final class Registry implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final ModelView view;
    private final JpkiCa ca;
    private final Function<Integer, KeyPair> cardKey;
    private final Faults faults;
    /** The JPKI app's faults: its push receiver is the phone module's. */
    private final AppFaults appFaults;
    private Database db;
    private JpkiService jpki;
    private SeiTsm seiTsm;
    private SpTsm spTsm;
    private SimulatedPushGateway push;
    private StrictClock clock;
    private long[] person;
    private String[] token;
    /** The key of the app installation on each phone (LIFE-13), made at installApp; null without the app. */
    private AppInstanceKey[] appKey;
    /**
     * The app key (encoded) that person p's last accepted application on phone ph carried, at
     * {@code p * phones + ph}: the key the service must have bound, so the app's registrations are
     * signed with it and go through the same check as over HTTPS.
     */
    private String[] carried;
    private RelyingParty relyingParty;
    /** The last signature of each slot (phone * 2 + type): what a relying party is shown. */
    private Signed[] signed;

    private record Signed(byte[] data, byte[] signature, X509Certificate certificate, java.time.Instant at) {
    }

    Registry(ModelView view, JpkiCa ca, Function<Integer, KeyPair> cardKey, Faults faults, AppFaults appFaults) {
        this.appFaults = appFaults;
        this.view = view;
        this.ca = ca;
        this.cardKey = cardKey;
        this.faults = faults;
    }

    /** The SEI-TSM of this chain's JPKI service: its InstallApplet policy (ACC-1) decides whether the applet goes. */
    SeiTsm seiTsm() {
        return seiTsm;
    }

    /** The SP-TSM of this chain's JPKI service: its LOCK KEY policy (LIFE-11) decides whether a key is locked. */
    SpTsm spTsm() {
        return spTsm;
    }

    static String handset(int ph) {
        return "phone" + (ph + 1);
    }

    /** An empty registry with the model's persons (the municipality knows them; no certificate yet). */
    void reset() {
        if (db == null) {
            // H2 keeps a named in-memory database for the JVM's life (DB_CLOSE_DELAY=-1): the name carries this
            // class's identity too, so an adapter defined by a test's class loader (SeFault) never shares one
            db = Database.inMemory("inkan-properties-" + Integer.toHexString(System.identityHashCode(Registry.class))
                    + "-" + DATABASES.incrementAndGet());
        } else {
            empty();
        }
        services();
        person = new long[view.persons];
        for (int p = 0; p < view.persons; p++) {
            person[p] = jpki.registerPerson(new Person("INKAN PERSON " + (char) ('A' + p), "1-1 Chiyoda\nChiyoda-ku, Tokyo",
                    LocalDate.of(1990, 4, 1 + p), "F"));
        }
    }

    /** A new JPKI service, push gateway, TSMs and relying party over the database as it is. */
    private void services() {
        clock = new StrictClock(Clock.systemUTC());
        push = new SimulatedPushGateway(clock);
        // a notice is delivered now or never: what the spec's Deletion.push(delivered) models
        jpki = new JpkiService(db, ca, clock, push, faults, Duration.ZERO);
        // the TSMs' policies (rule before applet, no lock of a valid certificate's key) are theirs, with the same faults
        seiTsm = new SeiTsm(PhoneSe.ISD_KEYS, jpki, faults);
        spTsm = new SpTsm(PhoneSe.SP_MASTER, PhoneSe.SP_SD.bytes(), jpki, new java.security.SecureRandom(), faults);
        token = new String[view.phones];
        appKey = new AppInstanceKey[view.phones];
        carried = new String[view.persons * view.phones];
        relyingParty = new RelyingParty(ca, new StatusService(jpki), faults);
        signed = new Signed[view.phones * 2];
    }

    /** The applet signed {@code data} with slot (ph, t) under the certificate the slot holds, now. */
    void signed(int ph, int t, byte[] data, byte[] signature, byte[] certificateDer) {
        try {
            X509Certificate c = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificateDer));
            signed[2 * ph + t] = new Signed(data, signature, c, clock.instant());
        } catch (java.security.cert.CertificateException e) {
            signed[2 * ph + t] = null;
        }
    }

    /** One table of the registry (not Flyway's): the columns the database does not compute, and whether its id is an identity. */
    private record TableShape(String table, List<String> columns, boolean identity) {
    }

    /** The registry's tables, in name order: the migrations' schema, the same for the database's life, read once. */
    private List<TableShape> schema;

    private List<TableShape> schema(Statement st) throws SQLException {
        if (schema != null) {
            return schema;
        }
        Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
        Set<String> identity = new java.util.HashSet<>();
        try (ResultSet r = st.executeQuery("SELECT c.TABLE_NAME, c.COLUMN_NAME, c.IS_GENERATED, c.IS_IDENTITY"
                + " FROM INFORMATION_SCHEMA.COLUMNS c JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
                + " AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = 'PUBLIC' AND t.TABLE_TYPE = 'BASE TABLE'"
                + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
            while (r.next()) {
                String table = r.getString(1);
                if (table.toLowerCase().startsWith("flyway")) {
                    continue;
                }
                List<String> cols = columns.computeIfAbsent(table, x -> new ArrayList<>());
                if ("NEVER".equals(r.getString(3))) {
                    cols.add(r.getString(2));
                }
                if ("YES".equals(r.getString(4))) {
                    identity.add(table);
                }
            }
        }
        List<TableShape> out = new ArrayList<>();
        columns.forEach((t, cols) -> out.add(new TableShape(t, List.copyOf(cols), identity.contains(t))));
        schema = List.copyOf(out);
        return schema;
    }

    private void empty() {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            List<TableShape> tables = schema(s);
            s.execute("SET REFERENTIAL_INTEGRITY FALSE");
            for (TableShape t : tables) {
                s.execute("TRUNCATE TABLE \"" + t.table() + "\" RESTART IDENTITY");
            }
            s.execute("SET REFERENTIAL_INTEGRITY TRUE");
        } catch (SQLException e) {
            throw new IllegalStateException("emptying the registry", e);
        }
    }

    private static CertType type(int t, ModelView v) {
        return t == v.auth ? CertType.AUTH : CertType.SIGN;
    }

    private KeyPair cardKey(int p, int t) {
        return cardKey.apply(2 * p + t);
    }

    private X509Certificate cardSignatureCertificate(int p) {
        return jpki.cardCertificate(person[p], CertType.SIGN).map(c -> c.certificate()).orElse(null);
    }

    private CardSignature card(int p) {
        return CardSignature.of(cardKey(p, view.sign).getPrivate());
    }

    /**
     * The registry's part of a step: the registry events themselves, the TSMs' reports of what
     * the step did on the SE, and what emitted events change in the registry. {@code memo} is the
     * phone's host-side knowledge (the public key the SP-TSM read, where the certificate goes).
     */
    Response perform(String machine, String event, int[] p, Action a, byte[] before, byte[] after,
                     Function<Integer, PhoneSe.Memo> memo) {
        try {
            Response r = event(machine, event, p, a, before, after, memo);
            if (r.accepted()) {
                consequences(machine, event, p, before, after);
            }
            return r;
        } catch (Refused e) {
            return Response.refused("the JPKI service refused: " + e.reason() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return Response.refused("the JPKI service threw " + e);
        }
    }

    private Response event(String machine, String event, int[] p, Action a, byte[] before, byte[] after,
                           Function<Integer, PhoneSe.Memo> memo) {
        switch (machine) {
            case "CardCert" -> {
                CertType t = type(p[1], view);
                switch (event) {
                    case "issueCard" -> jpki.issueCard(person[p[0]], t, cardKey(p[0], p[1]).getPublic());
                    case "revoke" -> jpki.revokeCard(person[p[0]], t);
                    case "expire" -> jpki.expireCard(person[p[0]], t);
                    default -> {
                        return Response.refused("no mapping for CardCert." + event);
                    }
                }
            }
            case "PhoneCert" -> {
                long pid = person[p[0]];
                String h = handset(p[1]);
                CertType t = type(p[2], view);
                switch (event) {
                    case "apply" -> {
                        X509Certificate signer = cardSignatureCertificate(p[0]);
                        if (signer == null) {
                            return Response.refused("no card signature certificate to sign the application with");
                        }
                        // the installation's key rides in the card-signed application, which binds it (LIFE-13)
                        AppInstanceKey key = appKey[p[1]];
                        Application app = Application.of(h, Set.of(t), clock.instant(), null,
                                key == null ? null : key.encodedPublicKey());
                        jpki.apply(ApplicationSigner.sign(app, signer, card(p[0])));
                        carried[p[0] * view.phones + p[1]] = key == null ? null : key.encodedPublicKey();
                    }
                    case "issue" -> {
                        PhoneSe.Memo m = memo.apply(p[1]);
                        if (m.publicKey[p[2]] == null) {
                            return Response.refused("the SP-TSM read no public key of the slot");
                        }
                        PhoneCertificate c = jpki.issue(pid, h, t, m.publicKey[p[2]]);
                        try {
                            m.endEntity[p[2]] = c.certificate().getEncoded();
                        } catch (CertificateEncodingException e) {
                            return Response.refused("the issued certificate does not encode: " + e);
                        }
                    }
                    case "abandon" -> jpki.abandon(pid, h, t);
                    case "suspend" -> jpki.suspend(pid, h, t);
                    case "release" -> jpki.release(pid, h, t);
                    case "revoke" -> jpki.revoke(pid, h, t);
                    case "revokeByCallCentre" -> jpki.revokeByCallCentre(pid, h, t);
                    default -> {
                        return Response.refused("no mapping for PhoneCert." + event);
                    }
                }
            }
            case "PushToken" -> {
                String h = handset(p[1]);
                switch (event) {
                    case "register" -> {
                        if (token[p[1]] == null) {
                            return Response.refused("the app on " + h + " holds no push token");
                        }
                        AppInstanceKey key = appKey[p[1]];
                        if (key != null && key.encodedPublicKey().equals(carried[p[0] * view.phones + p[1]])) {
                            // the installation an application introduced: signed with its key, as over HTTPS
                            PushTokenRegistration r = PushTokenRegistration.of(person[p[0]], h, token[p[1]],
                                    clock.instant());
                            jpki.registerPushToken(r, r.signWith(key));
                        } else {
                            // a reinstalled app, which no application introduced: the real app first binds its new
                            // key with an AppKeyBinding its phone's key signs after the PIN (an Active certificate's,
                            // or a Revoked one's with its key left); the spec's register has no app keys (any record
                            // on the phone will do, and a VERIFY here would change the applet's modelled state), so
                            // the model's register is the service's trusted in-process call
                            jpki.registerPushToken(person[p[0]], h, token[p[1]]);
                        }
                    }
                    case "rotate" -> {
                        token[p[1]] = push.rotateToken(h);
                        jpki.rotatePushToken(person[p[0]], h);
                    }
                    default -> {
                        return Response.refused("no mapping for PushToken." + event);
                    }
                }
            }
            case "Deletion" -> {
                String h = handset(p[0]);
                CertType t = type(p[1], view);
                switch (event) {
                    case "push" -> {
                        // delivered = false: the gateway loses this attempt's notices (one per registered token of
                        // the phone, if any is sent at all), and no later one
                        push.loseNext(a.arg(0) == 0 ? Integer.MAX_VALUE : 0);
                        try {
                            jpki.pushDeletion(h, t);
                        } finally {
                            push.loseNext(0);
                        }
                    }
                    case "deliveryTimeout" -> jpki.deliveryTimeout(h, t);
                    default -> {
                        return Response.refused("no mapping for Deletion." + event);
                    }
                }
            }
            case "PinResetGrant" -> {
                String h = handset(p[0]);
                CertType t = type(p[1], view);
                switch (event) {
                    case "grant" -> {
                        X509Certificate signer = cardSignatureCertificate(a.arg(0));
                        if (signer == null) {
                            return Response.refused("no card signature certificate to sign the reset request with");
                        }
                        jpki.grantPinReset(h, t, ApplicationSigner.signContent(JpkiService.pinResetRequest(h, t), signer,
                                card(a.arg(0)), clock.instant()));
                    }
                    case "withdraw" -> jpki.withdrawPinReset(h, t);
                    default -> {
                        return Response.refused("no mapping for PinResetGrant." + event);
                    }
                }
            }
            case "Signature" -> {
                Signed sig = signed[2 * p[0] + p[1]];
                if (sig == null) {
                    return Response.refused("the relying party was shown no signature of this slot");
                }
                Verdict v = relyingParty.verify(sig.data(), sig.signature(), sig.certificate(), sig.at(), clock.instant());
                signed[2 * p[0] + p[1]] = null;
                boolean accept = event.equals("accept");
                if (v.accepted() != accept) {
                    return Response.refused("the relying party " + (v.accepted() ? "accepted" : "rejected")
                            + " the signature (" + v.reason() + "), the model " + (accept ? "accepts" : "rejects") + " it");
                }
            }
            case "Handset" -> {
                String h = handset(p[0]);
                switch (event) {
                    case "installApp" -> {
                        token[p[0]] = push.installApp(h, receiver(h));
                        // a new installation makes a new key (in a real phone, in the Android Keystore)
                        appKey[p[0]] = AppInstanceKey.generate(RANDOM);
                    }
                    case "uninstallApp" -> {
                        push.uninstallApp(h);
                        token[p[0]] = null;
                        appKey[p[0]] = null;
                        jpki.invalidatePushTokens(h, "app removed");
                    }
                    case "factoryReset" -> {
                        if (view.state(before, view.handset, p[0]).equals("AppInstalled")) {
                            push.factoryReset(h);
                            token[p[0]] = null;
                            appKey[p[0]] = null;
                            jpki.invalidatePushTokens(h, "factory reset");
                        }
                    }
                    case "goOffline" -> push.setOnline(h, false);
                    case "goOnline" -> push.setOnline(h, true);
                    default -> {
                        // enrolment, biometrics, intents: the phone app's own
                    }
                }
            }
            default -> {
                // SE events: their reports follow in consequences
            }
        }
        return Response.OK;
    }

    /** The JPKI app's push receiver on {@code h}: it acknowledges a deletion notice to the JPKI service. */
    private PushReceiver receiver(String h) {
        return new DeletionNoticeReceiver(h, jpki::deletionNoticeReceived, appFaults);
    }

    // ----------------------------------------------------------------- snapshots of a start's registry

    /** One table's rows (the columns the database does not compute), and whether its id is an identity. */
    private record TableRows(String table, List<String> columns, boolean identity, List<Object[]> rows) {
    }

    /**
     * The registry after a start: every row, the persons' ids, and per phone the app's push token and key.
     * A start's registry comes back from here ({@link #restore}) instead of running again, which
     * cost most of a short chain (card and phone certificates signed by the CA, CMS-signed
     * applications verified: RSA-2048 private-key operations, and the SQL around them).
     */
    record Snapshot(List<TableRows> tables, long[] person, String[] token, AppInstanceKey[] appKey, String[] carried) {
    }

    Snapshot snapshot() {
        List<TableRows> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (TableShape t : schema(st)) {
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet r = st.executeQuery("SELECT " + quoted(t.columns()) + " FROM \"" + t.table() + "\"")) {
                    while (r.next()) {
                        Object[] row = new Object[t.columns().size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = r.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                }
                out.add(new TableRows(t.table(), t.columns(), t.identity(), rows));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("snapshot of the registry", e);
        }
        return new Snapshot(out, person.clone(), token.clone(), appKey.clone(), carried.clone());
    }

    /**
     * The registry as {@code s} has it, for a start whose prefix is {@code prefix} (the same
     * persons, certificates, applications, tokens, deletions, audit; identities continue after
     * them): a new JPKI service over the rows put back. The push gateway double has no snapshot:
     * the prefix's app installs, removals and token rotations run again on it, and the tokens it
     * issues now replace the old ones in the rows (an app instance's token is opaque to the service).
     */
    void restore(Snapshot s, List<Runnable> gatewayReplay) {
        // every table is truncated and refilled below: no emptying and no persons first
        services();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            for (TableRows t : s.tables()) {
                st.execute("TRUNCATE TABLE \"" + t.table() + "\" RESTART IDENTITY");
                if (t.rows().isEmpty()) {
                    continue;
                }
                String marks = String.join(", ", java.util.Collections.nCopies(t.columns().size(), "?"));
                long maxId = 0;
                int idColumn = t.columns().indexOf("ID");
                try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + t.table() + "\" ("
                        + quoted(t.columns()) + ") VALUES (" + marks + ")")) {
                    for (Object[] row : t.rows()) {
                        for (int i = 0; i < row.length; i++) {
                            ps.setObject(i + 1, row[i]);
                        }
                        ps.addBatch();
                        if (idColumn >= 0 && row[idColumn] instanceof Number n) {
                            maxId = Math.max(maxId, n.longValue());
                        }
                    }
                    ps.executeBatch();
                }
                if (t.identity() && idColumn >= 0) {
                    st.execute("ALTER TABLE \"" + t.table() + "\" ALTER COLUMN \"ID\" RESTART WITH " + (maxId + 1));
                }
            }
            st.execute("SET REFERENTIAL_INTEGRITY TRUE");
            person = s.person().clone();
            for (Runnable r : gatewayReplay) {
                r.run();
            }
            // the installations' keys are the snapshot's: the restored app_instance rows hold their public halves
            appKey = s.appKey().clone();
            carried = s.carried().clone();
            for (int ph = 0; ph < token.length; ph++) {
                if (s.token()[ph] != null && token[ph] != null) {
                    for (String table : List.of("push_token", "deletion_attempt")) {
                        try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE " + table
                                + " SET token = ? WHERE token = ?")) {
                            ps.setString(1, token[ph]);
                            ps.setString(2, s.token()[ph]);
                            ps.executeUpdate();
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("restoring the registry", e);
        }
    }

    /** The push gateway's part of a prefix's event, alone (the rows are restored): what {@link #restore} replays. */
    Runnable gateway(String machine, String event, int[] p, byte[] before) {
        if (machine.equals("PushToken") && event.equals("rotate")) {
            return () -> token[p[1]] = push.rotateToken(handset(p[1]));
        }
        if (!machine.equals("Handset")) {
            return null;
        }
        String h = handset(p[0]);
        boolean installed = view.state(before, view.handset, p[0]).equals("AppInstalled");
        return switch (event) {
            case "installApp" -> () -> token[p[0]] = push.installApp(h, receiver(h));
            case "uninstallApp" -> () -> {
                push.uninstallApp(h);
                token[p[0]] = null;
            };
            case "factoryReset" -> installed ? () -> {
                push.factoryReset(h);
                token[p[0]] = null;
            } : null;
            case "goOffline" -> () -> push.setOnline(h, false);
            case "goOnline" -> () -> push.setOnline(h, true);
            default -> null;
        };
    }

    private static String quoted(List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
            b.append(b.length() == 0 ? "" : ", ").append('"').append(c).append('"');
        }
        return b.toString();
    }

    /** The TSMs' reports of what a step did on the SE, and what emitted events changed. */
    private void consequences(String machine, String event, int[] p, byte[] before, byte[] after) {
        for (int ph = 0; ph < view.phones; ph++) {
            String h = handset(ph);
            if (!view.jpki(before, ph).equals("Absent") && view.jpki(after, ph).equals("Absent")) {
                jpki.appletDeleted(h);
                continue;
            }
            for (int t = 0; t < 2; t++) {
                String was = view.slot(before, ph, t);
                String is = view.slot(after, ph, t);
                CertType ct = type(t, view);
                if (was.equals(is)) {
                    continue;
                }
                switch (is) {
                    case "Generated" -> {
                        jpki.keyGenerated(h, ct);
                        signed[2 * ph + t] = null;
                    }
                    case "Certified" -> jpki.certificateStored(h, ct);
                    case "Locked" -> jpki.keyLocked(h, ct);
                    case "Empty" -> jpki.keyWiped(h, ct);
                    default -> {
                    }
                }
            }
            for (int t = 0; t < 2; t++) {
                if (view.state(before, view.info.machine("PinResetGrant").index(), ph, t).equals("Granted")
                        && view.state(after, view.info.machine("PinResetGrant").index(), ph, t).equals("NoGrant")
                        && !(machine.equals("PinResetGrant") && event.equals("withdraw"))) {
                    jpki.consumePinReset(h, type(t, view));
                }
            }
        }
    }

    /**
     * The registry's read models as facts: card and phone certificates, push tokens, deletions
     * owed (with the warning), PIN reset grants. Only the instances the step could have changed
     * in the model, or that the event names, are read again.
     */
    void observe(Map<String, String> facts, byte[] before, byte[] after, boolean all) {
        ModelInfo info = view.info;
        int pushToken = info.machine("PushToken").index();
        int deletion = info.machine("Deletion").index();
        int grant = info.machine("PinResetGrant").index();
        for (int p = 0; p < view.persons; p++) {
            for (int t = 0; t < 2; t++) {
                if (all || changed(before, after, view.cardCert, p, t)) {
                    facts.put(name(view.cardCert, p, t), jpki.cardCertState(person[p], type(t, view)).specName());
                }
            }
            for (int ph = 0; ph < view.phones; ph++) {
                for (int t = 0; t < 2; t++) {
                    if (all || changed(before, after, view.phoneCert, p, ph, t)) {
                        facts.put(name(view.phoneCert, p, ph, t), jpki.phoneCertState(person[p], handset(ph),
                                type(t, view)).specName());
                    }
                }
                if (all || changed(before, after, pushToken, p, ph)) {
                    facts.put(name(pushToken, p, ph), jpki.pushToken(person[p], handset(ph))
                            .map(PushTokenRecord::specState).orElse("Unregistered"));
                }
            }
        }
        for (int ph = 0; ph < view.phones; ph++) {
            for (int t = 0; t < 2; t++) {
                if (all || changed(before, after, deletion, ph, t)) {
                    DeletionRecord d = jpki.deletion(handset(ph), type(t, view));
                    String n = name(deletion, ph, t);
                    String st = d == null ? "Idle" : d.state().specName();
                    facts.put(n, st);
                    // the model forgets the warning once the deletion is done
                    facts.put(n + ".warned", Boolean.toString(!st.equals("Idle") && d.warned()));
                }
                if (all || changed(before, after, grant, ph, t)) {
                    facts.put(name(grant, ph, t), jpki.pinResetGranted(handset(ph), type(t, view)) ? "Granted" : "NoGrant");
                }
            }
        }
    }

    private boolean changed(byte[] before, byte[] after, int machine, int... params) {
        int inst = view.model.instanceOf(machine, params);
        if (view.model.machineState(before, machine, inst) != view.model.machineState(after, machine, inst)) {
            return true;
        }
        int vars = view.info.machines().get(machine).vars().size();
        for (int v = 0; v < vars; v++) {
            if (view.model.machineVar(before, machine, inst, v) != view.model.machineVar(after, machine, inst, v)) {
                return true;
            }
        }
        return false;
    }

    private String name(int machine, int... params) {
        return ModelText.instance(view.model, machine, view.model.instanceOf(machine, params));
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
