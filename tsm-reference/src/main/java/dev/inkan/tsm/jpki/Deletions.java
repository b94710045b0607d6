package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.jpki.Faults.Fault;
import dev.inkan.tsm.jpki.Refused.Reason;
import dev.inkan.tsm.jpki.Rows.DeletionRow;
import dev.inkan.tsm.jpki.Rows.PhoneRow;
import dev.inkan.tsm.push.PushGateway;
import dev.inkan.tsm.push.PushMessage;
import dev.inkan.tsm.push.SendResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The remote deletions the JPKI service owes (REQ LIFE-8, LIFE-9, LIFE-3, LIFE-10; spec Deletion):
 * requested in the transaction that revokes or expires a certificate whose key may still sit in
 * the phone's SE, pushed to the phone's registered tokens, delivered when the app acknowledges,
 * done when the SP-TSM wiped the key (or the applet was deleted). Failed pushes leave the deletion
 * pending, count the attempt and warn the holder.
 */
final class Deletions {
    /** The push message kind of a deletion notice; data: handset, type, deletion id, receipt. */
    static final String NOTICE = JpkiService.DELETION_NOTICE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JpkiService service;
    private final PushGateway push;
    private final Duration ttl;

    Deletions(JpkiService service, PushGateway push, Duration ttl) {
        this.service = service;
        this.push = push;
        this.ttl = ttl;
    }

    /** The same deletions for {@code other} (the service acting for a client certificate). */
    Deletions of(JpkiService other) {
        return new Deletions(other, push, ttl);
    }

    /** spec Deletion.request from a certificate's revocation or expiry; only while a key may sit in the slot (KeySlot not Empty). */
    void request(Connection c, PhoneRow cert, Instant now) throws SQLException {
        if (service.faults().has(Fault.SKIP_DELETION_REQUEST)) {
            return;
        }
        if (Rows.keySlot(c, cert.handset(), cert.type()) == KeySlotState.EMPTY) {
            return;
        }
        if (Rows.openDeletion(c, cert.handset(), cert.type()) != null) {
            return; // spec: ignore request in Pending, Delivered
        }
        long[] id = new long[1];
        if (Sql.unlessDuplicate(c, "one_open_deletion", () -> id[0] = Sql.insert(c, "INSERT INTO deletion (handset_id,"
                + " cert_type, phone_certificate_id, state, requested_at) VALUES (?, ?, ?, 'pending', ?)", cert.handset(),
                cert.type(), cert.id(), now))) {
            service.audit(c, now, Actor.JPKI, "Deletion", cert.handset() + "/" + cert.type(), "request", "Idle",
                    "Pending", "deletion " + id[0] + " for record " + cert.id());
        }
    }

    /** spec Deletion.done (KeySlot erase or destroy). */
    void done(Connection c, String handset, CertType t, Instant now) throws SQLException {
        DeletionRow d = Rows.openDeletion(c, handset, t);
        if (d == null) {
            return; // spec: ignore done in Idle
        }
        Sql.update(c, "UPDATE deletion SET state = 'done', done_at = ? WHERE id = ?", now, d.id());
        service.audit(c, now, Actor.SP_TSM, "Deletion", handset + "/" + t, "done", d.view().state().specName(), "Idle",
                "deletion " + d.id() + " after " + d.attempts() + " attempt(s)");
    }

