package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.runtime.model.Action;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.phone.app.JpkiApp;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.phone.app.biometric.Fingerprint;
import dev.inkan.phone.app.intent.BusinessIntent;
import dev.inkan.phone.app.intent.IntentOp;
import dev.inkan.phone.app.intent.IntentResult;
import dev.inkan.phone.app.intent.UserPrompt;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phone platform's part (Omapi, ScpSession, Handset): the JPKI app's OMAPI channel and the
 * access control enforcer's refusals of rogue and business apps, sessions the platform ends or a
 * reader tries without, the keystore releasing the PIN, the reset hook's DELETE, and what emitted
 * events do to the phones; the JPKI app's own decisions (intents, biometric unlock) are the
 * phone module's {@link JpkiApp}.
 */
final class PlatformEvents {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Rig rig;
    private final ModelView view;
    private final Values values;

    PlatformEvents(Rig rig) {
        this.rig = rig;
        this.view = rig.view;
        this.values = rig.values;
    }

    Response scpSession(String event, int ph, int keySet) throws IOException {
        PhoneSe phone = rig.phones[ph];
        rig.appletDirty[ph] = true;
        if (event.equals("close")) {
            if (keySet == view.issuerKeys) {
                // the platform ends the ISD session: the ISD is selected afresh on the basic channel
                phone.isd = null;
                phone.isdPending = null;
                int sw = Sw.of(phone.contact(GpCommands.select(PhoneSe.ISD)));
                return sw == 0x9000 ? Response.OK : Response.refused("SELECT ISD: " + hex(sw));
            }
            if (keySet == view.handOverKeys) {
                // the session with the SP domain itself ends with its logical channel
                rig.contentDirty[ph] = true;
                phone.closeHandOver();
                return Response.OK;
            }
            // the SP session on the app's channel ends on the first command whose MAC fails
            if (phone.channel != null && (phone.sp != null || phone.spPending != null)) {
                // WIPE KEY has no Le: its last byte is the C-MAC's, and the MAC is checked before anything else
                boolean open = phone.sp != null;
                byte[] cmd = JpkiApCommands.wipeKey(CertType.AUTH).apdu();
                byte[] w = open ? phone.sp.wrap(cmd) : phone.spPending.wrapper().wrap(cmd);
                w[w.length - 1] ^= 0x01;
                int sw = Sw.of(phone.channel.transmit(w));
                phone.sp = null;
                phone.spPending = null;
                return (open ? sw == 0x6982 : sw != 0x9000) ? Response.OK
                        : Response.refused("a wrong MAC answered " + hex(sw));
            }
            phone.sp = null;
            phone.spPending = null;
            return Response.OK;
        }
        if (event.equals("unprotectedCommand")) {
            // a reader sends an issuance (SP) or content-management (ISD) command in plain CLA 80
            int sw;
            if (keySet == view.spKeys) {
                sw = phone.channel != null ? Sw.of(phone.nfc.transmit(JpkiApCommands.generateKey(CertType.AUTH).apdu()))
                        : Sw.of(phone.user(JpkiApCommands.generateKey(CertType.AUTH).apdu()));
            } else if (keySet == view.handOverKeys) {
                // a plain PUT KEY to the SP domain: SELECT refused while there is none, the command without a session
                rig.contentDirty[ph] = true;
                sw = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> sel != 0x9000 ? sel : Sw.of(t.transmit(
                        GpCommands.putKeySet(0, phone.spKeys(), phone.spKeys().dek()))));
            } else {
                rig.contentDirty[ph] = true;
                sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> Sw.of(t.transmit(GpCommands.installForInstall(
                        PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE, PhoneSe.JPKI_AID, 0, new byte[] {0}, true))));
            }
            return sw != 0x9000 ? Response.OK : Response.refused("a plain command was accepted");
        }
        return Response.refused("no mapping for ScpSession." + event);
    }

    Response omapi(String event, int ph) throws IOException {
        PhoneSe phone = rig.phones[ph];
        rig.appletDirty[ph] = true;
        switch (event) {
            case "openChannel":
                try {
                    phone.openChannel();
                    return Response.OK;
                } catch (SecurityException | java.util.NoSuchElementException e) {
                    return Response.refused("openLogicalChannel: " + e.getMessage());
                }
            case "closeChannel":
                phone.closeChannel();
                return Response.OK;
            case "rogueOpenChannel":
                return phone.refusesChannel(true) ? Response.OK : Response.refused("a rogue app got a channel");
            case "businessOpenChannel":
                return phone.refusesChannel(false) ? Response.OK : Response.refused("a business app got a channel");
            default:
                return Response.refused("no mapping for Omapi." + event);
        }
    }

    Response handset(String event, int ph, Action a) throws IOException {
        PhoneSe phone = rig.phones[ph];
        switch (event) {
            case "installApp":
                // a fresh installation: no app data, nothing enrolled
                phone.memo.vault = new BiometricVault(RANDOM);
                return Response.OK;
            case "uninstallApp":
                phone.memo.vault = null;
                return Response.OK;
            case "enrollBiometric":
                return enrollBiometric(ph);
            case "biometricUnlock":
                return biometricUnlock(ph, a.arg(0));
            case "businessIntent":
                return businessIntent(ph, a.arg(0));
            case "factoryReset":
                phone.memo.vault = null;
                return factoryReset(ph, a.arg(0) != 0);
            default:
                // connectivity: the push gateway's part is the registry's
                return Response.OK;
        }
    }

    /** UX-2: the user enrols a fingerprint for the authentication PIN; an offer of the signature password is refused. */
    private Response enrollBiometric(int ph) throws IOException {
        PhoneSe phone = rig.phones[ph];
        JpkiApp app = rig.app(ph);
        rig.appletDirty[ph] = true;
        JpkiApp.Enrolment auth = app.enrollBiometric(CertType.AUTH, phone.memo.pin[view.auth]);
        if (auth != JpkiApp.Enrolment.ENROLLED) {
            return Response.refused("enrolment of the authentication PIN: " + auth);
        }
        String password = phone.memo.pin[view.sign];
        if (password != null) {
            JpkiApp.Enrolment sign = app.enrollBiometric(CertType.SIGN, password);
            if (sign == JpkiApp.Enrolment.ENROLLED) {
                return Response.refused("the app sealed the signature password for biometric unlock (UX-2)");
            }
        }
        return Response.OK;
    }

    /** UX-2: the model releases the authentication PIN only, enrolled and Set; the app decides for itself. */
    private Response biometricUnlock(int ph, int key) throws IOException {
        boolean release = key == view.auth && view.flag(rig.before, view.handset, "biometric", ph)
                && view.pin(rig.before, ph, view.auth).equals("Set");
        rig.appletDirty[ph] = true;
        JpkiApp.Unlock u = rig.app(ph).biometricUnlock(key == view.auth ? CertType.AUTH : CertType.SIGN, Fingerprint.MATCH);
        if (release != (u == JpkiApp.Unlock.RELEASED)) {
            return Response.refused("biometric unlock of " + (key == view.auth ? "Auth" : "Sign") + ": the app answered "
                    + u + ", the model " + (release ? "releases the PIN" : "refuses"));
        }
        return Response.OK;
    }

    /**
     * ACC-2: a business app's intent. The model serves uses (the user is then asked; what she does
     * next are the applet's own events) and refuses the rest without asking; the user here declines,
     * so a served use changes nothing on the SE.
     */
    private Response businessIntent(int ph, int op) {
        String name = view.intentOps.get(op);
        IntentOp intentOp = IntentOp.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
        List<String> asked = new ArrayList<>();
        UserPrompt decliningUser = (caller, o, pinOf) -> {
            asked.add(o.name());
            return Optional.empty();
        };
        BusinessIntent intent = new BusinessIntent("jp.example.bank", intentOp,
                intentOp == IntentOp.READ_CERTIFICATE ? CertType.AUTH : null, new byte[] {0x4A, 0x50, 0x4B, 0x49});
        IntentResult r = rig.app(ph).handle(intent, decliningUser);
        boolean served = !(r instanceof IntentResult.Refused refused && refused.reason() == IntentResult.Reason.NOT_A_USE);
        if (served != intentOp.isUse() || served != !asked.isEmpty()) {
            return Response.refused("intent " + name + ": the app answered " + r + (asked.isEmpty() ? "" : " after asking the user")
                    + ", the model " + (intentOp.isUse() ? "serves it" : "refuses it without asking"));
        }
        return Response.OK;
    }

    private Response factoryReset(int ph, boolean coop) throws IOException {
        if (coop && !view.jpki(rig.before, ph).equals("Absent")) {
            // the platform's reset hook has the ISD delete the JPKI instance (its own session)
            PhoneSe phone = rig.phones[ph];
            phone.closeChannel();
            phone.fieldOff();
            rig.appletDirty[ph] = true;
            rig.contentDirty[ph] = true;
            int sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> {
                Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                PhoneSe.initializeUpdate(t, PhoneSe.ISD_KEYS, h);
                PhoneSe.externalAuthenticate(t, h[0], true);
                return Sw.of(PhoneSe.wrapped(t, h[0].wrapper(), GpCommands.delete(PhoneSe.JPKI_AID, false)));
            });
            phone.memo = new PhoneSe.Memo();
            return sw == 0x9000 ? Response.OK : Response.refused("the reset hook's DELETE: " + hex(sw));
        }
        return Response.OK;
    }

    /** What emitted events did to the phones: the app's channel closed, the platform's reset hook deleted the applet. */
    void consequences(byte[] after) throws IOException {
        for (int ph = 0; ph < rig.phones.length; ph++) {
            PhoneSe phone = rig.phones[ph];
            if (view.omapiOpen(rig.before, ph) && !view.omapiOpen(after, ph) && phone.channel != null) {
                phone.closeChannel();
                rig.appletDirty[ph] = true;
            }
        }
    }
}
