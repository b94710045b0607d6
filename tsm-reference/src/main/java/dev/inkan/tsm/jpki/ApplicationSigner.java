package dev.inkan.tsm.jpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The app's side of an application (REQ LIFE-1, LIFE-5, CRY-2): CMS SignedData (RFC 5652) over
 * the content, signed by the card's signature key through {@link CardSignature} (SHA-256,
 * RSASSA-PKCS1-v1_5; signed attributes content type, message digest and signing time), with the
 * card signature certificate attached and the content encapsulated. The phone's revocation
 * requests (LIFE-4) are built the same way, signed by the phone's user-authentication key in its
 * SE: {@link CardSignature} stands for any JPKI AP's COMPUTE DIGITAL SIGNATURE.
 */
public final class ApplicationSigner {
    private ApplicationSigner() {
    }

    /** The application signed at its own {@link Application#time() time}. */
    public static byte[] sign(Application application, X509Certificate cardSignatureCertificate, CardSignature card) {
        return signContent(application.encode(), cardSignatureCertificate, card, application.time());
    }

    /**
     * A revocation request (LIFE-4) signed at its own {@link RevocationRequest#time() time} by a
     * key of the phone (the user-authentication key, or the signature key for its own certificate),
     * with that key's phone certificate attached.
     */
    public static byte[] signRevocation(RevocationRequest request, X509Certificate phoneCertificate,
                                        CardSignature phoneKey) {
        return signContent(request.encode(), phoneCertificate, phoneKey, request.time());
    }

    /** CMS SignedData over any content (PIN reset requests use it too), with signing time {@code at}. */
    public static byte[] signContent(byte[] content, X509Certificate signer, CardSignature card, Instant at) {
        try {
            CMSSignedDataGenerator g = new CMSSignedDataGenerator();
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(at)))));
            g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                    .build(new CardContentSigner(card), signer));
            g.addCertificate(new JcaX509CertificateHolder(signer));
            return g.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
            throw new IllegalStateException("CMS signing", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA256withRSA where the RSA part happens on the card: the DigestInfo goes to COMPUTE DIGITAL SIGNATURE. */
    private static final class CardContentSigner implements ContentSigner {
        private final CardSignature card;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        CardContentSigner(CardSignature card) {
            this.card = card;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            try {
                return card.sign(CardSignature.sha256DigestInfo(data.toByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException("card signature", e);
            }
        }
    }
}
