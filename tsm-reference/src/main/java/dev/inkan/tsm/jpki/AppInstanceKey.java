package dev.inkan.tsm.jpki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key of one installation of the JPKI app (REQ LIFE-13): an EC P-256 key pair the app makes
 * once (in a real phone, in the Android Keystore; a reinstall makes a new one). Every
 * installation shares the app's TLS role, so the role cannot tell them apart; this key can. It
 * is bound to a (person, phone) by the card-signed application ({@link Application#appKey()}) or,
 * after a reinstall, by an {@link AppKeyBinding} the phone's own key signed; background calls
 * that cannot ask for a PIN (push-token registration) are signed with it.
 *
 * <p>On the wire: the base64 of its X.509 SubjectPublicKeyInfo; signatures are SHA256withECDSA (DER).
 */
public final class AppInstanceKey {
    private static final String CURVE = "secp256r1";
    /** The P-256 field size in bits; with the order, what tells the curve apart from other 256-bit ones. */
    private static final int FIELD_BITS = 256;
    private static final java.math.BigInteger P256_ORDER = new java.math.BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final KeyPair pair;

    private AppInstanceKey(KeyPair pair) {
        this.pair = pair;
    }

    /** A new key, as the app makes at its first launch. */
    public static AppInstanceKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(CURVE), random);
            return new AppInstanceKey(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 in this JDK", e);
        }
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The public key as it travels: base64 of its SubjectPublicKeyInfo. */
    public String encodedPublicKey() {
        return encode(pair.getPublic());
    }

    /** SHA256withECDSA of {@code data} with the private key. */
    public byte[] sign(byte[] data) {
        return sign(pair.getPrivate(), data);
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
    }

    static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The P-256 public key in {@code base64} (SubjectPublicKeyInfo), in canonical encoding.
     *
     * @throws IllegalArgumentException when it is not base64, not a public key, not EC P-256, or not canonical
     */
    public static PublicKey parse(String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app key: not base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("app key: not an EC public key (X.509 SubjectPublicKeyInfo)");
        }
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != FIELD_BITS
                || !ec.getParams().getOrder().equals(P256_ORDER)) {
            throw new IllegalArgumentException("app key: must be on curve P-256 (secp256r1)");
        }
        if (!Arrays.equals(key.getEncoded(), der) || !encode(key).equals(base64)) {
            throw new IllegalArgumentException("app key: not in canonical encoding");
        }
        return key;
    }

    /** Whether {@code signature} (SHA256withECDSA, DER) of {@code data} verifies with {@code key}. */
    static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a malformed signature is a signature that does not verify
            return false;
        }
    }
}
