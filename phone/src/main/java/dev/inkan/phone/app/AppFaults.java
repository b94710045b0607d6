package dev.inkan.phone.app;

import java.util.EnumSet;
import java.util.Set;

/**
 * Deliberate faults of the JPKI app for the property suites' proof that they bite (issue 5); each
 * breaks one rule of the spec. Production code passes {@link #NONE}.
 */
public final class AppFaults {
    /** One fault and the rule it breaks. */
    public enum Fault {
        /** ACC-2 (monitor BusinessAppsOnlyUse): the intent gate serves issuance and management requests of business apps too. */
        SERVE_MANAGEMENT_INTENTS,
        /** UX-2 (monitor BiometricsOnlyForAuthentication): enrolment also stores the signature password, and a fingerprint releases it. */
        BIOMETRIC_SIGNATURE_PASSWORD,
        /** LIFE-8 (liveness monitor DeletionEventuallyHappens): the push receiver drops deletion notices, so the key is never deleted remotely. */
        DROP_DELETION_NOTICES
    }

    public static final AppFaults NONE = new AppFaults(EnumSet.noneOf(Fault.class));

    private final Set<Fault> on;

    private AppFaults(Set<Fault> on) {
        this.on = on;
    }

    public static AppFaults of(Fault first, Fault... more) {
        return new AppFaults(EnumSet.of(first, more));
    }

    public boolean has(Fault f) {
        return on.contains(f);
    }

    @Override
    public String toString() {
        return on.isEmpty() ? "AppFaults.NONE" : "AppFaults" + on;
    }
}
