package dev.inkan.se.gp;

import dev.inkan.se.api.Personalizable;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import dev.inkan.se.util.Aid;

/**
 * INSTALL (GP Card Spec 2.3 section 11.5) for install ('04'), make selectable ('08'), both
 * ('0C'), extradition ('10') and personalization ('20'). Load files are preloaded, so
 * INSTALL [for load] and [for registry update] answer '6A81'. Only the ISD creates security
 * domains (REQ PRE-7); a new SD starts with a copy of the key set of the session that created it,
 * which the owner replaces with PUT KEY.
 */
final class InstallHandler {
    private InstallHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int p1 = p.p1() & 0x7F;
        if (p.p2() != 0) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        switch (p1) {
            case 0x04:
            case 0x0C:
                return install(ctx, p.data(), p1 == 0x0C);
            case 0x08:
                return makeSelectable(ctx, p.data());
            case 0x10:
                return extradite(ctx, p.data());
            case 0x20:
                return personalize(ctx, p.data());
            case 0x02:
            case 0x40:
                return Response.sw(Sw.FUNCTION_NOT_SUPPORTED);
            default:
                return Response.sw(Sw.INCORRECT_P1P2);
        }
    }

    private static Response install(SdContext ctx, byte[] data, boolean selectable) {
        LvReader r = new LvReader(data);
        byte[] elf = r.next();
        byte[] module = r.next();
        byte[] app = r.next();
        byte[] privBytes = r.next();
        byte[] params = r.next();
        r.next(); // install token: only needed for delegated management, which is not supported
        if (!r.complete() || !Aid.validLength(elf.length) || !Aid.validLength(module.length)
                || !Aid.validLength(app.length)) {
            return Response.sw(Sw.WRONG_DATA);
        }
        int privileges = Privileges.parse(privBytes, 0, privBytes.length);
        byte[] appParams = applicationParameters(params);
        if (privileges < 0 || appParams == null) {
            return Response.sw(Sw.WRONG_DATA);
        }
        if (!ctx.sd().has(Privileges.AUTHORIZED_MANAGEMENT)) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (!ctx.isIsd() && privileges != 0) {
            // PRE-7: only the ISD creates security domains or grants privileges
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        GlobalPlatform gp = ctx.gp();
        RegistryEntry loadFile = gp.registry().get(Aid.of(elf));
        Aid moduleAid = Aid.of(module);
        if (loadFile == null || !loadFile.isLoadFile() || !loadFile.modules().contains(moduleAid)) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        Aid appAid = Aid.of(app);
        if (gp.registry().get(appAid) != null || gp.runtime().applet(appAid) != null) {
            return Response.sw(Sw.WRONG_DATA);
        }
        CardKeySet keys = null;
        if (Privileges.has(privileges, Privileges.SECURITY_DOMAIN)) {
            keys = ctx.sd().sd().find(ctx.session().kvn());
        }
        gp.install(loadFile.aid(), moduleAid, appAid, privileges, appParams, selectable, ctx.sd().aid(), keys,
                ctx.sd().sd());
        return Response.ok(new byte[] {0x00});
    }

    /** The value of 'C9' from the install parameters field (GP 2.3 section 11.5); null if malformed. */
    private static byte[] applicationParameters(byte[] params) {
        if (params.length == 0) {
            return new byte[0];
        }
        try {
            byte[] c9 = null;
            for (Tlv t : Tlv.parseAll(params, 0, params.length)) {
                switch (t.tag()) {
                    case 0xC9:
                        if (c9 != null) {
                            return null;
                        }
                        c9 = t.value();
                        break;
                    case 0xEF:
                    case 0xEA:
                    case 0xCA:
                        break;
                    default:
                        return null;
                }
            }
            return c9 == null ? new byte[0] : c9;
        } catch (TlvException e) {
            return null;
        }
    }

    private static Response makeSelectable(SdContext ctx, byte[] data) {
        LvReader r = new LvReader(data);
        byte[] elf = r.next();
        byte[] module = r.next();
        byte[] app = r.next();
        r.next();
        r.next();
        r.next();
        if (!r.complete() || elf.length != 0 || module.length != 0 || !Aid.validLength(app.length)) {
            return Response.sw(Sw.WRONG_DATA);
        }
        GlobalPlatform gp = ctx.gp();
        RegistryEntry target = gp.registry().get(Aid.of(app));
        if (target == null || !target.isInstance() || !gp.visible(ctx.sd(), target)) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (!gp.manages(ctx.sd(), target, 0) || target.lifeCycle() != LifeCycle.INSTALLED) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        gp.setLifeCycle(target, LifeCycle.SELECTABLE);
        return Response.ok(new byte[] {0x00});
    }

    private static Response extradite(SdContext ctx, byte[] data) {
        LvReader r = new LvReader(data);
        byte[] sd = r.next();
        byte[] zero1 = r.next();
        byte[] app = r.next();
        byte[] zero2 = r.next();
        r.next();
        r.next();
        if (!r.complete() || !Aid.validLength(sd.length) || !Aid.validLength(app.length) || zero1.length != 0
                || zero2.length != 0) {
            return Response.sw(Sw.WRONG_DATA);
        }
        GlobalPlatform gp = ctx.gp();
        RegistryEntry target = gp.registry().get(Aid.of(app));
        RegistryEntry destination = gp.registry().get(Aid.of(sd));
        if (target == null || !target.isInstance() || !gp.visible(ctx.sd(), target)) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (destination == null || !destination.isSecurityDomain()) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (target.isSecurityDomain() || !gp.manages(ctx.sd(), target, 0)) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        gp.extradite(target, destination.aid());
        return Response.ok(new byte[] {0x00});
    }

    private static Response personalize(SdContext ctx, byte[] data) {
        LvReader r = new LvReader(data);
        byte[] elf = r.next();
        byte[] module = r.next();
        byte[] app = r.next();
        byte[] a = r.next();
        byte[] b = r.next();
        byte[] c = r.next();
        if (!r.complete() || elf.length != 0 || module.length != 0 || !Aid.validLength(app.length)
                || a.length != 0 || b.length != 0 || c.length != 0) {
            return Response.sw(Sw.WRONG_DATA);
        }
        GlobalPlatform gp = ctx.gp();
        RegistryEntry target = gp.registry().get(Aid.of(app));
        if (target == null || !target.isInstance() || !ctx.sd().aid().equals(target.associatedSd())
                || target.aid().equals(ctx.sd().aid())) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (!(gp.runtime().applet(target.aid()) instanceof Personalizable) || LifeCycle.isLocked(target.lifeCycle())) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        gp.startPersonalization(ctx.sd().aid(), target.aid());
        return Response.ok(new byte[] {0x00});
    }
}
