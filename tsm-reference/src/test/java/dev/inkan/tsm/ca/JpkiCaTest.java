package dev.inkan.tsm.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.tsm.ca.Profile.Holder;
import dev.inkan.tsm.ca.Profile.Usage;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JPKI CA: profiles, the card link and the shared expiry (REQ LIFE-12, PRE-4, PRE-5, CRY-1, CRY-2). */
class JpkiCaTest {
    static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    static final Person TARO = new Person("Yamada Taro", "1-2-3 Kasumigaseki\nChiyoda-ku, Tokyo", LocalDate.of(1990, 5, 17), "M");
    static JpkiCa ca;
    static KeyPair cardSignKey;
    static KeyPair cardAuthKey;
    static KeyPair phoneSignKey;
    static KeyPair phoneAuthKey;

    @BeforeAll
    static void setUp() {
        SecureRandom r = new SecureRandom();
        ca = JpkiCa.generate(r, Clock.fixed(NOW, ZoneOffset.UTC));
        cardSignKey = JpkiCa.rsa2048(r);
        cardAuthKey = JpkiCa.rsa2048(r);
        phoneSignKey = JpkiCa.rsa2048(r);
        phoneAuthKey = JpkiCa.rsa2048(r);
    }

    /** Parses the DER again with the JDK, so nothing but the encoding is trusted. */
    static X509Certificate reparse(X509Certificate c) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(c.getEncoded()));
    }

    /** PKIX path validation against the CA of the certificate's profile, at {@code when}. */
    static void validate(X509Certificate c, X509Certificate root, Instant when) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(c));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(when));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void fourSelfSignedRsa2048CasWithTheirOwnNamesAndPolicies() throws Exception {
        Set<String> names = new HashSet<>();
        Set<String> policies = new HashSet<>();
        for (Profile p : Profile.values()) {
            X509Certificate c = reparse(ca.caCertificate(p));
            c.verify(c.getPublicKey());
            assertEquals("SHA256withRSA", c.getSigAlgName());
            assertEquals(2048, ((RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
            assertEquals(0, c.getBasicConstraints());
            assertTrue(c.getKeyUsage()[5], "keyCertSign");
            assertEquals(p, JpkiCa.profileOf(c));
            names.add(c.getSubjectX500Principal().getName());
            policies.add(p.policy.getId());
        }
        assertEquals(4, names.size());
        assertEquals(4, policies.size());
    }

    @Test
    void cardSignatureCertificateCarriesTheFourBasicInformationItems() throws Exception {
        X509Certificate c = reparse(ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO));
        validate(c, ca.caCertificate(Profile.CARD_SIGNATURE), NOW.plusSeconds(60));
        assertEquals(Profile.CARD_SIGNATURE, JpkiCa.profileOf(c));
        assertEquals("SHA256withRSA", c.getSigAlgName());
        assertEquals(cardSignKey.getPublic(), c.getPublicKey());
        assertTrue(c.getKeyUsage()[0] && c.getKeyUsage()[1], "digitalSignature and nonRepudiation");
        assertEquals(-1, c.getBasicConstraints());
        assertEquals(TARO, JpkiCa.basicInformationOf(c).orElseThrow());
        assertEquals(NOW.plus(JpkiCa.CARD_VALIDITY), c.getNotAfter().toInstant());
        assertTrue(JpkiCa.cardLinkOf(c).isEmpty());
        assertTrue(ca.issued(c));
        assertTrue(c.getEncoded()[0] == 0x30 && c.getEncoded()[1] == (byte) 0x82, "30 82 LL LL, as readers expect");
    }

    @Test
    void userAuthenticationCertificateHasNoPersonalData() throws Exception {
        X509Certificate c = reparse(ca.issueCard(Usage.AUTHENTICATION, cardAuthKey.getPublic(), TARO));
        validate(c, ca.caCertificate(Profile.CARD_AUTHENTICATION), NOW.plusSeconds(60));
        assertEquals(Profile.CARD_AUTHENTICATION, JpkiCa.profileOf(c));
        assertTrue(JpkiCa.basicInformationOf(c).isEmpty());
        assertFalse(c.getSubjectX500Principal().getName().contains("Yamada"));
        assertFalse(c.getKeyUsage()[1], "no nonRepudiation");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), c.getExtendedKeyUsage());
    }

    @Test
    void phoneCertificateIsDistinguishableLinkedAndExpiresWithTheCard() throws Exception {
        Instant cardEnd = NOW.plus(Duration.ofDays(1000));
        X509Certificate card = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO, NOW.minusSeconds(3600), cardEnd);
        X509Certificate phone = reparse(ca.issuePhone(Usage.SIGNATURE, phoneSignKey.getPublic(), card));
        validate(phone, ca.caCertificate(Profile.PHONE_SIGNATURE), NOW.plusSeconds(60));
        // LIFE-12: another issuer and policy than the card's, and the link to the card certificate
        assertEquals(Profile.PHONE_SIGNATURE, JpkiCa.profileOf(phone));
        assertEquals(Holder.PHONE, JpkiCa.profileOf(phone).holder);
        assertNotEquals(card.getIssuerX500Principal(), phone.getIssuerX500Principal());
        CardLink link = JpkiCa.cardLinkOf(phone).orElseThrow();
        assertTrue(link.names(card));
        assertEquals(CardLink.to(card), link);
        assertFalse(phone.getCriticalExtensionOIDs().contains(CardLink.OID.getId()), "relying parties may ignore it");
        // PRE-4: same expiry as the card certificate
        assertEquals(card.getNotAfter(), phone.getNotAfter());
        // same holder, same personal data
        assertEquals(card.getSubjectX500Principal(), phone.getSubjectX500Principal());
        assertEquals(TARO, JpkiCa.basicInformationOf(phone).orElseThrow());
        // it does not chain to the card CA
        assertThrows(java.security.cert.CertPathValidatorException.class,
                () -> validate(phone, ca.caCertificate(Profile.CARD_SIGNATURE), NOW.plusSeconds(60)));
        X509Certificate other = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO);
        assertFalse(link.names(other), "a link names one certificate");
    }

    @Test
    void phoneAuthenticationCertificateLinksToTheCardsAuthenticationCertificate() throws Exception {
        X509Certificate card = ca.issueCard(Usage.AUTHENTICATION, cardAuthKey.getPublic(), TARO);
        X509Certificate phone = ca.issuePhone(Usage.AUTHENTICATION, phoneAuthKey.getPublic(), card);
        assertEquals(Profile.PHONE_AUTHENTICATION, JpkiCa.profileOf(phone));
        assertTrue(JpkiCa.cardLinkOf(phone).orElseThrow().names(card));
        assertTrue(JpkiCa.basicInformationOf(phone).isEmpty());
    }

    @Test
    void phoneCertificatesNeedAValidCardCertificateOfThisCaAndUsage() {
        X509Certificate cardSign = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO);
        assertThrows(IllegalArgumentException.class,
                () -> ca.issuePhone(Usage.AUTHENTICATION, phoneAuthKey.getPublic(), cardSign), "other usage");
        X509Certificate phone = ca.issuePhone(Usage.SIGNATURE, phoneSignKey.getPublic(), cardSign);
        assertThrows(IllegalArgumentException.class,
                () -> ca.issuePhone(Usage.SIGNATURE, phoneSignKey.getPublic(), phone), "a phone certificate is no card");
        X509Certificate expired = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO,
                NOW.minus(Duration.ofDays(2000)), NOW.minusSeconds(1));
        assertThrows(IllegalArgumentException.class,
                () -> ca.issuePhone(Usage.SIGNATURE, phoneSignKey.getPublic(), expired), "PRE-1: expired card");
        JpkiCa otherCa = JpkiCa.generate(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
        X509Certificate foreign = otherCa.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO);
        assertFalse(ca.issued(foreign));
        assertThrows(IllegalArgumentException.class,
                () -> ca.issuePhone(Usage.SIGNATURE, phoneSignKey.getPublic(), foreign), "another CA's card");
    }

    @Test
    void onlyRsa2048KeysAndDistinctRandomSerials() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        assertThrows(IllegalArgumentException.class,
                () -> ca.issueCard(Usage.SIGNATURE, g.generateKeyPair().getPublic(), TARO));
        X509Certificate a = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO);
        X509Certificate b = ca.issueCard(Usage.SIGNATURE, cardSignKey.getPublic(), TARO);
        assertNotEquals(a.getSerialNumber(), b.getSerialNumber());
        assertTrue(a.getSerialNumber().signum() > 0);
        assertNull(JpkiCa.profileOf(reparse(selfSigned())));
        assertArrayEquals(a.getIssuerX500Principal().getEncoded(), ca.caCertificate(Profile.CARD_SIGNATURE)
                .getSubjectX500Principal().getEncoded());
    }

    /** A certificate of no JPKI profile. */
    static X509Certificate selfSigned() throws Exception {
        KeyPair kp = JpkiCa.rsa2048(new SecureRandom());
        org.bouncycastle.asn1.x500.X500Name n = new org.bouncycastle.asn1.x500.X500Name("CN=Somebody");
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(n, java.math.BigInteger.ONE,
                        Date.from(NOW), Date.from(NOW.plusSeconds(60)), n, kp.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                .build(kp.getPrivate())));
    }
}
