package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import java.io.IOException;

/**
 * Refusal probes: which actions the model refuses are refusals the implementation itself must
 * make (the applet's and the SE's checks, the TSMs' policies, the registry's rules; not what only
 * the app or the network decide), and how each is tried: plain where no session covers it, in the
 * session where the state is wrong, through the TSM whose policy refuses it.
 */
final class Probes {
    private final Rig rig;
    private final ModelView view;
    private final Values values;
    private final AppletEvents applet;
    private final IssuerEvents issuer;

    Probes(Rig rig, AppletEvents applet, IssuerEvents issuer) {
        this.rig = rig;
        this.view = rig.view;
        this.values = rig.values;
        this.applet = applet;
        this.issuer = issuer;
    }

    boolean probes(Model model, Action action, byte[] s) {
        ModelInfo.Event e = view.info.events().get(action.event());
        String machine = view.info.machines().get(e.machine()).name();
        int[] p = model.instanceParams(e.machine(), action.instance());
        int ph = p[0];
        if (machine.equals("JpkiApplet")) {
            String st = view.jpki(s, ph);
            if (st.equals("Absent")) {
                return false;
            }
            boolean session = view.session(s, ph, view.spKeys).equals("Open") && view.omapiOpen(s, ph);
            switch (e.name()) {
                case "sign":
                case "changePin":
                    return true;
                case "readBinary":
                    return true;
                case "generateKey":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Empty");
                case "readPublicKey":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Generated");
                case "storeCert": {
                    int t = values.certOf(action.arg(0));
                    boolean ee = values.isEndEntity(action.arg(0));
                    return !session || !view.slot(s, ph, t).equals("Generated")
                            || (ee && action.arg(1) != 0 && !view.flag(s, view.keySlot, "caStored", ph, t));
                }
                case "setTempPin":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Certified");
                case "lockKey":
                    // the applet's own checks, and the SP-TSM's policy (LIFE-11): no lock of a valid certificate's key
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Certified")
                            || validCertificate(s, ph, action.arg(0));
                case "wipeKey":
                    return !session || view.slot(s, ph, action.arg(0)).equals("Empty");
                default:
                    return false;
            }
        }
        if (machine.equals("CardCert")) {
            // the registry alone decides: issued, revoked, expired
            return true;
        }
        if (machine.equals("PhoneCert")) {
            return switch (e.name()) {
                case "release", "suspend", "revokeByCallCentre" -> true;
                // what the service cannot know (the app, the network, the SE) holds: the rest is the registry's to refuse
                case "apply" -> view.state(s, view.handset, p[1]).equals("AppInstalled") && view.online(s, p[1])
                        && !view.jpki(s, p[1]).equals("Absent") && !view.slot(s, p[1], p[2]).equals("Generated");
                default -> false;
            };
        }
        if (machine.equals("Omapi") && e.name().equals("openChannel")) {
            // the ACE must refuse without the rule; an absent applet cannot be selected
            return view.state(s, view.handset, ph).equals("AppInstalled") && view.omapiOpen(s, ph) == false
                    && (view.state(s, view.accessRules, ph).equals("NoRule") || view.jpki(s, ph).equals("Absent"));
        }
        if (machine.equals("SecureElement") || machine.equals("AccessRules")) {
            boolean management = switch (e.name()) {
                case "install", "delete", "setStatus", "updateRules", "getStatus" -> true;
                default -> false;
            };
            boolean ownData = e.name().equals("putKey") || e.name().equals("storeData");
            // GP: a security domain with an associated application is not deleted, session or not
            boolean domainWithItsApplet = e.name().equals("delete") && values.isGpObject(action.arg(0), "SpDomainObject")
                    && !view.jpki(s, ph).equals("Absent");
            // the SEI-TSM's policy (ACC-1): the applet goes only after its rule, even in a session and with the SP domain ready
            boolean appletWithoutRule = e.name().equals("install") && values.isGpObject(action.arg(0), "JpkiInstance")
                    && view.session(s, ph, view.issuerKeys).equals("Open")
                    && view.state(s, view.secureElement, ph).equals("SpDomainPersonalized")
                    && view.jpki(s, ph).equals("Absent") && view.state(s, view.accessRules, ph).equals("NoRule");
            return view.online(s, ph) && (management && !view.session(s, ph, view.issuerKeys).equals("Open")
                    || ownData && !view.session(s, ph, view.handOverKeys).equals("Open") || domainWithItsApplet
                    || appletWithoutRule);
        }
        return false;
    }