    PushOutcome push(String handset, CertType t) {
        record Attempt(long deletionId, long owner, List<String> tokens, String receipt) {
        }
        Attempt a = service.database().inTransaction(c -> {
            Rows.lockHandset(c, handset);
            DeletionRow d = Rows.openDeletion(c, handset, t);
            if (d == null || !d.state().equals("pending")) {
                throw new Refused(Reason.WRONG_STATE, "no pending deletion of " + t + " on " + handset);
            }
            // One notice per app instance: holders who applied on this phone one after the other
            // registered the token of the same app instance (finding F4: one notice per row reached
            // the app twice, and its second acknowledgement failed the push).
            Set<String> distinct = new LinkedHashSet<>();
            try (PreparedStatement ps = Sql.prepare(c, "SELECT token FROM push_token WHERE handset_id = ?"
                    + " AND state = 'registered' ORDER BY person_id", handset); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    distinct.add(rs.getString(1));
                }
            }
            List<String> tokens = List.copyOf(distinct);
            Instant now = service.now();
            Sql.update(c, "UPDATE deletion SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?", now, d.id());
            String receipt = d.receipt();
            if (receipt == null) {
                // one code for every notice of the deletion: a late notice of an earlier push still counts
                byte[] code = new byte[16];
                RANDOM.nextBytes(code);
                receipt = HexFormat.of().formatHex(code);
                Sql.update(c, "UPDATE deletion SET receipt = ? WHERE id = ?", receipt, d.id());
            }
            PhoneRow cause = d.phoneCertificate() == null ? null : Rows.phoneById(c, d.phoneCertificate());
            return new Attempt(d.id(), cause == null ? -1 : cause.person(), tokens, receipt);
        });
        List<SendResult> results = new ArrayList<>();
        List<String> outcome = new ArrayList<>();
        PushMessage notice = new PushMessage(NOTICE, Map.of("handset", handset, "type", t.name(),
                "deletion", Long.toString(a.deletionId()), "receipt", a.receipt()), ttl);
        for (String token : a.tokens()) {
            SendResult r = push.send(token, notice);
            results.add(r);
            outcome.add(r.name());
            if (r.tokenDead()) {
                service.tokenDead(token, r.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        String result = a.tokens().isEmpty() ? "NO_TOKEN" : String.join(",", outcome);
        return service.database().inTransaction(c -> {
            Rows.lockHandset(c, handset);
            Instant now = service.now();
            if (a.tokens().isEmpty()) {
                Sql.update(c, "INSERT INTO deletion_attempt (deletion_id, at, token, result) VALUES (?, ?, NULL, ?)",
                        a.deletionId(), now, result);
            }
            for (int i = 0; i < a.tokens().size(); i++) {
                Sql.update(c, "INSERT INTO deletion_attempt (deletion_id, at, token, result) VALUES (?, ?, ?, ?)",
                        a.deletionId(), now, a.tokens().get(i), results.get(i).name());
            }
            DeletionRow d = Rows.deletions(c, "id = ?", a.deletionId()).get(0);
            boolean warned = d.warned();
            if (d.state().equals("pending")) {
                if (!service.faults().has(Fault.SKIP_DELETION_WARNING)) {
                    warned = true;
                    if (a.owner() >= 0) {
                        Sql.update(c, "INSERT INTO user_warning (person_id, deletion_id, at, message) VALUES (?, ?, ?, ?)",
                                a.owner(), a.deletionId(), now, "The phone " + handset + " may still hold your revoked "
                                        + (t == CertType.SIGN ? "signature" : "user-authentication") + " key: the"
                                        + " deletion notice did not reach it (" + result + "). It will be sent again;"
                                        + " have the phone checked at a shop if it stays offline.");
                    }
                }
                Sql.update(c, "UPDATE deletion SET warned = ?, last_result = ? WHERE id = ?", warned, result, d.id());
                service.audit(c, now, Actor.PUSH, "Deletion", handset + "/" + t, "push", "Pending", "Pending",
                        "not delivered: " + result + (warned ? ", holder warned" : ""));
            } else {
                Sql.update(c, "UPDATE deletion SET last_result = ? WHERE id = ?", result, d.id());
            }
            DeletionRow after = Rows.deletions(c, "id = ?", a.deletionId()).get(0);
            return new PushOutcome(handset, t, results, after.view().state(), after.warned());
        });
    }

    /**
     * The app acknowledged a notice: Pending -> Delivered. Push delivery is at least once, so an
     * acknowledgement of a deletion already Delivered changes nothing; one with nothing owed is
     * refused.
     */
    void received(String handset, CertType t, String receipt) {
        service.database().inTransaction(c -> {
            Rows.lockHandset(c, handset);
            DeletionRow d = Rows.openDeletion(c, handset, t);
            if (d == null) {
                throw new Refused(Reason.WRONG_STATE, "no pending deletion of " + t + " on " + handset);
            }
            String sent = d.receipt();
            if (sent == null || receipt == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII),
                    receipt.getBytes(StandardCharsets.US_ASCII))) {
                throw new Refused(Reason.BAD_SIGNATURE, "the acknowledgement does not carry the receipt of a deletion"
                        + " notice of " + t + " on " + handset + (sent == null ? " (none was sent yet)" : ""));
            }
            if (d.state().equals("delivered")) {
                return null;
            }
            Instant now = service.now();
            Sql.update(c, "UPDATE deletion SET state = 'delivered', delivered_at = ?, warned = ? WHERE id = ?", now,
                    d.warned(), d.id());
            service.audit(c, now, Actor.APP, "Deletion", handset + "/" + t, "push", "Pending", "Delivered",
                    "notice acknowledged by the app");
            return null;
        });
    }

    void timeout(String handset, CertType t) {
        service.database().inTransaction(c -> {
            Rows.lockHandset(c, handset);
            DeletionRow d = Rows.openDeletion(c, handset, t);
            if (d == null || !d.state().equals("delivered")) {
                throw new Refused(Reason.WRONG_STATE, "no delivered deletion of " + t + " on " + handset);
            }
            Instant now = service.now();
            Sql.update(c, "UPDATE deletion SET state = 'pending', delivered_at = NULL WHERE id = ?", d.id());
            service.audit(c, now, Actor.JPKI, "Deletion", handset + "/" + t, "deliveryTimeout", "Delivered", "Pending",
                    null);
            return null;
        });
    }

    List<PushOutcome> retry(Duration deliveredTimeout) {
        Instant cutoff = service.now().minus(deliveredTimeout);
        List<DeletionRow> open = service.read(c -> Rows.deletions(c, "state IN ('pending', 'delivered')"));
        List<PushOutcome> out = new ArrayList<>();
        for (DeletionRow d : open) {
            try {
                if (d.state().equals("delivered")) {
                    if (d.deliveredAt() != null && !d.deliveredAt().isAfter(cutoff)) {
                        timeout(d.handset(), d.type());
                    } else {
                        continue;
                    }
                }
                out.add(push(d.handset(), d.type()));
            } catch (Refused e) {
                // done or changed meanwhile
            }
        }
        return out;
    }
}
