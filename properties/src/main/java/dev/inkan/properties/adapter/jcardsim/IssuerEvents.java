package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.SpDomainCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.runtime.model.Action;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.HostWrapper;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.script.CardManagement;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.sei.SeiTsm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEI-TSM's events, played with the ISD's keys on the contact interface (SecureElement,
 * AccessRules): the ISD session, creating, personalizing and deleting the SP domain, the key
 * hand-over in a session with the SP domain itself, the ARA-M's rules, and InstallApplet through
 * {@code tsm-reference}'s {@link SeiTsm} so that its policy (rule before applet) is the one tested.
 */
final class IssuerEvents {
    private final Rig rig;
    private final ModelView view;
    private final Values values;

    IssuerEvents(Rig rig) {
        this.rig = rig;
        this.view = rig.view;
        this.values = rig.values;
    }

    Response secureElement(String event, int ph, Action a, byte[] after) throws IOException {
        PhoneSe phone = rig.phones[ph];
        rig.contentDirty[ph] = true;
        rig.appletDirty[ph] = true;
        switch (event) {
            case "initializeUpdate":
                return isdInitializeUpdate(phone);
            case "externalAuthenticate":
                return isdExternalAuthenticate(phone, a.arg(0) != 0);
            case "install": {
                boolean sd = values.isGpObject(a.arg(0), "SpDomainObject");
                if (sd) {
                    return isd(phone, GpCommands.installForInstall(aid(dev.inkan.se.config.Defaults.SD_LOAD_FILE),
                            aid(dev.inkan.se.config.Defaults.SD_MODULE), PhoneSe.SP_SD,
                            Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true));
                }
                return installApplet(phone);
            }
            case "domainInitializeUpdate":
                return domainInitializeUpdate(phone, keysOf(view.spDomainKeys(rig.before, ph), phone));
            case "domainExternalAuthenticate": {
                if (phone.handOverPending == null) {
                    return Response.refused("no INITIALIZE UPDATE to the SP domain before");
                }
                boolean ok = a.arg(0) != 0;
                int sw = PhoneSe.externalAuthenticate(phone.handOverTransport(), phone.handOverPending, ok);
                phone.handOver = ok && sw == 0x9000 ? phone.handOverPending.wrapper() : null;
                phone.handOverPending = null;
                return (ok ? sw == 0x9000 : sw == 0x6300) ? Response.OK
                        : Response.refused("EXTERNAL AUTHENTICATE to the SP domain (" + ok + "): " + hex(sw));
            }
            case "storeData":
                return handOver(phone, SpDomainCommands.storeData(0x80, 0, IDENTITY).apdu());
            case "putKey": {
                // the key set the session was opened with goes, encrypted under its DEK: creation -> transfer -> own
                String held = view.spDomainKeys(rig.before, ph);
                StaticKeys old = keysOf(held, phone);
                StaticKeys next = held.equals("CreationKeys") ? phone.transferKeys() : phone.spKeys();
                return handOver(phone, SpDomainCommands.putKey(old.kvn(), 0x81,
                        CardManagement.putKeyData(old.kvn(), next, old.dek())).apdu());
            }
            case "setStatus":
                return isd(phone, GpCommands.setStatus(0x40, 0x0F, PhoneSe.SP_SD));
            case "delete": {
                // the SE refuses to delete a selected applet or domain (6985): the app releases its channel, the
                // terminal's field goes and the hand-over channel closes first (see the README)
                phone.closeChannel();
                phone.fieldOff();
                boolean sd = values.isGpObject(a.arg(0), "SpDomainObject");
                if (sd) {
                    phone.closeHandOver();
                }
                Response r = isd(phone, GpCommands.delete(sd ? PhoneSe.SP_SD : PhoneSe.JPKI_AID, false));
                if (r.accepted()) {
                    phone.memo = phone.memo.forNewApplet();
                }
                return r;
            }
            case "getStatus": {
                byte[] r = PhoneSe.wrapped(phone.contactTransport(), phone.isd, GpCommands.getStatus(0x40, new byte[0], false));
                int sw = Sw.of(r);
                return sw == 0x9000 || sw == 0x6310 ? Response.OK : Response.refused("GET STATUS: " + hex(sw));
            }
            default:
                return Response.refused("no mapping for SecureElement." + event);
        }
    }

    /**
     * InstallApplet through the SEI-TSM ({@code SeiTsm.installApplet}) in the open ISD session: its
     * policy reads the ARA-M first (ACC-1), then INSTALL and INSTALL [for extradition] as the
     * generated script has them.
     */
    Response installApplet(PhoneSe phone) throws IOException {
        if (phone.isd == null) {
            return Response.refused("no ISD session on the host side");
        }
        HostWrapper isd = phone.isd;
        try {
            rig.registry.seiTsm().installApplet(phone::contact, apdu -> PhoneSe.wrapped(phone.contactTransport(), isd, apdu),
                    PLAN);
        } catch (PolicyRefusal e) {
            return Response.refused("the SEI-TSM's policy: " + e.getMessage());
        } catch (dev.inkan.se.apdu.StatusWordException e) {
            return Response.refused("InstallApplet: " + hex(e.sw()));
        }
        phone.memo = phone.memo.forNewApplet();
        return Response.OK;
    }

    /** What the SP asks the SEI-TSM for: the SP domain, the JPKI load file, module and instance, the app's hash. */
    private static final SeiTsm.Plan PLAN = new SeiTsm.Plan(PhoneSe.SP_SD, PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE,
            PhoneSe.JPKI_AID, new byte[] {0}, PhoneSe.JPKI_APP_HASH, PhoneSe.TRANSFER_MASTER);

