package dev.inkan.phone.app.biometric;

/** What the phone's biometric prompt reports (Android BiometricPrompt's outcomes that matter here). */
public enum Fingerprint {
    /** A strong (class 3) biometric matched the enrolled user: the keystore unlocks its key. */
    MATCH,
    /** Not recognised, or the user cancelled the prompt. */
    NO_MATCH
}
