package dev.inkan.applet;

import dev.inkan.generated.scripts.CertType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certification authority for the applet tests (the real one is
 * dev.inkan.tsm.ca in tsm-reference): one RSA-2048 CA per certificate type, end-entity
 * certificates over the applet's public keys. One instance per JVM, since CA keys take time.
 */
final class TestCa {
    private static TestCa shared;
    private final Map<CertType, KeyPair> keys = new EnumMap<>(CertType.class);
    private final Map<CertType, byte[]> caCerts = new EnumMap<>(CertType.class);
    private final AtomicLong serial = new AtomicLong(1);

    private TestCa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            for (CertType t : CertType.values()) {
                KeyPair kp = g.generateKeyPair();
                keys.put(t, kp);
                X500Name name = new X500Name("CN=Test JPKI " + t + " CA, O=Inkan tests, C=JP");
                caCerts.put(t, sign(name, name, kp.getPublic(), kp));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized TestCa shared() {
        if (shared == null) {
            shared = new TestCa();
        }
        return shared;
    }

    /** A public key no applet holds. */
    static PublicKey foreignKey() {
        return shared().keys.get(CertType.AUTH).getPublic();
    }

    byte[] caCertificate(CertType t) {
        return caCerts.get(t).clone();
    }

    /** An end-entity certificate of type {@code t} over {@code key}. */
    byte[] issue(CertType t, PublicKey key, boolean card) {
        try {
            X500Name issuer = new X500Name("CN=Test JPKI " + t + " CA, O=Inkan tests, C=JP");
            X500Name subject = new X500Name("CN=" + (card ? "card " : "phone ") + t + " " + serial.get()
                    + ", O=Inkan tests, C=JP");
            return sign(issuer, subject, key, keys.get(t));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(X500Name issuer, X500Name subject, PublicKey key, KeyPair signer) throws Exception {
        Date from = new Date(1_700_000_000_000L);
        Date to = new Date(1_900_000_000_000L);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(serial.getAndIncrement()), from, to, subject, key);
        ContentSigner s = new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate());
        return b.build(s).getEncoded();
    }
}
