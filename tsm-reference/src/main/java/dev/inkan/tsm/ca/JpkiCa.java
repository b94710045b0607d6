package dev.inkan.tsm.ca;

import dev.inkan.tsm.ca.Profile.Holder;
import dev.inkan.tsm.ca.Profile.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The JPKI certification authority of the reference system (REQ SYS-3, LIFE-12, PRE-4, PRE-5,
 * CRY-1, CRY-2): four RSA-2048 CAs, one per {@link Profile}, signing with SHA-256 and RSA PKCS#1
 * v1.5. Card certificates carry the card profile; phone certificates carry the phone profile
 * (their own issuer and policy), a {@link CardLink} to the card certificate of the same usage,
 * and that certificate's expiry. Signature certificates hold the four basic information items
 * (RFC 3739 subject directory attributes); user-authentication certificates hold no personal data.
 *
 * <p>Keys live in memory, or in a PKCS#12 key store ({@link #store}, {@link #load}) so that a
 * service restarted on its file database keeps its CAs. Thread-safe once generated:
 * issuance only reads the keys and draws serial numbers from a {@link SecureRandom}.
 */
public final class JpkiCa {
    /** RFC 3739 3.2.2 personal data attributes and X.520 postalAddress. */
    static final ASN1ObjectIdentifier DATE_OF_BIRTH = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.9.1");
    static final ASN1ObjectIdentifier GENDER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.9.3");
    static final ASN1ObjectIdentifier POSTAL_ADDRESS = BCStyle.POSTAL_ADDRESS;
    /** Card certificates of the reference system: five years, as the card's signature certificate. */
    public static final Duration CARD_VALIDITY = Duration.ofDays(5 * 365);
    static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final SecureRandom random;
    private final Clock clock;
    private final Map<Profile, KeyPair> keys = new EnumMap<>(Profile.class);
    private final Map<Profile, X509Certificate> certificates = new EnumMap<>(Profile.class);

