package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.time.Instant;
import java.util.Objects;

/**
 * What the phone sends to revoke one of its own certificates (REQ LIFE-4, LIFE-9): the person,
 * the phone, the certificate type revoked, a fresh nonce and the time. The phone's
 * user-authentication key signs its {@link #encode() encoding} in the SE (CMS SignedData,
 * {@link ApplicationSigner#signRevocation}); {@link JpkiService#revokeFromPhone} accepts it only
 * from the authentication certificate the registry holds for that person on that phone.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI phone certificate revocation 1}, {@code person: ID},
 * {@code handset: ID}, {@code type: AUTH|SIGN}, {@code nonce: HEX}, {@code time: ISO-8601};
 * nothing else.
 */
public record RevocationRequest(long person, String handset, CertType type, String nonce, Instant time) {
    static final String MAGIC = "JPKI phone certificate revocation 1";

    public RevocationRequest {
        Objects.requireNonNull(type, "type");
        CanonicalLines.requirePersonOnPhone(person, handset, nonce, time);
    }

    /** A request with a random nonce. */
    public static RevocationRequest of(long person, String handset, CertType type, Instant time) {
        return new RevocationRequest(person, handset, type, Application.randomNonce(), time);
    }

    public byte[] encode() {
        return CanonicalLines.encode(MAGIC, "person", person, "handset", handset, "type", type.name(), "nonce", nonce,
                "time", time);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a revocation request in canonical form */
    public static RevocationRequest decode(byte[] bytes) {
        String[] v = CanonicalLines.read(bytes, MAGIC, "a phone certificate revocation request", "person", "handset",
                "type", "nonce", "time");
        RevocationRequest r = new RevocationRequest(CanonicalLines.person(v[0]), v[1], CertType.valueOf(v[2]), v[3],
                CanonicalLines.time(v[4]));
        if (!java.util.Arrays.equals(r.encode(), bytes)) {
            throw new IllegalArgumentException("revocation request not in canonical form");
        }
        return r;
    }
}
