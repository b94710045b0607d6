package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.time.Instant;
import java.util.Objects;

/**
 * What the app sends to have the SP-TSM lock and wipe a key of its phone after a deletion notice
 * (REQ LIFE-8, LIFE-9): the person, the phone, the key's type, a fresh nonce and the time,
 * signed with the app instance's key bound to that person on that phone. The SP-TSM reports the
 * wipe to the JPKI service, which closes the deletion owed; so another installation, relaying
 * to its own SE, must not be able to claim it wiped this phone's key while the key still sits
 * there.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI SP-TSM lock-and-wipe session 1}, {@code person: ID},
 * {@code handset: ID}, {@code type: AUTH|SIGN}, {@code nonce: HEX}, {@code time: ISO-8601}.
 */
public record SpWipeRequest(long person, String handset, CertType type, String nonce, Instant time) {
    static final String MAGIC = "JPKI SP-TSM lock-and-wipe session 1";

    public SpWipeRequest {
        Objects.requireNonNull(type, "type");
        CanonicalLines.requirePersonOnPhone(person, handset, nonce, time);
    }

    /** A request with a random nonce. */
    public static SpWipeRequest of(long person, String handset, CertType type, Instant time) {
        return new SpWipeRequest(person, handset, type, Application.randomNonce(), time);
    }

    /** What the app key signs. */
    public byte[] encode() {
        return CanonicalLines.encode(MAGIC, "person", person, "handset", handset, "type", type.name(), "nonce", nonce,
                "time", time);
    }

    /** The app's signature of this request with {@code key}. */
    public byte[] signWith(AppInstanceKey key) {
        return key.sign(encode());
    }
}