    private JpkiCa(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** A new CA: four RSA-2048 key pairs (e = 65537) and self-signed CA certificates. */
    public static JpkiCa generate(SecureRandom random, Clock clock) {
        JpkiCa ca = new JpkiCa(random, clock);
        for (Profile p : Profile.values()) {
            KeyPair kp = rsa2048(random);
            ca.keys.put(p, kp);
            X500Name name = caName(p);
            Instant now = clock.instant();
            ca.certificates.put(p, ca.build(name, name, kp.getPublic(), kp, now, now.plus(CA_VALIDITY),
                    b -> {
                        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                        b.addExtension(Extension.certificatePolicies, false,
                                new CertificatePolicies(new PolicyInformation(p.policy)));
                    }));
        }
        return ca;
    }

    public static JpkiCa generate() {
        return generate(new SecureRandom(), Clock.systemUTC());
    }

    /**
     * Writes the four CA keys with their certificates to a PKCS#12 key store (one entry per
     * profile, by its name), protected by {@code password}.
     */
    public void store(java.nio.file.Path file, char[] password) throws java.io.IOException {
        try {
            java.security.KeyStore ks = KeyStoreFiles.empty();
            for (Profile p : Profile.values()) {
                ks.setKeyEntry(p.name(), keys.get(p).getPrivate(), password, new X509Certificate[] {certificates.get(p)});
            }
            KeyStoreFiles.write(ks, file, password, "CA");
        } catch (GeneralSecurityException e) {
            throw new java.io.IOException("writing the CA key store " + file, e);
        }
    }

    /** The CA of a key store {@link #store} wrote; every profile must be there, each key matching its certificate. */
    public static JpkiCa load(java.nio.file.Path file, char[] password, SecureRandom random, Clock clock)
            throws java.io.IOException {
        java.security.KeyStore ks = KeyStoreFiles.read(file, password, "CA");
        try {
            JpkiCa ca = new JpkiCa(random, clock);
            for (Profile p : Profile.values()) {
                if (!(ks.getKey(p.name(), password) instanceof java.security.PrivateKey key)
                        || !(ks.getCertificate(p.name()) instanceof X509Certificate cert)) {
                    throw new java.io.IOException(file + " holds no key and certificate for " + p.name());
                }
                if (!(cert.getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub)
                        || !(key instanceof java.security.interfaces.RSAPrivateKey priv)
                        || !pub.getModulus().equals(priv.getModulus())) {
                    throw new java.io.IOException(file + ": the key of " + p.name() + " does not match its certificate");
                }
                ca.keys.put(p, new KeyPair(pub, key));
                ca.certificates.put(p, cert);
            }
            return ca;
        } catch (GeneralSecurityException e) {
            throw new java.io.IOException("reading the CA key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same CA (same keys and CA certificates) telling time by {@code other} (the JPKI service's clock). */
    public JpkiCa withClock(Clock other) {
        JpkiCa ca = new JpkiCa(random, other);
        ca.keys.putAll(keys);
        ca.certificates.putAll(certificates);
        return ca;
    }

    static KeyPair rsa2048(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-2048 key generation", e);
        }
    }

    static X500Name caName(Profile p) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "JPKI")
                .addRDN(BCStyle.OU, "Inkan reference").addRDN(BCStyle.CN, p.caName).build();
    }

    /** The self-signed certificate of the CA of {@code p} (what EF 0002 or 000B holds). */
    public X509Certificate caCertificate(Profile p) {
        return certificates.get(p);
    }

    /**
     * A card certificate (SYS-7) over {@code key}, valid from now for {@link #CARD_VALIDITY}. The
     * signature certificate carries {@code person}'s four basic information items.
     */
    public X509Certificate issueCard(Usage usage, PublicKey key, Person person) {
        Instant now = clock.instant();
        return issueCard(usage, key, person, now, now.plus(CARD_VALIDITY));
    }

    /** A card certificate with an explicit validity (tests, migration of real cards). */
    public X509Certificate issueCard(Usage usage, PublicKey key, Person person, Instant notBefore, Instant notAfter) {
        Profile p = Profile.of(Holder.CARD, usage);
        X500Name subject = subject(usage, person);
        return endEntity(p, subject, key, person, notBefore, notAfter, null);
    }

    /**
     * A phone certificate over {@code key} (a key generated in the phone's SE) for the holder of
     * {@code card}, a valid card certificate of this CA and of the same usage: same subject and
     * personal data, the phone profile, the link to the card certificate (LIFE-12, PRE-5), and
     * the card certificate's expiry (PRE-4).
     *
     * @throws IllegalArgumentException when the card certificate is not ours, not a card
     *     certificate, of the other usage, or not valid now
     */
    public X509Certificate issuePhone(Usage usage, PublicKey key, X509Certificate card) {
        Profile cardProfile = profileOf(card);
        if (cardProfile == null || cardProfile.holder != Holder.CARD) {
            throw new IllegalArgumentException("not a card certificate: " + card.getSubjectX500Principal());
        }
        if (cardProfile.usage != usage) {
            throw new IllegalArgumentException("a " + usage + " phone certificate links to a " + usage
                    + " card certificate, not " + cardProfile.usage);
        }
        if (!issued(card)) {
            throw new IllegalArgumentException("card certificate not issued by this CA");
        }
        Instant now = clock.instant();
        try {
            card.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("card certificate not valid now: " + e.getMessage(), e);
        }
        X500Name subject = X500Name.getInstance(card.getSubjectX500Principal().getEncoded());
        byte[] directory = card.getExtensionValue(Extension.subjectDirectoryAttributes.getId());
        return endEntity(Profile.of(Holder.PHONE, usage), subject, key, null, now, card.getNotAfter().toInstant(),
                b -> {
                    b.addExtension(CardLink.OID, false, CardLink.to(card).toAsn1());
                    if (directory != null) {
                        b.addExtension(Extension.subjectDirectoryAttributes, false,
                                org.bouncycastle.asn1.ASN1OctetString.getInstance(directory).getOctets());
                    }
                });
    }

    /** Whether this CA issued {@code c} (its signature verifies with the CA of its profile). */
    public boolean issued(X509Certificate c) {
        Profile p = profileOf(c);
        if (p == null || !c.getIssuerX500Principal().equals(certificates.get(p).getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(keys.get(p).getPublic());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The profile of a certificate from its policy OID, or null for none of ours. */
    public static Profile profileOf(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.certificatePolicies.getId());
        if (ext == null) {
            return null;
        }
        CertificatePolicies policies = CertificatePolicies.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
        for (PolicyInformation pi : policies.getPolicyInformation()) {
            Profile p = Profile.ofPolicy(pi.getPolicyIdentifier().getId());
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The card certificate a phone certificate links to, if it has the link extension. */
    public static Optional<CardLink> cardLinkOf(X509Certificate phone) {
        byte[] ext = phone.getExtensionValue(CardLink.OID.getId());
        return ext == null ? Optional.empty() : Optional.of(CardLink.fromAsn1(ext));
    }

    // ---------------------------------------------------------------- building

    private X500Name subject(Usage usage, Person person) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP");
        if (usage == Usage.SIGNATURE) {
            b.addRDN(BCStyle.CN, person.name());
        } else {
            // the user-authentication certificate identifies the card, not the person
            byte[] id = new byte[8];
            random.nextBytes(id);
            b.addRDN(BCStyle.CN, "JPKI user " + HexFormat.of().withUpperCase().formatHex(id));
        }
        return b.build();
    }

    private X509Certificate endEntity(Profile p, X500Name subject, PublicKey key, Person person, Instant notBefore,
                                      Instant notAfter, Extras extras) {
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != 2048) {
            throw new IllegalArgumentException("JPKI keys are RSA-2048 (CRY-1)");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity ends before it starts");
        }
        return build(caName(p), subject, key, keys.get(p), notBefore, notAfter, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (p.usage == Usage.SIGNATURE) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(p.policy)));
            if (person != null && p.usage == Usage.SIGNATURE) {
                b.addExtension(Extension.subjectDirectoryAttributes, false, basicInformation(person));
            }
            if (extras != null) {
                extras.add(b);
            }
        });
    }

