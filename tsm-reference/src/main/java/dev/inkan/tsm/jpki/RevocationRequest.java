package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.nio.charset.StandardCharsets;
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
        Objects.requireNonNull(handset, "handset");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(time, "time");
        Application.checkHandsetAndNonce(handset, nonce);
        if (person < 0) {
            throw new IllegalArgumentException("person: a registry id, not " + person);
        }
    }

    /** A request with a random nonce. */
    public static RevocationRequest of(long person, String handset, CertType type, Instant time) {
        return new RevocationRequest(person, handset, type, Application.randomNonce(), time);
    }

    public byte[] encode() {
        return (MAGIC + "\nperson: " + person + "\nhandset: " + handset + "\ntype: " + type.name() + "\nnonce: " + nonce
                + "\ntime: " + time + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a revocation request in canonical form */
    public static RevocationRequest decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length != 7 || !lines[0].equals(MAGIC) || !lines[6].isEmpty()) {
            throw new IllegalArgumentException("not a phone certificate revocation request");
        }
        long person;
        try {
            person = Long.parseLong(Application.field(lines[1], "person"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad person", e);
        }
        RevocationRequest r = new RevocationRequest(person, Application.field(lines[2], "handset"),
                CertType.valueOf(Application.field(lines[3], "type")), Application.field(lines[4], "nonce"),
                Application.timeField(lines[5]));
        if (!java.util.Arrays.equals(r.encode(), bytes)) {
            throw new IllegalArgumentException("revocation request not in canonical form");
        }
        return r;
    }
}
