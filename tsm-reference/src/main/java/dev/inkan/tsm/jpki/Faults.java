package dev.inkan.tsm.jpki;

import java.util.EnumSet;
import java.util.Set;

/**
 * Deliberate faults for the property suites' "proof that it bites" (issue 5): each breaks one
 * rule of the spec on the server side (the JPKI service, the relying party, the SEI-TSM's and the
 * SP-TSM's policies) so a test can show that the suite finds it. Production code passes
 * {@link #NONE}; nothing else changes behaviour.
 */
public final class Faults {
    /** One fault and the rule of the spec it breaks. */
    public enum Fault {
        /** LIFE-3, PRE-3 (invariant OnePhonePerCertificate): issuing on a new phone leaves the old phone's certificate active. The database's one-phone index still refuses the issue (Refused ONE_PHONE_RULE), so the implementation refuses an issue the model takes. */
        SKIP_REVOKE_OLD_PHONE,
        /** PRE-3: neither the Java checks nor the row locks of the one-phone rule run (no check for a running application or a live certificate elsewhere, no person lock), so only the database's unique indexes keep the rule. */
        SKIP_ONE_PHONE_CHECKS,
        /** LIFE-1 (invariant OneApplicationAtATime), the database's layer: when the service starts it drops the unique index {@code one_application_per_certificate} the migration made, so with {@link #SKIP_ONE_PHONE_CHECKS} nothing keeps a second application of a person and type from running. */
        DROP_ONE_APPLICATION_INDEX,
        /** PRE-3 (invariant OnePersonPerPhone): an application on a phone that holds another person's running application or live certificates is not refused (the per-handset holder check is skipped). */
        SKIP_HOLDER_CHECK,
        /** PRE-6: revoking a card certificate leaves the linked phone certificates as they were. */
        SKIP_CARD_REVOCATION_CASCADE,
        /** PRE-4: expiry of a card certificate leaves the linked phone certificates as they were. */
        SKIP_CARD_EXPIRY_CASCADE,
        /** LIFE-7 (monitor SignatureCertificateNeverReleased): a suspended signature certificate is released like an authentication one. */
        RELEASE_SIGNATURE_CERTIFICATE,
        /** PRE-1: an application is accepted although the card certificate is revoked or expired. */
        ACCEPT_INACTIVE_CARD,
        /** LIFE-8 (invariant DeadKeysAreScheduledForDeletion): revocations and expiries request no remote deletion. */
        SKIP_DELETION_REQUEST,
        /** LIFE-8: a push that did not reach the app leaves the deletion unwarned. */
        SKIP_DELETION_WARNING,
        /** LIFE-11 (monitor NoAcceptedSignatureAfterRevocation): the relying party checks the status now only, not at signing time. */
        IGNORE_SIGNING_TIME_STATUS,
        /** LIFE-8 (invariant DeletionOwedOnlyForPresentKeys): a wiped key or a deleted applet leaves the deletion owed to the slot open. */
        KEEP_DELETION_AFTER_KEY_GONE,
        /** LIFE-13 (invariant RegisteredTokenBelongsToInstalledApp): removing the app or resetting the phone leaves its push tokens registered. */
        KEEP_TOKENS_ON_UNINSTALL,
        /** ACC-1 (invariant AppletNeverWithoutAccessRule), SEI-TSM: the JPKI applet is installed without checking that the ARA-M holds its rule. */
        INSTALL_APPLET_WITHOUT_RULE,
        /** LIFE-11 (invariant ValidCertificateKeyNotLocked), SP-TSM: LOCK KEY is sent without checking that no valid certificate is linked to the key. */
        LOCK_KEY_OF_VALID_CERTIFICATE
    }

    /** No fault: what production code passes. */
    public static final Faults NONE = new Faults(EnumSet.noneOf(Fault.class));

    private final Set<Fault> on;

    private Faults(Set<Fault> on) {
        this.on = on;
    }

    /** Faults switched on for a test. */
    public static Faults of(Fault first, Fault... more) {
        return new Faults(EnumSet.of(first, more));
    }

    public boolean has(Fault f) {
        return on.contains(f);
    }

    public Set<Fault> active() {
        return on.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(on);
    }

    @Override
    public String toString() {
        return on.isEmpty() ? "Faults.NONE" : "Faults" + on;
    }
}
