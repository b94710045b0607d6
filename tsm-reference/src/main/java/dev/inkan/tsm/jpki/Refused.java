package dev.inkan.tsm.jpki;

/**
 * The JPKI service refused an operation: the spec's guard is false for it (the model would not
 * take the event) or the request is not authentic. Nothing changed. {@link #reason()} tells which
 * rule refused it.
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. Each names the requirement it upholds. */
    public enum Reason {
        /** PRE-1: the card certificate of the type (or the signature certificate) is not active. */
        CARD_NOT_ACTIVE,
        /** LIFE-1, CRY-2: the application's CMS signature, signer certificate or content is bad. */
        BAD_SIGNATURE,
        /**
         * PRE-1, LIFE-1: the signed time lies before or after the validity period of the signing
         * card certificate. Not CARD_NOT_ACTIVE: that one is the registry's record (revoked,
         * expired), a state that may change; this one is a fact of the signed request itself,
         * whatever the record says, so it is answered like a bad signature.
         */
        CARD_NOT_VALID_AT_SIGNING,
        /** LIFE-1: the application is stale or its nonce was seen before (replay). */
        REPLAYED,
        /** LIFE-1, PRE-3: another application of this person and type is running (checked by the database too). */
        APPLICATION_RUNNING,
        /** PRE-3: the one-phone rule, as the database enforces it (a second live certificate). */
        ONE_PHONE_RULE,
        /** The phone holds another person's certificates. */
        PHONE_HELD_BY_OTHER,
        /** A key of an abandoned application still sits in the slot; it must be wiped first. */
        LEFTOVER_KEY,
        /** The record is not in a state the event leaves from. */
        WRONG_STATE,
        /** LIFE-7: a signature certificate is never released from suspension. */
        SIGNATURE_NOT_RELEASED,
        /** The key slot was not generated in this phone's SE (PRE-7: only keys generated in the SE). */
        KEY_NOT_GENERATED,
        /** No such person, handset or certificate. */
        UNKNOWN,
        /** LIFE-13: no registered push token to send to. */
        NO_TOKEN,
        /**
         * LIFE-13: no app-instance key is bound for the person on the phone, so nothing the app
         * signs in the background can be checked; bind one (an application, or an AppKeyBinding
         * signed by the phone's key).
         */
        NO_APP_KEY,
        /**
         * PRE-3, PRE-8: the SP-TSM's session for a handset reached another SE than the one its
         * sessions reached first; nothing is generated, stored, locked or wiped there.
         */
        OTHER_SECURE_ELEMENT,
        /** Bad input (wrong key size, malformed request). */
        INVALID
    }

    private final Reason reason;

    public Refused(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
