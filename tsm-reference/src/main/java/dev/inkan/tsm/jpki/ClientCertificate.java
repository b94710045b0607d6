package dev.inkan.tsm.jpki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The TLS client certificate a request to the HTTPS API came with: what the audit names besides
 * the role ({@link Actor}). The serial number alone is not enough to find the certificate again:
 * a service run without a kept operator CA makes a new one at each start, whose serials say
 * nothing about the old one's, so the SHA-256 fingerprint is kept too.
 *
 * @param subject the subject DN (RFC 2253), e.g. {@code CN=operator 7,OU=CALL_CENTRE,O=Inkan reference}
 * @param serial the serial number, lower-case hex
 * @param sha256 SHA-256 of the DER certificate, lower-case hex
 */
public record ClientCertificate(String subject, String serial, String sha256) {

    public static ClientCertificate of(X509Certificate c) {
        try {
            return new ClientCertificate(c.getSubjectX500Principal().getName(),
                    c.getSerialNumber().toString(16).toLowerCase(Locale.ROOT),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a certificate that came through the TLS handshake", e);
        }
    }
}
