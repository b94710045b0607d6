package dev.inkan.phone.app;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.phone.app.biometric.Fingerprint;
import dev.inkan.phone.app.instance.AppKeyRebinding;
import dev.inkan.phone.app.intent.BusinessIntent;
import dev.inkan.phone.app.intent.IntentGate;
import dev.inkan.phone.app.intent.IntentResult;
import dev.inkan.phone.app.intent.UserPrompt;
import dev.inkan.phone.app.issuance.CardApplication;
import dev.inkan.phone.app.net.JpkiServiceClient;
import dev.inkan.phone.app.revocation.PhoneRevocation;
import dev.inkan.tsm.jpki.AppInstanceKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The JPKI app on one phone (spec/handset.jsm Handset, REQ UX-2, UX-3, ACC-2): its decisions
 * over the JPKI AP it reaches through its OMAPI channel. It serves business apps' intents through
 * the {@link IntentGate} and unlocks the user-authentication key with a fingerprint from its
 * {@link BiometricVault}; the signature password is always typed. The vault is the app's data:
 * it lives as long as the installation (uninstall or factory reset lose it), and so does the
 * installation's own key ({@link AppInstanceKey}, REQ LIFE-13; in a real phone in the Android
 * Keystore), which signs the app's background calls to the JPKI service.
 */
public final class JpkiApp {
    /** The outcome of a biometric unlock. */
    public enum Unlock {
        /** The sealed PIN was released to a VERIFY, which passed: the key is unlocked. */
        RELEASED,
        /** UX-2: the signature password is never released by a fingerprint; it must be typed. */
        SIGNATURE_PASSWORD_TYPED_ONLY,
        /** No PIN sealed for biometric unlock (not enrolled). */
        NOT_ENROLLED,
        /** The fingerprint did not match, or the user cancelled. */
        NO_MATCH,
        /** The PIN is temporary, blocked or unset on the applet: releasing a stored PIN would be wrong or waste a try. */
        PIN_NOT_SET,
        /** The applet refused the released PIN (changed elsewhere): the sealed copy is dropped, the user types it. */
        VERIFY_REFUSED,
        /**
         * The JPKI AP is not on the SE (deleted by the SEI-TSM, or not installed): the PINs sealed
         * for it are dropped, a later instance gets new ones and a new enrolment.
         */
        NO_APPLET
    }

    /** The outcome of an enrolment. */
    public enum Enrolment {
        ENROLLED,
        /** UX-2: only the user-authentication PIN may be sealed. */
        SIGNATURE_PASSWORD_REFUSED,
        /** The PIN must be the user's own (state Set), not a temporary one, and not blocked. */
        PIN_NOT_SET
    }

    private final AppletClient applet;
    private final BiometricVault vault;
    private final AppFaults faults;
    /** Made at first use when not given: most of the app's work (intents, PINs) never needs it. */
    private AppInstanceKey instanceKey;

    /** A new installation: it makes its own key when it first needs it. */
    public JpkiApp(ApduPort port, BiometricVault vault, AppFaults faults) {
        this.applet = new AppletClient(port);
        this.vault = vault;
        this.faults = faults;
    }

    /** An installation whose key is {@code instanceKey} (made once, at its first launch). */
    public JpkiApp(ApduPort port, BiometricVault vault, AppInstanceKey instanceKey, AppFaults faults) {
        this.applet = new AppletClient(port);
        this.vault = vault;
        this.instanceKey = java.util.Objects.requireNonNull(instanceKey, "instanceKey");
        this.faults = faults;
    }

    /** This installation's key: what the service knows it by, once an application or a binding bound it (LIFE-13). */
    public synchronized AppInstanceKey instanceKey() {
        if (instanceKey == null) {
            instanceKey = AppInstanceKey.generate(new SecureRandom());
        }
        return instanceKey;
    }

    /**
     * Phase 2 (UX-3, SYS-7): the card held to the phone signs the application with its password;
     * the application carries this installation's key, so accepting it binds the key to the card's
     * holder on this phone (LIFE-13).
     */
    public byte[] signApplication(ApduPort card, String signPassword, String handset, Set<CertType> types, Instant at,
                                  String pushToken) throws IOException {
        return CardApplication.sign(card, signPassword, handset, types, at, pushToken, instanceKey());
    }

    /**
     * LIFE-13: at every launch, and whenever the push service rotates the token, the app registers
     * its push token for the holder on this phone, signed with this installation's key. A background
     * call: no PIN. Refused ({@link JpkiServiceClient.Refusal}) BAD_SIGNATURE or NO_APP_KEY when no
     * application or binding bound this installation's key (after a reinstall:
     * {@link #signAppKeyBinding}).
     */
    public void registerPushToken(JpkiServiceClient service, long person, String handset, String token, Instant at)
            throws IOException {
        service.registerPushToken(person, handset, token, instanceKey(), at);
    }