    /** INITIALIZE UPDATE to the SP domain, selected afresh on the hand-over channel, with {@code keys}. */
    private Response domainInitializeUpdate(PhoneSe phone, StaticKeys keys) throws IOException {
        phone.handOver = null;
        phone.handOverPending = null;
        PhoneSe.Transport t = phone.handOverTransport();
        int sel = Sw.of(t.transmit(GpCommands.select(PhoneSe.SP_SD)));
        if (sel != 0x9000) {
            return Response.refused("SELECT SP domain: " + hex(sel));
        }
        Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
        int sw = PhoneSe.initializeUpdate(t, keys, h);
        phone.handOverPending = h[0];
        return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE to the SP domain: " + hex(sw));
    }

    /** A command in the session with the SP domain itself. */
    private Response handOver(PhoneSe phone, byte[] cmd) throws IOException {
        if (phone.handOver == null) {
            return Response.refused("no session with the SP domain on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.handOverTransport(), phone.handOver, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(Hex.encode(cmd).substring(0, 8) + ": " + hex(sw));
    }

    Response isdInitializeUpdate(PhoneSe phone) throws IOException {
        phone.isd = null;
        phone.isdPending = null;
        int sel = Sw.of(phone.contact(GpCommands.select(PhoneSe.ISD)));
        if (sel != 0x9000) {
            return Response.refused("SELECT ISD: " + hex(sel));
        }
        Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
        int sw = PhoneSe.initializeUpdate(phone.contactTransport(), PhoneSe.ISD_KEYS, h);
        phone.isdPending = h[0];
        return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE: " + hex(sw));
    }

    Response isdExternalAuthenticate(PhoneSe phone, boolean ok) throws IOException {
        if (phone.isdPending == null) {
            return Response.refused("no INITIALIZE UPDATE before");
        }
        int sw = PhoneSe.externalAuthenticate(phone.contactTransport(), phone.isdPending, ok);
        phone.isd = ok && sw == 0x9000 ? phone.isdPending.wrapper() : null;
        phone.isdPending = null;
        if (ok) {
            return sw == 0x9000 ? Response.OK : Response.refused("EXTERNAL AUTHENTICATE: " + hex(sw));
        }
        return sw == 0x6300 ? Response.OK : Response.refused("a wrong host cryptogram answered " + hex(sw));
    }

    private Response isd(PhoneSe phone, byte[] cmd) throws IOException {
        if (phone.isd == null) {
            return Response.refused("no ISD session on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(Hex.encode(cmd).substring(0, 8) + ": " + hex(sw));
    }

    Response accessRules(String event, int ph, Action a) throws IOException {
        PhoneSe phone = rig.phones[ph];
        rig.contentDirty[ph] = true;
        switch (event) {
            case "initializeUpdate":
                return isdInitializeUpdate(phone);
            case "externalAuthenticate":
                return isdExternalAuthenticate(phone, a.arg(0) != 0);
            case "updateRules": {
                boolean store = view.info.events().get(a.event()).params().get(0).type().names().get(a.arg(0))
                        .equals("StoreRule");
                Response r = isd(phone, GpCommands.installForPersonalization(PhoneSe.ARA));
                if (!r.accepted()) {
                    return r;
                }
                List<byte[]> cmds = new ArrayList<>();
                if (store) {
                    // a new whitelist replaces the old one: delete what is there, store the rule
                    cmds.addAll(AraCommands.storeData(AraCommands.deleteAid(PhoneSe.JPKI_AID.bytes())));
                    r = isdAll(phone, cmds, true);
                    if (!r.accepted()) {
                        return r;
                    }
                    r = isd(phone, GpCommands.installForPersonalization(PhoneSe.ARA));
                    if (!r.accepted()) {
                        return r;
                    }
                    return isdAll(phone, AraCommands.storeData(AraCommands.storeRules(jpkiRule())), false);
                }
                return isdAll(phone, AraCommands.storeData(AraCommands.deleteAid(PhoneSe.JPKI_AID.bytes())), true);
            }
            case "readRules":
                return rules(phone) != null ? Response.OK : Response.refused("GET DATA of the rules failed");
            default:
                return Response.refused("no mapping for AccessRules." + event);
        }
    }

    private Response isdAll(PhoneSe phone, List<byte[]> cmds, boolean nothingToDeleteIsFine) throws IOException {
        for (byte[] c : cmds) {
            int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, c));
            if (sw != 0x9000 && !(nothingToDeleteIsFine && sw == 0x6A88)) {
                return Response.refused("ARA STORE DATA: " + hex(sw));
            }
        }
        return Response.OK;
    }

    static AccessRule jpkiRule() {
        return AccessRule.of(PhoneSe.JPKI_AID.bytes(), PhoneSe.JPKI_APP_HASH, AccessRule.Access.ALWAYS, List.of(),
                AccessRule.Access.ALWAYS);
    }

    /** The ARA-M's rules as the access control enforcer reads them (GET DATA, no session), or null. */
    static List<AccessRule> rules(PhoneSe phone) throws IOException {
        return phone.onSpareChannel(PhoneSe.ARA, (t, sel) -> {
            if (sel != 0x9000) {
                return null;
            }
            byte[] r = t.transmit(AraCommands.getAll());
            if (Sw.of(r) != 0x9000) {
                return null;
            }
            try {
                Tlv all = Tlv.parseSingle(Sw.data(r));
                return AccessRule.parseAll(all.value());
            } catch (dev.inkan.se.tlv.TlvException ex) {
                return null;
            }
        });
    }
}
