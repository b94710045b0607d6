package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * GET STATUS (GP Card Spec 2.3 section 11.4): P1 '80' ISD, '40' applications and SDs, '20' load
 * files, '10' load files with modules; P2 b2 = TLV format ('E3' entries) or the deprecated format;
 * P2 b1 = next occurrence after '6310'. Search criteria '4F' (AID prefix, '4F00' for all) and an
 * optional tag list '5C'. Only entries visible to the SD are listed.
 */
final class GetStatusHandler {
    private GetStatusHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int p1 = p.p1() & 0xFF;
        int p2 = p.p2() & 0xFF;
        if ((p1 != 0x80 && p1 != 0x40 && p1 != 0x20 && p1 != 0x10) || (p2 & ~0x03) != 0) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        boolean tlvFormat = (p2 & 0x02) != 0;
        boolean next = (p2 & 0x01) != 0;
        byte[] prefix;
        int[] tagList = null;
        try {
            List<Tlv> criteria = Tlv.parseAll(p.data(), 0, p.nc());
            if (criteria.isEmpty() || criteria.get(0).tag() != 0x4F || criteria.get(0).length() > 16) {
                return Response.sw(Sw.WRONG_DATA);
            }
            prefix = criteria.get(0).value();
            for (int i = 1; i < criteria.size(); i++) {
                Tlv t = criteria.get(i);
                if (t.tag() != 0x5C || !tlvFormat || i != 1) {
                    return Response.sw(Sw.WRONG_DATA);
                }
                tagList = parseTagList(t.value());
                if (tagList == null) {
                    return Response.sw(Sw.WRONG_DATA);
                }
            }
        } catch (TlvException e) {
            return Response.sw(Sw.WRONG_DATA);
        }
        List<byte[]> encoded = new ArrayList<>();
        for (RegistryEntry e : matching(ctx, p1, prefix)) {
            encoded.add(tlvFormat ? entryTlv(ctx, e, p1, tagList) : entryLegacy(ctx, e, p1));
        }
        if (encoded.isEmpty()) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        int start = 0;
        if (next) {
            Integer paging = ctx.gp().statusPaging(ctx.sd().aid());
            if (paging == null) {
                return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
            }
            start = Math.min(paging, encoded.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = start;
        while (i < encoded.size() && out.size() + encoded.get(i).length <= SdDispatcher.MAX_PLAIN_RESPONSE) {
            out.writeBytes(encoded.get(i));
            i++;
        }
        if (i == start && i < encoded.size()) {
            return Response.sw(Sw.WRONG_LENGTH);
        }
        if (i < encoded.size()) {
            ctx.gp().statusPaging(ctx.sd().aid(), i);
            return new Response(out.toByteArray(), Sw.MORE_DATA);
        }
        ctx.gp().statusPaging(ctx.sd().aid(), null);
        if (next && i == start) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        return Response.ok(out.toByteArray());
    }

    private static int[] parseTagList(byte[] list) {
        List<Integer> tags = new ArrayList<>();
        int i = 0;
        while (i < list.length) {
            int t = list[i++] & 0xFF;
            if ((t & 0x1F) == 0x1F) {
                if (i >= list.length) {
                    return null;
                }
                t = (t << 8) | (list[i++] & 0xFF);
            }
            tags.add(t);
        }
        return tags.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<RegistryEntry> matching(SdContext ctx, int p1, byte[] prefix) {
        Registry reg = ctx.gp().registry();
        List<RegistryEntry> out = new ArrayList<>();
        for (RegistryEntry e : reg.entries()) {
            boolean kind = switch (p1) {
                case 0x80 -> reg.isIsd(e.aid());
                case 0x40 -> e.isInstance() && !reg.isIsd(e.aid());
                default -> e.isLoadFile();
            };
            if (kind && e.aid().startsWith(prefix, 0, prefix.length) && ctx.gp().visible(ctx.sd(), e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static int lifeCycleOf(SdContext ctx, RegistryEntry e) {
        return ctx.gp().registry().isIsd(e.aid()) ? ctx.gp().registry().cardLifeCycle() : e.lifeCycle();
    }

    /** GP 2.3 section 11.4, TLV format: 'E3' with '4F', '9F70', 'C5', 'C4', 'CC', '84'. */
    private static byte[] entryTlv(SdContext ctx, RegistryEntry e, int p1, int[] tagList) {
        List<Tlv> fields = new ArrayList<>();
        fields.add(new Tlv(0x4F, e.aid().bytes()));
        fields.add(new Tlv(0x9F70, new byte[] {(byte) lifeCycleOf(ctx, e)}));
        if (e.isInstance()) {
            fields.add(new Tlv(0xC5, Privileges.toBytes(e.privileges())));
            if (e.loadFileAid() != null) {
                fields.add(new Tlv(0xC4, e.loadFileAid().bytes()));
            }
        }
        if (e.associatedSd() != null) {
            fields.add(new Tlv(0xCC, e.associatedSd().bytes()));
        }
        if (p1 == 0x10) {
            for (var m : e.modules()) {
                fields.add(new Tlv(0x84, m.bytes()));
            }
        }
        if (tagList != null) {
            List<Tlv> kept = new ArrayList<>();
            for (Tlv f : fields) {
                for (int t : tagList) {
                    if (t == f.tag()) {
                        kept.add(f);
                        break;
                    }
                }
            }
            fields = kept;
        }
        return new Tlv(0xE3, Tlv.encodeAll(fields)).encode();
    }

    /** GP 2.3 section 11.4, deprecated format: length, AID, life cycle, privileges (byte 1). */
    private static byte[] entryLegacy(SdContext ctx, RegistryEntry e, int p1) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] aid = e.aid().bytes();
        out.write(aid.length);
        out.writeBytes(aid);
        out.write(lifeCycleOf(ctx, e));
        out.write(e.privileges() >>> 16);
        if (p1 == 0x10) {
            out.write(e.modules().size());
            for (var m : e.modules()) {
                out.write(m.length());
                out.writeBytes(m.bytes());
            }
        }
        return out.toByteArray();
    }
}