    /** A business app's intent (ACC-2). */
    public IntentResult handle(BusinessIntent intent, UserPrompt user) {
        return new IntentGate(applet, faults).handle(intent, user);
    }

    /** The user enrols a fingerprint for a key's PIN, typing the PIN once (UX-2: the authentication PIN only). */
    public Enrolment enrollBiometric(CertType key, String pin) throws IOException {
        if (key == CertType.SIGN && !faults.has(AppFaults.Fault.BIOMETRIC_SIGNATURE_PASSWORD)) {
            return Enrolment.SIGNATURE_PASSWORD_REFUSED;
        }
        if (applet.pinStatus(key) != AppletClient.PinStatus.SET) {
            return Enrolment.PIN_NOT_SET;
        }
        vault.seal(key, pin);
        return Enrolment.ENROLLED;
    }

    /** A fingerprint on the prompt for the key: the sealed PIN goes to a VERIFY. */
    public Unlock biometricUnlock(CertType key, Fingerprint fingerprint) throws IOException {
        if (key == CertType.SIGN && !faults.has(AppFaults.Fault.BIOMETRIC_SIGNATURE_PASSWORD)) {
            return Unlock.SIGNATURE_PASSWORD_TYPED_ONLY;
        }
        if (!vault.holds(key)) {
            return Unlock.NOT_ENROLLED;
        }
        // the state first: a temporary or blocked PIN makes the stored one useless, and VERIFY would spend a try
        AppletClient.PinStatus status;
        try {
            status = applet.pinStatus(key);
        } catch (AppletClient.AppletRefusal e) {
            if (e.sw() != 0x6A82 && e.sw() != 0x6999) {
                throw e;
            }
            // application not found / selection failed: the instance the PINs were for is gone
            for (CertType k : CertType.values()) {
                vault.forget(k);
            }
            return Unlock.NO_APPLET;
        }
        if (status != AppletClient.PinStatus.SET) {
            return Unlock.PIN_NOT_SET;
        }
        Optional<String> pin = vault.open(key, fingerprint);
        if (pin.isEmpty()) {
            return vault.holds(key) ? Unlock.NO_MATCH : Unlock.NOT_ENROLLED;
        }
        try {
            applet.verify(key, pin.get());
            return Unlock.RELEASED;
        } catch (AppletClient.AppletRefusal e) {
            // the PIN was changed outside the app (another terminal): a stale copy must not spend more tries
            vault.forget(key);
            return Unlock.VERIFY_REFUSED;
        }
    }

    /**
     * PRE-9: right after issuance the user replaces a key's temporary PIN (set by the SP-TSM) with
     * her own: VERIFY of the temporary one, CHANGE REFERENCE DATA (the applet checks the format, UX-1).
     */
    public void replaceTemporaryPin(CertType key, String temporary, String own) throws IOException {
        applet.verify(key, temporary);
        applet.changeReferenceData(own);
        pinChanged(key, own);
    }

    /**
     * LIFE-4, LIFE-9: the user revokes a certificate of this phone from the phone, typing the
     * user-authentication PIN; returns the request signed by the phone's authentication key, for
     * {@code JpkiServiceClient.revoke} ({@link PhoneRevocation}). Revoke SIGN before AUTH.
     */
    public byte[] signRevocation(String authPin, long person, String handset, CertType type, java.time.Instant at)
            throws IOException {
        return PhoneRevocation.sign(applet, CertType.AUTH, authPin, person, handset, type, at);
    }

    /**
     * LIFE-4: the user revokes the signature certificate of this phone with its own key, typing the
     * signature PIN; the way for a phone that holds no authentication certificate.
     */
    public byte[] signRevocationWithSignatureKey(String signPin, long person, String handset, java.time.Instant at)
            throws IOException {
        return PhoneRevocation.sign(applet, CertType.SIGN, signPin, person, handset, CertType.SIGN, at);
    }

    /**
     * LIFE-13: after a reinstall, the user binds this installation's new key to her on this phone
     * with the authentication PIN; returns the binding signed by the phone's authentication key, for
     * {@code JpkiServiceClient.bindAppKey} ({@link AppKeyRebinding}).
     */
    public byte[] signAppKeyBinding(String authPin, long person, String handset, java.time.Instant at)
            throws IOException {
        return AppKeyRebinding.sign(applet, CertType.AUTH, authPin, person, handset, instanceKey(), at);
    }

    /** The user changed a PIN in the app: an enrolled one is sealed again, so the fingerprint keeps working. */
    public void pinChanged(CertType key, String newPin) {
        if (vault.holds(key)) {
            vault.seal(key, newPin);
        }
    }

    public boolean enrolled(CertType key) {
        return vault.holds(key);
    }
}
