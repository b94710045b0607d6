package dev.inkan.tsm.status;

import java.time.Instant;

/**
 * The status of a certificate at some instant, OCSP-style (RFC 6960): good, revoked (with the
 * time and RFC 5280 reason; a suspension is revoked with reason certificateHold), or unknown (not
 * a certificate of ours, or not issued yet at that instant).
 */
public record CertStatus(Kind kind, Instant revokedAt, int reason) {
    public enum Kind { GOOD, REVOKED, UNKNOWN }

    /** RFC 5280 CRLReason codes used here. */
    public static final int UNSPECIFIED = 0;
    public static final int SUPERSEDED = 4;
    public static final int CESSATION_OF_OPERATION = 5;
    public static final int CERTIFICATE_HOLD = 6;

    public static final CertStatus GOOD = new CertStatus(Kind.GOOD, null, -1);
    public static final CertStatus UNKNOWN = new CertStatus(Kind.UNKNOWN, null, -1);

    public static CertStatus revoked(Instant at, int reason) {
        return new CertStatus(Kind.REVOKED, at, reason);
    }

    public boolean good() {
        return kind == Kind.GOOD;
    }
}
