package dev.inkan.tsm.jpki;

/** States of spec/certificates.jsm {@code CardCert}; {@link #specName()} is the spec's spelling. */
public enum CardCertState {
    NOT_ISSUED("NotIssued"), ACTIVE("Active"), REVOKED("Revoked"), EXPIRED("Expired");

    private final String specName;

    CardCertState(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    static CardCertState ofColumn(String s) {
        return switch (s) {
            case "active" -> ACTIVE;
            case "revoked" -> REVOKED;
            case "expired" -> EXPIRED;
            default -> throw new IllegalStateException("card_certificate.state " + s);
        };
    }
}
