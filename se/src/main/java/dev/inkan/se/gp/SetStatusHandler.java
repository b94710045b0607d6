package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Aid;

/**
 * SET STATUS (GP Card Spec 2.3 section 11.10): P1 '80' card life cycle (ISD, card lock/terminate
 * privileges), '40' one application or SD, '60' an SD and its associated applications. For
 * applications and SDs, P2 with b8 set locks, P2 with b8 clear unlocks (or, for an SD in
 * SELECTABLE state, P2 '0F' makes it PERSONALIZED).
 */
final class SetStatusHandler {
    private SetStatusHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int p1 = p.p1() & 0xFF;
        int p2 = p.p2() & 0xFF;
        GlobalPlatform gp = ctx.gp();
        if (p1 == 0x80) {
            return cardState(ctx, p, p2);
        }
        if (p1 != 0x40 && p1 != 0x60) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        if (!Aid.validLength(p.nc())) {
            return Response.sw(Sw.WRONG_DATA);
        }
        RegistryEntry target = gp.registry().get(Aid.of(p.data()));
        if (target == null || !target.isInstance() || !gp.visible(ctx.sd(), target)) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (gp.registry().isIsd(target.aid())) {
            return Response.sw(Sw.WRONG_DATA);
        }
        if (!gp.manages(ctx.sd(), target, Privileges.GLOBAL_LOCK)) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (p1 == 0x60 && !target.isSecurityDomain()) {
            return Response.sw(Sw.WRONG_DATA);
        }
        boolean lock = (p2 & 0x80) != 0;
        if (lock) {
            if (p2 != 0x80 && (p2 & 0x7F) != (target.lifeCycle() & 0x7F)) {
                return Response.sw(Sw.WRONG_DATA);
            }
            gp.setLocked(target, true);
            if (p1 == 0x60) {
                for (RegistryEntry e : gp.registry().associatedWith(target.aid())) {
                    gp.setLocked(e, true);
                }
            }
            return Response.ok();
        }
        if (LifeCycle.isLocked(target.lifeCycle())) {
            if (p2 != 0x00 && p2 != (target.lifeCycle() & 0x7F)) {
                return Response.sw(Sw.WRONG_DATA);
            }
            gp.setLocked(target, false);
            if (p1 == 0x60) {
                for (RegistryEntry e : gp.registry().associatedWith(target.aid())) {
                    if (LifeCycle.isLocked(e.lifeCycle())) {
                        gp.setLocked(e, false);
                    }
                }
            }
            return Response.ok();
        }
        if (target.isSecurityDomain() && p1 == 0x40 && p2 == LifeCycle.SD_PERSONALIZED
                && target.lifeCycle() == LifeCycle.SELECTABLE) {
            gp.setLifeCycle(target, LifeCycle.SD_PERSONALIZED);
            return Response.ok();
        }
        return Response.sw(Sw.WRONG_DATA);
    }

    private static Response cardState(SdContext ctx, CommandApdu p, int p2) {
        GlobalPlatform gp = ctx.gp();
        if (p.nc() != 0 && !ctx.sd().aid().equalsBytes(p.data(), 0, p.nc())) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        int needed = p2 == LifeCycle.CARD_TERMINATED ? Privileges.CARD_TERMINATE
                : (p2 == LifeCycle.CARD_LOCKED || gp.registry().cardLifeCycle() == LifeCycle.CARD_LOCKED)
                ? Privileges.CARD_LOCK : 0;
        if (!ctx.isIsd() && (needed == 0 || !ctx.sd().has(needed))) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (!LifeCycle.isCardTransitionAllowed(gp.registry().cardLifeCycle(), p2)) {
            return Response.sw(Sw.WRONG_DATA);
        }
        gp.setCardLifeCycle(p2);
        return Response.ok();
    }
}
