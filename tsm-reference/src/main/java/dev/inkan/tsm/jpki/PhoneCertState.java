package dev.inkan.tsm.jpki;

/**
 * States of spec/certificates.jsm {@code PhoneCert}; {@link #specName()} is the spec's spelling.
 * The registry keeps one row per application; the latest row of (person, handset, type) gives the
 * state, an abandoned or cancelled application reading as {@link #NO_CERTIFICATE}.
 */
public enum PhoneCertState {
    NO_CERTIFICATE("NoCertificate"), ISSUING("Issuing"), ACTIVE("Active"), SUSPENDED("Suspended"),
    REVOKED("Revoked"), EXPIRED("Expired");

    private final String specName;

    PhoneCertState(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /** Active or Suspended: the certificate is on the phone and counts for PRE-3. */
    public boolean live() {
        return this == ACTIVE || this == SUSPENDED;
    }

    static PhoneCertState ofColumn(String s) {
        return switch (s) {
            case "issuing" -> ISSUING;
            case "active" -> ACTIVE;
            case "suspended" -> SUSPENDED;
            case "revoked" -> REVOKED;
            case "expired" -> EXPIRED;
            case "abandoned", "cancelled" -> NO_CERTIFICATE;
            default -> throw new IllegalStateException("phone_certificate.state " + s);
        };
    }
}
