package dev.inkan.tsm.jpki;

import java.time.Instant;
import java.util.Objects;

/**
 * What the app sends to open the SP-TSM's issuance session for an accepted application (REQ
 * PRE-8, LIFE-13): the application's id, a fresh nonce and the time, signed with the app
 * instance's key ({@link AppInstanceKey}) over its {@link #encode() encoding}. The application
 * bound that key to its holder on its phone, so only the installation the card vouched for can
 * have the SP-TSM generate and certify keys for it; another installation, with the same TLS role
 * and an application id guessed (they are sequential), cannot.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI SP-TSM issuance session 1}, {@code application: ID},
 * {@code nonce: HEX}, {@code time: ISO-8601}.
 */
public record SpSessionRequest(long application, String nonce, Instant time) {
    static final String MAGIC = "JPKI SP-TSM issuance session 1";

    public SpSessionRequest {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(time, "time");
        if (!nonce.matches("[0-9A-F]{16,64}")) {
            throw new IllegalArgumentException("nonce: 16-64 upper-case hex digits");
        }
        if (application <= 0) {
            throw new IllegalArgumentException("application: a registry id, not " + application);
        }
    }

    /** A request with a random nonce. */
    public static SpSessionRequest of(long application, Instant time) {
        return new SpSessionRequest(application, Application.randomNonce(), time);
    }

    /** What the app key signs. */
    public byte[] encode() {
        return CanonicalLines.encode(MAGIC, "application", application, "nonce", nonce, "time", time);
    }

    /** The app's signature of this request with {@code key}. */
    public byte[] signWith(AppInstanceKey key) {
        return key.sign(encode());
    }
}
