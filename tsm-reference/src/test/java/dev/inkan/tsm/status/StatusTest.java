package dev.inkan.tsm.status;

import static dev.inkan.generated.scripts.CertType.AUTH;
import static dev.inkan.generated.scripts.CertType.SIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.Fixture;
import java.math.BigInteger;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** OCSP, CRL and the status at signing time (LIFE-11, LIFE-7, PRE-6) with real BouncyCastle signatures. */
class StatusTest {
    static byte[] sign(byte[] data, int key) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(Fixture.key(key).getPrivate());
        s.update(data);
        return s.sign();
    }

    static BasicOCSPResp ask(StatusService status, X509Certificate cert, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        OCSPResp r = StatusService.parse(status.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
        assertEquals(OCSPResp.SUCCESSFUL, r.getStatus());
        BasicOCSPResp b = (BasicOCSPResp) r.getResponseObject();
        assertTrue(b.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())),
                "signed by the issuing CA");
        return b;
    }

    @Test
    void ocspAndCrlFollowSuspensionReleaseAndRevocation() throws Exception {
        try (Fixture f = new Fixture()) {
            StatusService status = new StatusService(f.jpki);
            long p = f.personWithCard("Status Holder");
            X509Certificate auth = f.issuePhone(p, "phone-1", AUTH).get(AUTH).certificate();
            X509Certificate issuer = f.ca.caCertificate(Profile.PHONE_AUTHENTICATION);
            assertNull(ask(status, auth, issuer).getResponses()[0].getCertStatus(), "good");
            f.jpki.suspend(p, "phone-1", AUTH);
            RevokedStatus hold = (RevokedStatus) ask(status, auth, issuer).getResponses()[0].getCertStatus();
            assertEquals(CRLReason.certificateHold, hold.getRevocationReason());
            X509CRL crl = status.crl(Profile.PHONE_AUTHENTICATION);
            crl.verify(issuer.getPublicKey());
            X509CRLEntry e = crl.getRevokedCertificate(auth.getSerialNumber());
            assertNotNull(e);
            assertEquals(java.security.cert.CRLReason.CERTIFICATE_HOLD, e.getRevocationReason());
            f.jpki.release(p, "phone-1", AUTH);
            assertNull(ask(status, auth, issuer).getResponses()[0].getCertStatus(), "good again after release");
            X509CRL next = status.crl(Profile.PHONE_AUTHENTICATION);
            assertNull(next.getRevokedCertificate(auth.getSerialNumber()), "removeFromCRL");
            assertTrue(number(next).compareTo(number(crl)) > 0, "CRL numbers rise");
            f.jpki.revokeCard(p, AUTH);
            RevokedStatus revoked = (RevokedStatus) ask(status, auth, issuer).getResponses()[0].getCertStatus();
            assertEquals(CRLReason.cessationOfOperation, revoked.getRevocationReason());
            // the card certificate itself, on the card CA's CRL and OCSP
            X509Certificate card = f.jpki.cardCertificate(p, AUTH).orElseThrow().certificate();
            X509Certificate cardCa = f.ca.caCertificate(Profile.CARD_AUTHENTICATION);
            assertTrue(ask(status, card, cardCa).getResponses()[0].getCertStatus() instanceof RevokedStatus);
            assertNotNull(status.crl(Profile.CARD_AUTHENTICATION).getRevokedCertificate(card.getSerialNumber()));
            // a serial we never issued, and a request to a foreign CA
            X509Certificate foreign = JpkiCa.generate().caCertificate(Profile.PHONE_AUTHENTICATION);
            CertificateID unknown = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), BigInteger.TEN);
            BasicOCSPResp u = (BasicOCSPResp) StatusService.parse(status.ocsp(new OCSPReqBuilder().addRequest(unknown)
                    .build().getEncoded())).getResponseObject();
            assertTrue(u.getResponses()[0].getCertStatus() instanceof UnknownStatus);
            CertificateID other = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(foreign), BigInteger.TEN);
            assertEquals(OCSPResp.UNAUTHORIZED, StatusService.parse(status.ocsp(new OCSPReqBuilder().addRequest(other)
                    .build().getEncoded())).getStatus());
            assertEquals(OCSPResp.MALFORMED_REQUEST, StatusService.parse(status.ocsp(new byte[] {1, 2, 3})).getStatus());
        }
    }

    static BigInteger number(X509CRL crl) {
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(org.bouncycastle.asn1.ASN1OctetString
                .getInstance(crl.getExtensionValue("2.5.29.20")).getOctets()).getCRLNumber();
    }

    @Test
    void aRelyingPartyNeverAcceptsASignatureMadeWhileTheCertificateWasNotValid() throws Exception {
        try (Fixture f = new Fixture()) {
            StatusService status = new StatusService(f.jpki);
            RelyingParty rp = new RelyingParty(f.ca, status, Faults.NONE);
            long p = f.personWithCard("Signer");
            X509Certificate sign = f.issuePhone(p, "phone-1", AUTH, SIGN).get(SIGN).certificate();
            X509Certificate auth = f.jpki.phoneCertificate(p, "phone-1", AUTH).orElseThrow().certificate();
            byte[] data = "transfer 10000 yen".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] sig = sign(data, 3); // Fixture.issue certifies key(2 + type ordinal): SIGN -> key 3
            Instant signedWhileActive = f.clock.instant();
            assertTrue(rp.verify(data, sig, sign, signedWhileActive, f.clock.instant()).accepted());
            assertFalse(rp.verify(data, sign(data, 2), sign, signedWhileActive, f.clock.instant()).accepted(),
                    "wrong key");
            // the auth certificate: signed while suspended, checked after the release
            byte[] authSig = sign(data, 2);
            f.jpki.suspend(p, "phone-1", AUTH);
            Instant signedWhileSuspended = f.clock.instant();
            Verdict during = rp.verify(data, authSig, auth, signedWhileSuspended, f.clock.instant());
            assertFalse(during.accepted(), during.reason());
            f.jpki.release(p, "phone-1", AUTH);
            Verdict after = rp.verify(data, authSig, auth, signedWhileSuspended, f.clock.instant());
            assertFalse(after.accepted(), "made while suspended: " + after.reason());
            assertTrue(after.reason().contains("signing time"), after.reason());
            assertTrue(rp.verify(data, authSig, auth, f.clock.instant(), f.clock.instant()).accepted());
            // signed while valid, revoked since: rejected now (spec Signature.accept needs it still active)
            f.jpki.revoke(p, "phone-1", SIGN);
            assertFalse(rp.verify(data, sig, sign, signedWhileActive, f.clock.instant()).accepted());
            // a card certificate with a card signature
            X509Certificate card = f.cardSignCertificate(p);
            assertTrue(rp.verify(data, sign(data, 0), card, f.clock.instant(), f.clock.instant()).accepted());
            f.base.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void theSigningTimeFaultLetsASignatureMadeDuringSuspensionThrough() throws Exception {
        try (Fixture f = new Fixture()) {
            StatusService status = new StatusService(f.jpki);
            RelyingParty faulty = new RelyingParty(f.ca, status, Faults.of(Faults.Fault.IGNORE_SIGNING_TIME_STATUS));
            long p = f.personWithCard("Faulty RP");
            X509Certificate auth = f.issuePhone(p, "phone-1", AUTH).get(AUTH).certificate();
            byte[] data = {1, 2, 3};
            f.jpki.suspend(p, "phone-1", AUTH);
            Instant during = f.clock.instant();
            byte[] sig = sign(data, 2);
            f.jpki.release(p, "phone-1", AUTH);
            assertTrue(faulty.verify(data, sig, auth, during, f.clock.instant()).accepted(), "LIFE-11 broken on purpose");
            assertFalse(new RelyingParty(f.ca, status, Faults.NONE).verify(data, sig, auth, during, f.clock.instant())
                    .accepted());
        }
    }
}