    Response probe(Model model, Action action, byte[] s) {
        ModelInfo.Event e = view.info.events().get(action.event());
        String machine = view.info.machines().get(e.machine()).name();
        int ph = model.instanceParams(e.machine(), action.instance())[0];
        if (machine.equals("CardCert") || machine.equals("PhoneCert")) {
            Response r = rig.registry.perform(machine, e.name(), model.instanceParams(e.machine(), action.instance()), action,
                    s, s, x -> rig.phones[x].memo);
            return r.accepted() ? new Response(true, "the JPKI service carried it out") : r;
        }
        PhoneSe phone = rig.phones[ph];
        try {
            if (machine.equals("Omapi")) {
                try {
                    phone.openChannel();
                    phone.closeChannel();
                    return new Response(true, "the access control enforcer granted the JPKI app a channel");
                } catch (SecurityException | java.util.NoSuchElementException | IOException x) {
                    return Response.refused("refused: " + x.getMessage());
                } finally {
                    rig.appletDirty[ph] = true;
                }
            }
            if (e.name().equals("putKey") || e.name().equals("storeData")) {
                // plain, to the SP domain on a logical channel of its own: no session with it covers it there
                rig.contentDirty[ph] = true;
                byte[] cmd = e.name().equals("putKey") ? GpCommands.putKeySet(0, phone.spKeys(), phone.spKeys().dek())
                        : GpCommands.storeData(0x80, 0, IDENTITY);
                int sw = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> sel != 0x9000 ? sel : Sw.of(t.transmit(cmd)));
                return sw == 0x9000 ? new Response(true, "the SP domain accepted a plain " + e.name())
                        : Response.refused("SW " + hex(sw));
            }
            if (e.name().equals("install") && phone.isd != null && view.session(s, ph, view.issuerKeys).equals("Open")) {
                // in the ISD session, through the SEI-TSM: its policy refuses the applet without the ARA rule
                rig.contentDirty[ph] = true;
                rig.appletDirty[ph] = true;
                Response r = issuer.installApplet(phone);
                return r.accepted() ? new Response(true, "the SEI-TSM installed the applet without its ARA rule") : r;
            }
            if (e.name().equals("delete") && phone.isd != null && view.session(s, ph, view.issuerKeys).equals("Open")) {
                // in the ISD session: the SP domain with its applet
                rig.contentDirty[ph] = true;
                int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, GpCommands.delete(PhoneSe.SP_SD, false)));
                return sw == 0x9000 ? new Response(true, "the ISD deleted the SP domain with its applet")
                        : Response.refused("SW " + hex(sw));
            }
            if (machine.equals("SecureElement") || machine.equals("AccessRules")) {
                rig.contentDirty[ph] = true;
                byte[] cmd = switch (e.name()) {
                    case "install" -> GpCommands.installForInstall(PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE,
                            PhoneSe.JPKI_AID, 0, new byte[] {0}, true);
                    case "delete" -> GpCommands.delete(PhoneSe.JPKI_AID, false);
                    case "setStatus" -> GpCommands.setStatus(0x40, 0x0F, PhoneSe.SP_SD);
                    case "getStatus" -> GpCommands.getStatus(0x40, new byte[0], false);
                    default -> GpCommands.storeData(0x80, 0, IDENTITY);
                };
                // plain, to the ISD on a logical channel of its own: no session covers it there
                int sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> Sw.of(t.transmit(cmd)));
                return sw == 0x9000 || sw == 0x6310 ? new Response(true, "the ISD accepted a plain "
                        + e.name() + " (SW " + hex(sw) + ")") : Response.refused("SW " + hex(sw));
            }
            rig.appletDirty[ph] = true;
            int sw = switch (e.name()) {
                case "sign" -> {
                    int t = action.arg(0);
                    selectEf(phone, values.keyFid(t));
                    byte[] r = phone.user(JpkiApCommands.computeDigitalSignature(digestInfo()).apdu());
                    yield Sw.of(r);
                }
                case "changePin" -> {
                    int t = action.arg(0);
                    selectEf(phone, values.pinFid(t));
                    yield Sw.of(phone.user(JpkiApCommands.changeReferenceData(ascii(values.nextPin(phone, t, false))).apdu()));
                }
                case "readBinary" -> {
                    selectEf(phone, values.efFid(action.arg(0)));
                    yield Sw.of(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}));
                }
                default -> applet.issuanceProbe(phone, e.name(), action, s, ph);
            };
            return sw == 0x9000 ? new Response(true, e.name() + " answered 9000")
                    : Response.refused("SW " + hex(sw));
        } catch (IOException | RuntimeException ex) {
            return Response.refused("threw " + ex);
        }
    }

    /** Whether some person's certificate of slot (ph, t) is valid (active or suspended) in the model. */
    private boolean validCertificate(byte[] s, int ph, int t) {
        for (int p = 0; p < view.persons; p++) {
            String c = view.state(s, view.phoneCert, p, ph, t);
            if (c.equals("Active") || c.equals("Suspended")) {
                return true;
            }
        }
        return false;
    }
}
