package dev.inkan.tsm.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Object identifiers of the reference JPKI. Our arc is a UUID OID (ITU-T X.667, 2.25.n), so no
 * registration is needed: certificate policies are ARC.1.h.u (h: 1 card, 2 phone; u: 1
 * signature, 2 user authentication), the card link extension is ARC.2.1.
 */
public final class JpkiOids {
    public static final ASN1ObjectIdentifier ARC = new ASN1ObjectIdentifier("2.25.152180935457216451337203417245413497381");
    public static final ASN1ObjectIdentifier POLICIES = ARC.branch("1");
    public static final ASN1ObjectIdentifier CARD_LINK = ARC.branch("2.1");

    private JpkiOids() {
    }
}