    /** Date of birth, gender (RFC 3739) and address (X.520 postalAddress) of a signature certificate. */
    static SubjectDirectoryAttributes basicInformation(Person person) {
        Vector<Attribute> attrs = new Vector<>();
        Date birth = Date.from(person.dateOfBirth().atTime(12, 0).toInstant(ZoneOffset.UTC));
        attrs.add(new Attribute(DATE_OF_BIRTH, new DERSet(new ASN1GeneralizedTime(birth))));
        attrs.add(new Attribute(GENDER, new DERSet(new DERPrintableString(person.gender()))));
        ASN1EncodableVector lines = new ASN1EncodableVector();
        for (String line : person.address().split("\n")) {
            lines.add(new DERUTF8String(line));
        }
        attrs.add(new Attribute(POSTAL_ADDRESS, new DERSet(new DERSequence(lines))));
        return new SubjectDirectoryAttributes(attrs);
    }

    /** The person's data as a signature certificate (card or phone) carries it. */
    public static Optional<Person> basicInformationOf(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectDirectoryAttributes.getId());
        if (ext == null) {
            return Optional.empty();
        }
        SubjectDirectoryAttributes sda = SubjectDirectoryAttributes.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
        java.time.LocalDate birth = null;
        String gender = null;
        List<String> address = new ArrayList<>();
        for (Object o : sda.getAttributes()) {
            Attribute a = (Attribute) o;
            if (a.getAttrType().equals(DATE_OF_BIRTH)) {
                try {
                    birth = ASN1GeneralizedTime.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant()
                            .atZone(ZoneOffset.UTC).toLocalDate();
                } catch (java.text.ParseException e) {
                    throw new IllegalArgumentException("bad date of birth", e);
                }
            } else if (a.getAttrType().equals(GENDER)) {
                gender = DERPrintableString.getInstance(a.getAttrValues().getObjectAt(0)).getString();
            } else if (a.getAttrType().equals(POSTAL_ADDRESS)) {
                for (var line : DERSequence.getInstance(a.getAttrValues().getObjectAt(0))) {
                    address.add(DERUTF8String.getInstance(line).getString());
                }
            }
        }
        X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        String name = subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString();
        return Optional.of(new Person(name, String.join("\n", address), birth, gender));
    }

    // ---------------------------------------------------------------- revocation status (CRL, OCSP)

    /** One revoked certificate on a CRL or in an OCSP answer: serial, time, RFC 5280 reason code. */
    public record Revoked(BigInteger serial, Instant at, int reason) {
    }

    /**
     * A CRL (RFC 5280 v2) of the CA of {@code p}, signed with its key: the entries with their
     * reason codes (certificateHold for suspensions), cRLNumber and authority key identifier.
     */
    public java.security.cert.X509CRL crl(Profile p, BigInteger number, Instant thisUpdate, Instant nextUpdate,
                                          List<Revoked> entries) {
        try {
            X509Certificate issuer = certificates.get(p);
            org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(
                    issuer.getSubjectX500Principal(), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (Revoked r : entries) {
                b.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(number));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            ContentSigner s = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random)
                    .build(keys.get(p).getPrivate());
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(b.build(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("CRL signing", e);
        }
    }

    /** The answer for one certificate in an OCSP response: null {@code revoked} = good; {@code unknown} = not ours. */
    public record OcspAnswer(org.bouncycastle.cert.ocsp.CertificateID id, Revoked revoked, boolean unknown) {
    }

    /**
     * A basic OCSP response (RFC 6960) signed by the CA of {@code p} itself (responder by key
     * hash), with thisUpdate = producedAt, the request's nonce echoed.
     */
    public org.bouncycastle.cert.ocsp.BasicOCSPResp ocsp(Profile p, List<OcspAnswer> answers, Instant producedAt,
                                                         Instant nextUpdate, org.bouncycastle.asn1.x509.Extension nonce) {
        try {
            X509Certificate issuer = certificates.get(p);
            org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder b = new org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder(
                    issuer.getPublicKey(), new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
                    .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
            for (OcspAnswer a : answers) {
                org.bouncycastle.cert.ocsp.CertificateStatus status = a.unknown()
                        ? new org.bouncycastle.cert.ocsp.UnknownStatus()
                        : a.revoked() == null ? org.bouncycastle.cert.ocsp.CertificateStatus.GOOD
                        : new org.bouncycastle.cert.ocsp.RevokedStatus(Date.from(a.revoked().at()), a.revoked().reason());
                b.addResponse(a.id(), status, Date.from(producedAt), Date.from(nextUpdate));
            }
            if (nonce != null) {
                b.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
            }
            ContentSigner s = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random)
                    .build(keys.get(p).getPrivate());
            return b.build(s, new org.bouncycastle.cert.X509CertificateHolder[] {
                    new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(issuer)}, Date.from(producedAt));
        } catch (GeneralSecurityException | OperatorCreationException | org.bouncycastle.cert.ocsp.OCSPException e) {
            throw new IllegalStateException("OCSP signing", e);
        }
    }

    private interface Extras {
        void add(X509v3CertificateBuilder b) throws IOException;
    }

    private X509Certificate build(X500Name issuer, X500Name subject, PublicKey key, KeyPair signer, Instant notBefore,
                                  Instant notAfter, Extras extensions) {
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        serial[0] &= 0x7F;
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(1, serial),
                    Date.from(notBefore), Date.from(notAfter), subject, key);
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(signer.getPublic()));
            extensions.add(b);
            ContentSigner s = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random)
                    .build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("certificate signing", e);
        }
    }
}
