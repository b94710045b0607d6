package dev.inkan.phone.app.instance;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppletClient;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.AppKeyBinding;
import dev.inkan.tsm.jpki.ApplicationSigner;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A reinstalled app introduces its new {@link AppInstanceKey} to the JPKI service (REQ LIFE-13):
 * no application carries it, so the phone vouches for it. The app VERIFYs the PIN of a key of the
 * phone (the authentication key; the signature key on a phone that holds only that), reads that
 * key's certificate, and has the JPKI AP sign the {@link AppKeyBinding} (COMPUTE DIGITAL SIGNATURE
 * inside BouncyCastle's CMS). From then on the app signs its push-token registrations with the new
 * key; the old installation's key stops working.
 */
public final class AppKeyRebinding {
    private AppKeyRebinding() {
    }

    /**
     * The CMS SignedData binding {@code appKey} to {@code person} on {@code handset}, signed at
     * {@code at} by the phone's key {@code key} after VERIFY of {@code pin}.
     */
    public static byte[] sign(AppletClient applet, CertType key, String pin, long person, String handset,
                              AppInstanceKey appKey, Instant at) throws IOException {
        applet.verify(key, pin);
        X509Certificate signer = applet.readX509Certificate(key == CertType.AUTH ? CertFile.AUTH_CERT_FILE
                : CertFile.SIGN_CERT_FILE);
        AppKeyBinding binding = AppKeyBinding.of(person, handset, appKey, at);
        return ApplicationSigner.signContent(binding.encode(), signer, digestInfo -> applet.sign(key, digestInfo), at);
    }
}
