package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The latest registry record of (person, handset, type) (spec PhoneCert): its state, the
 * certificate once issued (null while Issuing or after an abandoned application), and the id of
 * the card certificate it is linked to (PRE-5, LIFE-12). {@code endReason}: abandoned,
 * card_revoked, card_expired, replaced, user, call_centre.
 */
public record PhoneCertificate(long id, long person, String handset, CertType type, PhoneCertState state,
                               long cardCertificateId, X509Certificate certificate, Instant issuedAt, Instant endedAt,
                               String endReason) {
}
