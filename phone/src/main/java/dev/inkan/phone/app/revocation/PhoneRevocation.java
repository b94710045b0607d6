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
 * LIFE-9, CRY-2): the app VERIFYs the user-authentication PIN, reads the phone's authentication
 * certificate, and has the JPKI AP sign the {@link RevocationRequest} with the authentication key
 * (COMPUTE DIGITAL SIGNATURE over the SHA-256 DigestInfo of the CMS signed attributes). The
 * service accepts it only from the authentication certificate it holds for the person on this
 * phone; the app's TLS client certificate, shared by every installation, proves nothing of the
 * kind. The key never leaves the SE.
 *
 * <p>The authentication key signs for both types, so the app revokes SIGN before AUTH: once the
 * authentication certificate is revoked, the phone can no longer prove anything.
 */
public final class PhoneRevocation {
    private PhoneRevocation() {
    }

    /** The CMS SignedData of a request to revoke {@code type} of {@code person} on {@code handset}, signed at {@code at}. */
    public static byte[] sign(AppletClient applet, String authPin, long person, String handset, CertType type, Instant at)
            throws IOException {
        applet.verify(CertType.AUTH, authPin);
        X509Certificate signer = applet.readX509Certificate(CertFile.AUTH_CERT_FILE);
        return ApplicationSigner.signRevocation(RevocationRequest.of(person, handset, type, at), signer,
                digestInfo -> applet.sign(CertType.AUTH, digestInfo));
    }
}
