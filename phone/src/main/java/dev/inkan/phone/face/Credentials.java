package dev.inkan.phone.face;

import dev.inkan.generated.scripts.CertFile;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a personalized JPKI AP holds, as its holder and the JPKI service know it: the PINs the
 * user set and the four certificates stored in the EFs.
 */
public record Credentials(Face face, String authPin, String signPassword, Map<CertFile, X509Certificate> certificates) {
    public Credentials {
        certificates = java.util.Collections.unmodifiableMap(new EnumMap<>(certificates));
    }

    public X509Certificate certificate(CertFile f) {
        return certificates.get(f);
    }
}
