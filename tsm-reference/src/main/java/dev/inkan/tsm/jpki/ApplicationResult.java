package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * An accepted application: the person (holder of the card that signed it), the handset, the
 * records now Issuing (by type), and the card certificates they are linked to.
 */
public record ApplicationResult(long applicationId, long person, String handset, Map<CertType, Long> records,
                                Map<CertType, X509Certificate> cardCertificates) {
    public ApplicationResult {
        records = Map.copyOf(records);
        cardCertificates = Map.copyOf(cardCertificates);
    }
}
