package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.jpki.Refused.Reason;
import dev.inkan.tsm.jpki.Rows.PhoneRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * Which installation of the app speaks for a person on a phone (REQ LIFE-13, LIFE-8): every
 * installation shares the APP TLS role, so each holds a key of its own ({@link AppInstanceKey}).
 * The key is bound by the card-signed application that carried it, or after a reinstall by an
 * {@link AppKeyBinding} a key of the phone signed; the app's background calls that cannot ask for
 * a PIN (push-token registration) are accepted only with its signature, fresh, and once.
 */
final class AppInstances {
    /** How long an accepted request's nonce is kept: twice the freshness limit (signed that much before or after). */
    static final java.time.Duration NONCE_MEMORY = JpkiService.APPLICATION_FRESHNESS.multipliedBy(2);

    private final JpkiService service;

    AppInstances(JpkiService service) {
        this.service = service;
    }

    /** {@link JpkiService#registerPushToken(PushTokenRegistration, byte[])}. */
    void registerPushToken(PushTokenRegistration r, byte[] signature) {
        Instant received = service.now();
        JpkiService.requireFresh(r.time(), received, "registration time");
        service.database().inTransaction(c -> {
            Rows.lockPerson(c, r.person());
            requireSigned(c, r.person(), r.handset(), r.encode(), signature, r.nonce(), r.time(), received,
                    "push-token");
            service.registerToken(c, r.person(), r.handset(), r.token(), service.now());
            return null;
        });
    }

    /**
     * Accepts a request the app signed for {@code person} on {@code handset} (the person locked by
     * the caller): its nonce unseen, a key bound, the signature verifying with it; then keeps the nonce.
     *
     * @throws Refused REPLAYED, NO_APP_KEY, BAD_SIGNATURE
     */
    static void requireSigned(Connection c, long person, String handset, byte[] signed, byte[] signature, String nonce,
                              Instant time, Instant received, String kind) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM app_request WHERE nonce = ?", nonce)) {
            throw new Refused(Reason.REPLAYED, kind + " nonce " + nonce + " seen before");
        }
        String key = boundKey(c, person, handset);
        if (key == null) {
            throw new Refused(Reason.NO_APP_KEY, "no app key is bound for person " + person + " on " + handset);
        }
        if (!AppInstanceKey.verifies(AppInstanceKey.parse(key), signed, signature)) {
            throw new Refused(Reason.BAD_SIGNATURE, "the " + kind + " request is not signed by the app key bound for"
                    + " person " + person + " on " + handset);
        }
        keepNonce(c, nonce, person, handset, kind, time, received);
    }

    /** {@link JpkiService#bindAppKey}. */
    void bind(byte[] signedBinding) {
        Instant received = service.now();
        SignedContent signed = SignedContent.verify(signedBinding, service.ca(), received,
                Set.of(JpkiService.phoneProfile(CertType.AUTH), JpkiService.phoneProfile(CertType.SIGN)));
        AppKeyBinding b;
        try {
            b = AppKeyBinding.decode(signed.content());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.BAD_SIGNATURE, "signed content is not an app key binding: " + e.getMessage());
        }
        signed.requireSignedWhileValid(b.time(), "binding time");
        JpkiService.requireFresh(b.time(), received, "binding time");
        service.database().inTransaction(c -> {
            Rows.lockPerson(c, b.person());
            if (Sql.exists(c, "SELECT 1 FROM app_request WHERE nonce = ?", b.nonce())) {
                throw new Refused(Reason.REPLAYED, "app key binding nonce " + b.nonce() + " seen before");
            }
            byte[] signerDer = JpkiService.der(signed.signer());
            PhoneRow signer = null;
            for (CertType t : CertType.values()) {
                PhoneRow row = Rows.latestPhone(c, b.person(), b.handset(), t);
                if (JpkiService.sameCertificate(row, signerDer)) {
                    signer = row;
                }
            }
            if (signer == null) {
                throw new Refused(Reason.BAD_SIGNATURE, "not signed by a certificate of person " + b.person() + " on "
                        + b.handset() + " (signer serial " + JpkiService.serial(signed.signer()) + ")");
            }
            // Active binds; Revoked binds while its key is still in the SE, so the app reinstalled on the
            // old phone can take the deletion owed there (LIFE-8; the spec's register accepts any record);
            // Suspended (reported lost, may come back) and Expired bind nothing
            boolean keyLeft = Rows.keySlot(c, b.handset(), signer.type()) != KeySlotState.EMPTY;
            if (signer.specState() != PhoneCertState.ACTIVE
                    && !(signer.specState() == PhoneCertState.REVOKED && keyLeft)) {
                throw new Refused(Reason.WRONG_STATE, "the signing certificate of person " + b.person() + " on "
                        + b.handset() + " is " + signer.specState().specName()
                        + (signer.specState() == PhoneCertState.REVOKED ? " and its key is gone" : ""));
            }
            Instant now = service.now();
            keepNonce(c, b.nonce(), b.person(), b.handset(), "app-key", b.time(), received);
            bindKey(c, b.person(), b.handset(), b.appKey(), "phone-key", now);
            return null;
        });
    }

    static String boundKey(Connection c, long person, String handset) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT public_key FROM app_instance WHERE person_id = ?"
                + " AND handset_id = ?", person, handset); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Binds {@code key} to {@code person} on {@code handset}, replacing the key bound before; audited. */
    void bindKey(Connection c, long person, String handset, String key, String by, Instant now)
            throws SQLException {
        String before = boundKey(c, person, handset);
        if (Sql.update(c, "UPDATE app_instance SET public_key = ?, bound_by = ?, bound_at = ? WHERE person_id = ?"
                + " AND handset_id = ?", key, by, now, person, handset) == 0) {
            Sql.update(c, "INSERT INTO app_instance (person_id, handset_id, public_key, bound_by, bound_at)"
                    + " VALUES (?, ?, ?, ?, ?)", person, handset, key, by, now);
        }
        service.audit(c, now, Actor.APP, "AppInstance", person + "/" + handset, "bind",
                before == null ? "Unbound" : "Bound", "Bound", "key " + keyId(key) + " by " + by + (before == null ? "" : ", replacing " + keyId(before)));
    }

    /** A short name of an app key for the audit: the first 16 hex digits of the SHA-256 of its encoding. */
    private static String keyId(String base64) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(base64.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps the nonce of an accepted request, and forgets the person's nonces received more than
     * {@link #NONCE_MEMORY} ago: a request is accepted only within {@link JpkiService#APPLICATION_FRESHNESS}
     * of its signed time, on either side, so a replay of one received that long ago is stale anyway.
     * Without this the table would grow by a row at every launch of every app, for ever.
     */
    private static void keepNonce(Connection c, String nonce, long person, String handset, String kind, Instant signed,
                                  Instant received) throws SQLException {
        Sql.update(c, "DELETE FROM app_request WHERE person_id = ? AND received_at < ?", person,
                received.minus(NONCE_MEMORY));
        if (!Sql.unlessDuplicate(c, "app_request_nonce_unique", () -> Sql.update(c, "INSERT INTO app_request (nonce,"
                + " person_id, handset_id, kind, signed_at, received_at) VALUES (?, ?, ?, ?, ?, ?)", nonce, person,
                handset, kind, signed, received))) {
            throw new Refused(Reason.REPLAYED, kind + " nonce " + nonce + " seen before");
        }
    }
}
