package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A card certificate as the registry holds it (spec CardCert): its state, the certificate, when it ended. */
public record CardCertificate(long id, long person, CertType type, CardCertState state, X509Certificate certificate,
                              Instant issuedAt, Instant endedAt) {
}
