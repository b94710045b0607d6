package dev.inkan.tsm.jpki;

import java.time.Instant;
import java.util.Objects;

/**
 * What the app sends to register its push token (REQ LIFE-13): the person, the phone, the token,
 * a fresh nonce and the time, signed with the app instance's key ({@link AppInstanceKey}) over
 * its {@link #encode() encoding}. A background call at every launch and on token rotation, so no
 * PIN: the key bound to (person, phone) by the card-signed application, or since by an
 * {@link AppKeyBinding}, is the proof that this installation speaks for them.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI push token registration 1}, {@code person: ID},
 * {@code handset: ID}, {@code token: TOKEN}, {@code nonce: HEX}, {@code time: ISO-8601}.
 */
public record PushTokenRegistration(long person, String handset, String token, String nonce, Instant time) {
    static final String MAGIC = "JPKI push token registration 1";

    public PushTokenRegistration {
        Objects.requireNonNull(token, "token");
        CanonicalLines.requirePersonOnPhone(person, handset, nonce, time);
        if (!Application.isPushToken(token)) {
            throw new IllegalArgumentException("push token: 1-512 printable ASCII characters");
        }
    }

    /** A registration with a random nonce. */
    public static PushTokenRegistration of(long person, String handset, String token, Instant time) {
        return new PushTokenRegistration(person, handset, token, Application.randomNonce(), time);
    }

    /** What the app key signs. */
    public byte[] encode() {
        return CanonicalLines.encode(MAGIC, "person", person, "handset", handset, "token", token, "nonce", nonce,
                "time", time);
    }

    /** The app's signature of this registration with {@code key}. */
    public byte[] signWith(AppInstanceKey key) {
        return key.sign(encode());
    }
}
