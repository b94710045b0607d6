package dev.inkan.tsm.jpki;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A CMS SignedData verified against one of the JPKI CAs (REQ LIFE-1, LIFE-4, PRE-1, CRY-2): one
 * signer, SHA-256 with RSASSA-PKCS1-v1_5, its certificate attached, of the expected profile (the
 * card signature profile for applications and PIN reset requests, the phone authentication
 * profile for revocation requests), issued by our CA, valid at the signing time (else
 * {@code CARD_NOT_VALID_AT_SIGNING} for a card, {@code BAD_SIGNATURE} for a phone) and now; the
 * signature over the signed attributes verifies and the message digest matches the encapsulated
 * content.
 */
record SignedContent(byte[] content, X509Certificate signer, Instant signingTime) {

    /** Signed by a card signature certificate. */
    static SignedContent verify(byte[] cms, JpkiCa ca, Instant now) {
        return verify(cms, ca, now, Profile.CARD_SIGNATURE);
    }

    /** Signed by a certificate of profile {@code expected}. */
    static SignedContent verify(byte[] cms, JpkiCa ca, Instant now, Profile expected) {
        return verify(cms, ca, now, Set.of(expected));
    }

    /** Signed by a certificate of one of the profiles {@code expected}. */
    static SignedContent verify(byte[] cms, JpkiCa ca, Instant now, Set<Profile> expected) {
        try {
            CMSSignedData data = new CMSSignedData(cms);
            if (data.getSignerInfos().size() != 1) {
                throw bad("exactly one signer expected, not " + data.getSignerInfos().size());
            }
            SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
            if (!NISTObjectIdentifiers.id_sha256.getId().equals(si.getDigestAlgOID())) {
                throw bad("digest must be SHA-256, not " + si.getDigestAlgOID());
            }
            String enc = si.getEncryptionAlgOID();
            if (!PKCSObjectIdentifiers.rsaEncryption.getId().equals(enc)
                    && !PKCSObjectIdentifiers.sha256WithRSAEncryption.getId().equals(enc)) {
                throw bad("signature must be RSASSA-PKCS1-v1_5, not " + enc);
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = data.getCertificates().getMatches(si.getSID());
            if (matches.size() != 1) {
                throw bad("the signer's certificate is not attached");
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            Profile profile = JpkiCa.profileOf(cert);
            if (profile == null || !expected.contains(profile)) {
                throw bad("not signed with a certificate of profile " + expected);
            }
            if (!ca.issued(cert)) {
                throw bad("signer certificate not issued by the JPKI CA of profile " + profile);
            }
            if (si.getSignedAttributes() == null) {
                throw bad("signed attributes missing");
            }
            // a verifier of the key, not of the certificate: BouncyCastle would refuse a signing time
            // outside the certificate's validity before any signature check, as a plain CMSException;
            // here the signature is checked first and the time after, with a refusal of its own
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert.getPublicKey()))) {
                throw bad("signature does not verify");
            }
            Object content = data.getSignedContent() == null ? null : data.getSignedContent().getContent();
            if (!(content instanceof byte[] bytes)) {
                throw bad("no encapsulated content");
            }
            SignedContent signed = new SignedContent(bytes, cert, signingTime(si));
            // the signing time only once the signature verified: then it is the card's own statement
            if (signed.signingTime() != null) {
                signed.requireSignedWhileValid(signed.signingTime(), "signed");
            }
            try {
                cert.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                // signed while valid, received after the card's certificate ended (or before it began):
                // the card is what is not active now, not the signature that is bad
                if (profile.holder == Profile.Holder.CARD) {
                    throw new Refused(Refused.Reason.CARD_NOT_ACTIVE, "the signing card certificate (serial "
                            + JpkiService.serial(cert) + ") is not valid now, " + now + ": its validity period is "
                            + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant());
                }
                throw bad("signer certificate not valid now: " + e.getMessage());
            }
            return signed;
        } catch (CMSException e) {
            throw bad("not a valid CMS SignedData: " + e.getMessage());
        } catch (OperatorCreationException | CertificateException e) {
            throw bad(e.getMessage());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw bad("malformed: " + e.getMessage());
        }
    }

    /**
     * Refuses a signed time that lies outside the signing certificate's validity period:
     * {@code CARD_NOT_VALID_AT_SIGNING} for a card, {@code BAD_SIGNATURE} for a phone (the phone's
     * own certificate, whose period it knows); {@code what} names the time in the message.
     */
    void requireSignedWhileValid(Instant at, String what) {
        Instant from = signer.getNotBefore().toInstant();
        Instant to = signer.getNotAfter().toInstant();
        if (at.isBefore(from) || at.isAfter(to)) {
            boolean card = JpkiCa.profileOf(signer).holder == Profile.Holder.CARD;
            throw new Refused(card ? Refused.Reason.CARD_NOT_VALID_AT_SIGNING : Refused.Reason.BAD_SIGNATURE, what
                    + " at " + at + ", " + (at.isBefore(from) ? "before" : "after") + " the validity period of the signing "
                    + (card ? "card" : "phone") + " certificate"
                    + " (serial " + JpkiService.serial(signer) + "): " + from + " to " + to);
        }
    }

    private static Instant signingTime(SignerInformation si) {
        var attr = si.getSignedAttributes().get(PKCSObjectIdentifiers.pkcs_9_at_signingTime);
        if (attr == null) {
            return null;
        }
        try {
            return org.bouncycastle.asn1.cms.Time.getInstance(attr.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (IllegalArgumentException e) {
            throw bad("bad signing time");
        }
    }

    private static Refused bad(String why) {
        return new Refused(Refused.Reason.BAD_SIGNATURE, why);
    }
}
