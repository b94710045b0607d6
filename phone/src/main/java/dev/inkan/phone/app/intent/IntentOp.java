package dev.inkan.phone.app.intent;

/**
 * What a business app may ask the JPKI app for through an intent (spec/types.jsm IntentOp).
 * Only the uses are ever served (ACC-2, SYS-8: pattern 3 of 000, no per-app whitelist):
 * issuance and management stay inside the JPKI app, in front of its own user.
 */
public enum IntentOp {
    SIGN_DATA(true),
    AUTHENTICATE(true),
    READ_CERTIFICATE(true),
    ISSUE_CERTIFICATE(false),
    CHANGE_PIN(false),
    RESET_PIN(false),
    REVOKE_CERTIFICATE(false),
    DELETE_KEYS(false);

    private final boolean use;

    IntentOp(boolean use) {
        this.use = use;
    }

    /** spec/types.jsm {@code isUse(op)}: sign, authenticate, read a certificate. */
    public boolean isUse() {
        return use;
    }
}
