package dev.inkan.tsm.http;

import dev.inkan.tsm.ca.KeyStoreFiles;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The TLS identities of the HTTP API on BouncyCastle: a CA of the service's operator that issues
 * the server's certificate (localhost, 127.0.0.1) and its callers' client certificates, each with
 * its {@link Role} as OU. The server trusts client certificates of this CA only; callers trust the
 * CA for the server. ECDSA P-256 keys, SHA-256. The CA is kept in a PKCS#12 key store
 * ({@link #store}, {@link #load}) so that a restarted service trusts the callers it enrolled
 * before (a deployment would keep its key in an HSM).
 */
public final class OperatorCa {
    /** How long the CA itself is valid: it outlives the certificates it issues, and restarts. */
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a server or client certificate is valid. */
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String ALIAS = "operator-ca";
    private static final char[] NO_PASSWORD = new char[0];
    private final SecureRandom random;
    private final KeyPair caKey;
    private final X509Certificate caCertificate;

    private OperatorCa(SecureRandom random, KeyPair caKey, X509Certificate caCertificate) {
        this.random = random;
        this.caKey = caKey;
        this.caCertificate = caCertificate;
    }

    private OperatorCa(SecureRandom random) throws GeneralSecurityException {
        this.random = random;
        this.caKey = ecKey(random);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Inkan reference")
                .addRDN(BCStyle.CN, "JPKI service operator CA").build();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(CA_VALIDITY)), name, caKey.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        this.caCertificate = sign(b);
    }

    public static OperatorCa generate(SecureRandom random) {
        try {
            return new OperatorCa(random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 and SHA256withECDSA are part of every Java platform", e);
        }
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    /** Writes the CA's key and certificate to a PKCS#12 key store (atomically: never half a file in its place). */
    public void store(java.nio.file.Path file, char[] password) throws java.io.IOException {
        try {
            KeyStore ks = KeyStoreFiles.empty();
            ks.setKeyEntry(ALIAS, caKey.getPrivate(), password, new X509Certificate[] {caCertificate});
            KeyStoreFiles.write(ks, file, password, "operator CA");
        } catch (GeneralSecurityException e) {
            throw new java.io.IOException("writing the operator CA key store " + file, e);
        }
    }

    /**
     * The CA {@link #store} wrote.
     *
     * @throws java.io.IOException when the file cannot be read, the password is wrong, or it holds
     *     no EC key matching a CA certificate
     */
    public static OperatorCa load(java.nio.file.Path file, char[] password, SecureRandom random)
            throws java.io.IOException {
        KeyStore ks = KeyStoreFiles.read(file, password, "operator CA");
        try {
            if (!(ks.getKey(ALIAS, password) instanceof java.security.interfaces.ECPrivateKey key)
                    || !(ks.getCertificate(ALIAS) instanceof X509Certificate cert)
                    || !(cert.getPublicKey() instanceof java.security.interfaces.ECPublicKey pub)
                    || cert.getBasicConstraints() < 0) {
                throw new java.io.IOException(file + " holds no operator CA (an EC key and its CA certificate)");
            }
            // the key must be the certificate's: sign something and check it with the certificate
            java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(ALIAS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(ALIAS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (!s.verify(sig)) {
                throw new java.io.IOException(file + ": the key does not match the CA certificate");
            }
            return new OperatorCa(random, new KeyPair(pub, key), cert);
        } catch (GeneralSecurityException e) {
            throw new java.io.IOException("reading the operator CA key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The server's TLS context: its certificate for localhost, client certificates of this CA trusted. */
    public SSLContext serverContext() {
        return context(issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Inkan reference")
                .addRDN(BCStyle.CN, "localhost").build(), KeyPurposeId.id_kp_serverAuth, true));
    }

    /** A caller's TLS context: a client certificate naming {@code who} with {@code role} as OU, this CA trusted for the server. */
    public SSLContext clientContext(Role role, String who) {
        return context(client(role, who));
    }

    /**
     * A caller's credentials for other programs (curl, a browser): a PKCS#12 file with the
     * client key, its certificate and the CA's, protected by {@code password}.
     */
    public byte[] clientPkcs12(Role role, String who, char[] password) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            keyStore(client(role, who), role.name().toLowerCase(java.util.Locale.ROOT), password).store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("writing a PKCS#12 file", e);
        }
    }

    /** The CA certificate in PEM, for a caller's trust store. */
    public String certificatePem() {
        return pem(caCertificate);
    }

    /** A relying party's TLS context: no client certificate, this CA trusted for the server. */
    public SSLContext anonymousContext() {
        return context(null);
    }

    private record Identity(KeyPair key, X509Certificate certificate) {
    }

    /** A client certificate naming {@code who}, with its role as OU. */
    private Identity client(Role role, String who) {
        return issue(clientName(role, who), KeyPurposeId.id_kp_clientAuth, false);
    }

    private static X500Name clientName(Role role, String who) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Inkan reference")
                .addRDN(BCStyle.OU, role.name()).addRDN(BCStyle.CN, who).build();
    }

    /**
     * A caller's client certificate for the key of a PKCS#10 request, so the caller's private key
     * never leaves it: the request's signature must verify with its own key (proof of
     * possession), the key must be EC P-256 or RSA of 2048 bits or more, and the subject is the
     * operator's choice ({@code role} as OU, {@code who} as CN): what the request asks for is
     * ignored. Returns the certificate and the CA's, in PEM.
     *
     * @throws IllegalArgumentException when the request is not one this CA certifies, saying why
     */
    public String certifyPem(PKCS10CertificationRequest request, Role role, String who) {
        PublicKey key;
        try {
            key = new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the request's public key cannot be read: " + e.getMessage());
        }
        if (key instanceof ECPublicKey ec) {
            if (!isP256(ec)) {
                throw new IllegalArgumentException("the request's EC key is not on P-256 (secp256r1)");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("the request's RSA key has " + rsa.getModulus().bitLength()
                        + " bits; 2048 or more are needed");
            }
        } else {
            throw new IllegalArgumentException("the request's key is " + key.getAlgorithm() + "; EC P-256 or RSA needed");
        }
        boolean signed;
        try {
            signed = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | org.bouncycastle.pkcs.PKCSException | RuntimeException e) {
            signed = false;
        }
        if (!signed) {
            throw new IllegalArgumentException("the request's signature does not verify with its key (no proof of"
                    + " possession)");
        }
        X509Certificate cert = issue(clientName(role, who), key, KeyPurposeId.id_kp_clientAuth, false);
        return pem(cert) + pem(caCertificate);
    }

    /**
     * A CRL of this CA revoking the certificates {@code revoked} lists (serial -> when), number
     * {@code number}, valid from {@code now} for {@link #VALIDITY} (the callers' certificates'
     * lifetime: a list is re-signed with each revocation).
     */
    public java.security.cert.X509CRL revocationList(java.util.Map<BigInteger, Instant> revoked, BigInteger number,
                                                     Instant now) {
        try {
            org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(
                    caCertificate.getSubjectX500Principal(), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(VALIDITY)));
            for (java.util.Map.Entry<BigInteger, Instant> e : revoked.entrySet()) {
                b.addCRLEntry(e.getKey(), Date.from(e.getValue()), org.bouncycastle.asn1.x509.CRLReason.unspecified);
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(number));
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("signing the callers' revocation list", e);
        }
    }

    private static boolean isP256(ECPublicKey key) {
        try {
            java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            java.security.spec.ECParameterSpec want = p.getParameterSpec(java.security.spec.ECParameterSpec.class);
            java.security.spec.ECParameterSpec have = key.getParams();
            return have.getCurve().equals(want.getCurve()) && have.getGenerator().equals(want.getGenerator())
                    && have.getOrder().equals(want.getOrder());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store holding {@code id}'s key under {@code alias}, with its certificate and the CA's. */
    private KeyStore keyStore(Identity id, String alias, char[] password) throws GeneralSecurityException,
            java.io.IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(alias, id.key().getPrivate(), password, new X509Certificate[] {id.certificate(), caCertificate});
        return keys;
    }

    /** A random positive 127-bit serial: unique across restarts with no counter to keep (RFC 5280: at most 20 bytes). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    private Identity issue(X500Name subject, KeyPurposeId purpose, boolean server) {
        KeyPair key;
        try {
            key = ecKey(random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every Java platform", e);
        }
        return new Identity(key, issue(subject, key.getPublic(), purpose, server));
    }

    private synchronized X509Certificate issue(X500Name subject, PublicKey key, KeyPurposeId purpose, boolean server) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (server) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return sign(b);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("issuing a TLS certificate", e);
        }
    }

    private SSLContext context(Identity own) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("operator-ca", caCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (own != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(own, "own", NO_PASSWORD), NO_PASSWORD);
            }
            SSLContext c = SSLContext.getInstance("TLSv1.3");
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), random);
            return c;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("building a TLS context", e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKey(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }
}
