package dev.inkan.tsm.status;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.Faults;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A relying party (Mynaportal, a bank) verifying a signature made with a JPKI key (REQ LIFE-11,
 * CRY-2, spec Signature.accept/reject): the certificate chains to a JPKI CA it trusts, the
 * RSASSA-PKCS1-v1_5 SHA-256 signature verifies, an OCSP response signed by the issuing CA says the
 * certificate is good now (nonce checked), and the certificate was good at the (trusted) signing
 * time. A signature made while the certificate was revoked, suspended or expired is never
 * accepted, even after a release.
 */
public final class RelyingParty {
    /** Where OCSP requests go (the status service in process; an HTTP client later). */
    @FunctionalInterface
    public interface OcspTransport {
        byte[] post(byte[] request) throws IOException;
    }

    private final Map<Profile, X509Certificate> anchors;
    private final OcspTransport ocsp;
    private final StatusService history;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param ca whose CA certificates are the trust anchors
     * @param status the JPKI service's status: OCSP and the status at signing time
     */
    public RelyingParty(JpkiCa ca, StatusService status, Faults faults) {
        java.util.EnumMap<Profile, X509Certificate> a = new java.util.EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            a.put(p, ca.caCertificate(p));
        }
        this.anchors = a;
        this.ocsp = status::ocsp;
        this.history = status;
        this.faults = faults;
    }

    /** Decides on {@code signature} over {@code data} by {@code cert}'s key, made at {@code signingTime}. */
    public Verdict verify(byte[] data, byte[] signature, X509Certificate cert, Instant signingTime, Instant now) {
        Profile p = JpkiCa.profileOf(cert);
        X509Certificate issuer = p == null ? null : anchors.get(p);
        if (issuer == null || !cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return Verdict.rejected("not a JPKI certificate");
        }
        try {
            cert.verify(issuer.getPublicKey());
            cert.checkValidity(Date.from(signingTime));
            cert.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            return Verdict.rejected("certificate not valid: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return Verdict.rejected("certificate not issued by " + issuer.getSubjectX500Principal().getName());
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(cert.getPublicKey());
            s.update(data);
            if (!s.verify(signature)) {
                return Verdict.rejected("signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            return Verdict.rejected("signature does not verify: " + e.getMessage());
        }
        String now0 = ocspGood(cert, issuer);
        if (now0 != null) {
            return Verdict.rejected("OCSP: " + now0);
        }
        if (!faults.has(Faults.Fault.IGNORE_SIGNING_TIME_STATUS)) {
            CertStatus then = history.statusAt(cert, signingTime);
            if (!then.good()) {
                return Verdict.rejected("the certificate was not valid at signing time (" + then.kind()
                        + (then.revokedAt() == null ? "" : " since " + then.revokedAt()) + ")");
            }
        }
        return Verdict.ACCEPTED;
    }

    /** Null when an OCSP response signed by the issuer says good; else why not. */
    private String ocspGood(X509Certificate cert, X509Certificate issuer) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            Extension n = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce));
            byte[] req = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(n)).build().getEncoded();
            OCSPResp resp = new OCSPResp(ocsp.post(req));
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                return "responder status " + resp.getStatus();
            }
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                return "response not signed by the issuer";
            }
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed == null || !echoed.getExtnValue().equals(n.getExtnValue())) {
                return "nonce mismatch";
            }
            for (SingleResp r : basic.getResponses()) {
                if (r.getCertID().getSerialNumber().equals(cert.getSerialNumber())
                        && r.getCertID().matchesIssuer(new JcaX509CertificateHolder(issuer),
                        new JcaDigestCalculatorProviderBuilder().build())) {
                    return r.getCertStatus() == null ? null : "not good (" + r.getCertStatus().getClass().getSimpleName()
                            + ")";
                }
            }
            return "no answer for serial " + cert.getSerialNumber().toString(16);
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

}
