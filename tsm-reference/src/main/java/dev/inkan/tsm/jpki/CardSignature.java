package dev.inkan.tsm.jpki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * The card's signature key as the app reaches it: COMPUTE DIGITAL SIGNATURE over a DigestInfo,
 * RSASSA-PKCS1-v1_5 type 01 padding (REQ CRY-2, SYS-7). The app implements it with APDUs to the
 * card after the signature password; tests may use a key in memory.
 */
@FunctionalInterface
public interface CardSignature {
    /** The 256-byte signature of {@code digestInfo} (DER DigestInfo, padded with type 01). */
    byte[] sign(byte[] digestInfo) throws IOException;

    /**
     * The DER DigestInfo of SHA-256({@code data}): what COMPUTE DIGITAL SIGNATURE takes (the card
     * adds the PKCS#1 v1.5 type 01 padding).
     */
    static byte[] sha256DigestInfo(byte[] data) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(data);
            return new org.bouncycastle.asn1.x509.DigestInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, org.bouncycastle.asn1.DERNull.INSTANCE),
                    digest).getEncoded("DER");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("SHA-256 and DER are always there", e);
        }
    }

    /** A key in memory (RSA NONEwithRSA: PKCS#1 v1.5 type 01 over the DigestInfo as given). */
    static CardSignature of(PrivateKey key) {
        return digestInfo -> {
            try {
                Signature s = Signature.getInstance("NONEwithRSA");
                s.initSign(key);
                s.update(digestInfo);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IOException("RSA signature", e);
            }
        };
    }
}
