package dev.inkan.tsm.ca;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The link from a phone certificate to the card certificate it was issued against (REQ LIFE-12,
 * PRE-5): a non-critical extension {@link #OID} holding
 * {@code SEQUENCE { issuer Name, serialNumber INTEGER, certificateHash OCTET STRING }}, the card
 * certificate's issuer, serial number and SHA-256 of its DER.
 */
public record CardLink(X500Principal issuer, BigInteger serialNumber, byte[] certificateHash) {
    public static final ASN1ObjectIdentifier OID = JpkiOids.CARD_LINK;

    public CardLink {
        certificateHash = certificateHash.clone();
    }

    @Override
    public byte[] certificateHash() {
        return certificateHash.clone();
    }

    /** The link to {@code card}. */
    public static CardLink to(X509Certificate card) {
        return new CardLink(card.getIssuerX500Principal(), card.getSerialNumber(), sha256(card));
    }

    /** Whether this link names exactly {@code card}. */
    public boolean names(X509Certificate card) {
        return issuer.equals(card.getIssuerX500Principal()) && serialNumber.equals(card.getSerialNumber())
                && MessageDigest.isEqual(certificateHash, sha256(card));
    }

    DERSequence toAsn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(X500Name.getInstance(issuer.getEncoded()));
        v.add(new ASN1Integer(serialNumber));
        v.add(new DEROctetString(certificateHash));
        return new DERSequence(v);
    }

    static CardLink fromAsn1(byte[] extensionValue) {
        ASN1Sequence s = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets());
        if (s.size() != 3) {
            throw new IllegalArgumentException("card link: 3 elements expected, not " + s.size());
        }
        X500Principal issuer;
        try {
            issuer = new X500Principal(X500Name.getInstance(s.getObjectAt(0)).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("card link: bad issuer", e);
        }
        return new CardLink(issuer, ASN1Integer.getInstance(s.getObjectAt(1)).getValue(),
                ASN1OctetString.getInstance(s.getObjectAt(2)).getOctets());
    }

    static byte[] sha256(X509Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardLink l && issuer.equals(l.issuer) && serialNumber.equals(l.serialNumber)
                && Arrays.equals(certificateHash, l.certificateHash);
    }

    @Override
    public int hashCode() {
        return (issuer.hashCode() * 31 + serialNumber.hashCode()) * 31 + Arrays.hashCode(certificateHash);
    }

    @Override
    public String toString() {
        return "CardLink[" + issuer.getName() + ", serial " + serialNumber.toString(16) + "]";
    }
}
