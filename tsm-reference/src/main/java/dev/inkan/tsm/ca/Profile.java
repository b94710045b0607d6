package dev.inkan.tsm.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The four certificate profiles of JPKI (REQ LIFE-12): the Individual Number Card's signature and
 * user-authentication certificates, and the smartphone's. Each has its own issuing CA (name),
 * certificate policy OID and key usage, so a relying party tells a phone certificate from a card
 * certificate by its issuer and policy alone.
 */
public enum Profile {
    CARD_SIGNATURE(Holder.CARD, Usage.SIGNATURE, "JPKI Signature CA", 1, 1),
    CARD_AUTHENTICATION(Holder.CARD, Usage.AUTHENTICATION, "JPKI User Authentication CA", 1, 2),
    PHONE_SIGNATURE(Holder.PHONE, Usage.SIGNATURE, "JPKI Smartphone Signature CA", 2, 1),
    PHONE_AUTHENTICATION(Holder.PHONE, Usage.AUTHENTICATION, "JPKI Smartphone User Authentication CA", 2, 2);

    /** Where the key lives. */
    public enum Holder { CARD, PHONE }

    /** What the key is for: signature (with the four basic information items) or user authentication. */
    public enum Usage { SIGNATURE, AUTHENTICATION }

    public final Holder holder;
    public final Usage usage;
    /** CN of the issuing CA. */
    public final String caName;
    /** The certificate policy of certificates of this profile ({@link JpkiOids}). */
    public final ASN1ObjectIdentifier policy;

    Profile(Holder holder, Usage usage, String caName, int h, int u) {
        this.holder = holder;
        this.usage = usage;
        this.caName = caName;
        this.policy = JpkiOids.POLICIES.branch(h + "." + u);
    }

    public static Profile of(Holder holder, Usage usage) {
        for (Profile p : values()) {
            if (p.holder == holder && p.usage == usage) {
                return p;
            }
        }
        throw new IllegalArgumentException(holder + " " + usage);
    }

    /** The profile whose policy OID is {@code oid}, or null. */
    public static Profile ofPolicy(String oid) {
        for (Profile p : values()) {
            if (p.policy.getId().equals(oid)) {
                return p;
            }
        }
        return null;
    }
}
