package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.runtime.model.Action;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import java.io.IOException;

/**
 * The phone platform's part (Omapi, ScpSession, Handset): the JPKI app's OMAPI channel and the
 * access control enforcer's refusals of rogue and business apps, sessions the platform ends or a
 * reader tries without, the keystore releasing the PIN, the reset hook's DELETE, and what emitted
 * events do to the phones. The phone app's own decisions stay in the model.
 */
final class PlatformEvents {
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
                        GpCommands.putKeySet(0, PhoneSe.SP_KEYS, PhoneSe.SP_KEYS.dek()))));
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
        if (event.equals("biometricUnlock") && a.arg(0) == view.auth && view.flag(rig.before, view.handset, "biometric", ph)
                && view.pin(rig.before, ph, view.auth).equals("Set")) {
            // the keystore releases the stored PIN to a VERIFY (UX-2)
            PhoneSe phone = rig.phones[ph];
            rig.appletDirty[ph] = true;
            selectEf(phone, values.pinFid(view.auth));
            int sw = Sw.of(phone.user(JpkiApCommands.verify(ascii(phone.memo.pin[view.auth])).apdu()));
            return sw == 0x9000 ? Response.OK : Response.refused("VERIFY with the released PIN: " + hex(sw));
        }
        if (event.equals("factoryReset") && a.arg(0) != 0 && !view.jpki(rig.before, ph).equals("Absent")) {
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
        // the phone app's own bookkeeping (install, connectivity, intents, enrolment): model only
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
