package dev.inkan.tsm.sp;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.jpki.PhoneCertificate;
import java.util.Map;

/**
 * What an issuance session leaves: the phone certificates now Active and stored in the applet,
 * and the temporary PINs the SP-TSM set (LIFE-6), handed to the app inside the session (over TLS)
 * so it can VERIFY them and CHANGE REFERENCE DATA to the user's PINs at once (PRE-9); the user
 * never sees them.
 */
public record IssuanceResult(Map<CertType, PhoneCertificate> certificates, Map<CertType, String> temporaryPins) {
    public IssuanceResult {
        certificates = Map.copyOf(certificates);
        temporaryPins = Map.copyOf(temporaryPins);
    }
}
