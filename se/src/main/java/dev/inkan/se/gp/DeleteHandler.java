package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import dev.inkan.se.util.Aid;
import java.util.List;

/**
 * DELETE (GP Card Spec 2.3 section 11.2): a card content object by '4F' AID, P2 '80' to delete a
 * load file with its instances ("related objects"); or a key set by 'D2' KVN (SCP03 keys are
 * deleted as a set). Answers '00' (no confirmation) on success.
 */
final class DeleteHandler {
    private DeleteHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int p1 = p.p1() & 0xFF;
        int p2 = p.p2() & 0xFF;
        if (p1 != 0x00 || (p2 != 0x00 && p2 != 0x80)) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        List<Tlv> tlvs;
        try {
            tlvs = Tlv.parseAll(p.data(), 0, p.nc());
        } catch (TlvException e) {
            return Response.sw(Sw.WRONG_DATA);
        }
        if (tlvs.isEmpty()) {
            return Response.sw(Sw.WRONG_DATA);
        }
        Tlv first = tlvs.get(0);
        if (first.tag() == 0x4F) {
            for (int i = 1; i < tlvs.size(); i++) {
                if (tlvs.get(i).tag() != 0xB6 && tlvs.get(i).tag() != 0x9E) {
                    return Response.sw(Sw.WRONG_DATA);
                }
            }
            return deleteObject(ctx, first.value(), p2 == 0x80);
        }
        if (first.tag() == 0xD0 || first.tag() == 0xD2) {
            return deleteKey(ctx, tlvs);
        }
        return Response.sw(Sw.WRONG_DATA);
    }

    private static Response deleteObject(SdContext ctx, byte[] aidBytes, boolean related) {
        if (!Aid.validLength(aidBytes.length)) {
            return Response.sw(Sw.WRONG_DATA);
        }
        GlobalPlatform gp = ctx.gp();
        RegistryEntry target = gp.registry().get(Aid.of(aidBytes));
        if (target == null || !gp.visible(ctx.sd(), target)) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (!gp.manages(ctx.sd(), target, Privileges.GLOBAL_DELETE)) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (target.isLoadFile()) {
            gp.deleteLoadFile(target, related, ctx.sd());
        } else {
            gp.deleteInstance(target);
        }
        return Response.ok(new byte[] {0x00});
    }

    /** Key deletion (GP 2.3 section 11.2): 'D2' KVN, optionally 'D0' KID; SCP03 sets go as a whole. */
    private static Response deleteKey(SdContext ctx, List<Tlv> tlvs) {
        int kvn = -1;
        for (Tlv t : tlvs) {
            if (t.length() != 1) {
                return Response.sw(Sw.WRONG_DATA);
            }
            if (t.tag() == 0xD2) {
                kvn = t.value()[0] & 0xFF;
            } else if (t.tag() != 0xD0) {
                return Response.sw(Sw.WRONG_DATA);
            }
        }
        if (kvn <= 0) {
            return Response.sw(Sw.WRONG_DATA);
        }
        SdData sd = ctx.sd().sd();
        CardKeySet ks = sd.find(kvn);
        if (ks == null) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (sd.keySets().size() == 1) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        sd.removeKeySet(kvn);
        return Response.ok(new byte[] {0x00});
    }
}
