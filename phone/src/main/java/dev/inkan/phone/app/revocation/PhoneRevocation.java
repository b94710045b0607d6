package dev.inkan.phone.app.revocation;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppletClient;
import dev.inkan.tsm.jpki.ApplicationSigner;
import dev.inkan.tsm.jpki.RevocationRequest;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The user revokes a phone certificate from the phone itself, without the card (REQ LIFE-4,
 * LIFE-9, CRY-2): the app VERIFYs a PIN, reads the matching certificate, and has the JPKI AP sign
 * the {@link RevocationRequest} with that key (COMPUTE DIGITAL SIGNATURE over the SHA-256
 * DigestInfo of the CMS signed attributes). The service accepts it only from the authentication
 * certificate it holds for the person on this phone, or, for the signature certificate, from that
 * certificate itself; the app's TLS client certificate, shared by every installation, proves
 * nothing of the kind. The key never leaves the SE.
 *
 * <p>The authentication key signs for both types, so with both on the phone the app revokes SIGN
 * before AUTH. A phone with a signature certificate alone revokes it with the signature key (the
 * signature PIN).
 */
public final class PhoneRevocation {
    private PhoneRevocation() {
    }

    /**
     * The CMS SignedData of a request to revoke {@code type} of {@code person} on {@code handset},
     * signed at {@code at} by {@code key} (AUTH, or SIGN for its own certificate) after VERIFY of {@code pin}.
     */
    public static byte[] sign(AppletClient applet, CertType key, String pin, long person, String handset,
                              CertType type, Instant at) throws IOException {
        if (key != CertType.AUTH && key != type) {
            throw new IllegalArgumentException("the " + key + " key revokes only its own certificate, not " + type);
        }
        applet.verify(key, pin);
        X509Certificate signer = applet.readX509Certificate(key == CertType.AUTH ? CertFile.AUTH_CERT_FILE
                : CertFile.SIGN_CERT_FILE);
        return ApplicationSigner.signRevocation(RevocationRequest.of(person, handset, type, at), signer,
                digestInfo -> applet.sign(key, digestInfo));
    }
}
