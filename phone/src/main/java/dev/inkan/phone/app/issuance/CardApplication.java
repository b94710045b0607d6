package dev.inkan.phone.app.issuance;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.app.ApduPort;
import dev.inkan.phone.app.AppletClient;
import dev.inkan.se.apdu.Sw;
import dev.inkan.tsm.jpki.AppInstanceKey;
import dev.inkan.tsm.jpki.Application;
import dev.inkan.tsm.jpki.ApplicationSigner;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;

/**
 * Phase 2 of the first use (UX-3, SYS-7, CRY-2): the user holds the Individual Number Card to the
 * phone, types its signature password, and the card signs the application for phone certificates.
 * Over NFC the app selects the card's JPKI AP, verifies the password, reads the card's signature
 * certificate and has the card compute the CMS signature (COMPUTE DIGITAL SIGNATURE over the
 * DigestInfo of the signed attributes); the card's key never leaves the card.
 */
public final class CardApplication {
    private CardApplication() {
    }

    /** The CMS SignedData of an application for {@code types} on {@code handset}, signed by the card. */
    public static byte[] sign(ApduPort card, String signPassword, String handset, Set<CertType> types, Instant at,
                              String pushToken) throws IOException {
        return sign(card, signPassword, handset, types, at, pushToken, null);
    }

    /**
     * The same, carrying this installation's key ({@code appKey}, may be null) for the service to
     * bind to the card's holder on this phone (LIFE-13): the card vouches for the app instance.
     */
    public static byte[] sign(ApduPort card, String signPassword, String handset, Set<CertType> types, Instant at,
                              String pushToken, AppInstanceKey appKey) throws IOException {
        byte[] selected = card.transmit(JpkiApCommands.selectAp().apdu());
        if (Sw.of(selected) != 0x9000) {
            throw new AppletClient.AppletRefusal("SELECT of the card's JPKI AP", Sw.of(selected));
        }
        AppletClient applet = new AppletClient(card);
        applet.verify(CertType.SIGN, signPassword);
        X509Certificate signer = applet.readX509Certificate(CertFile.SIGN_CERT_FILE);
        return ApplicationSigner.sign(Application.of(handset, types, at, pushToken,
                        appKey == null ? null : appKey.encodedPublicKey()), signer,
                digestInfo -> applet.sign(CertType.SIGN, digestInfo));
    }
}
