package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.scp03.Scp03;
import dev.inkan.se.tlv.Tlv;
import java.io.ByteArrayOutputStream;

/**
 * GET DATA on a security domain (GP Card Spec 2.3 section 11.3): IIN '42', CIN '45', Card
 * Recognition Data '66', Key Diversification Data 'CF', sequence counter of the default key set
 * 'C1', Key Information Template 'E0', and on the ISD the Card Production Life Cycle data '9F7F'.
 * None of these is secret, so no authentication is needed.
 */
final class GetDataHandler {
    private GetDataHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        if (p.nc() != 0) {
            return Response.sw(Sw.WRONG_DATA);
        }
        int tag = ((p.p1() & 0xFF) << 8) | (p.p2() & 0xFF);
        SdData sd = ctx.sd().sd();
        switch (tag) {
            case 0x0042:
                return sd.iin().length == 0 ? Response.sw(Sw.REFERENCED_DATA_NOT_FOUND)
                        : Response.ok(new Tlv(0x42, sd.iin()).encode());
            case 0x0045:
                return sd.cin().length == 0 ? Response.sw(Sw.REFERENCED_DATA_NOT_FOUND)
                        : Response.ok(new Tlv(0x45, sd.cin()).encode());
            case 0x0066:
                return Response.ok(CardRecognition.dataObject());
            case 0x00CF:
                return Response.ok(new Tlv(0xCF, sd.keyDiversificationData()).encode());
            case 0x00C1: {
                CardKeySet ks = sd.find(0);
                if (ks == null) {
                    return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
                }
                int c = ks.sequenceCounter();
                return Response.ok(new Tlv(0xC1, new byte[] {(byte) (c >>> 16), (byte) (c >>> 8), (byte) c}).encode());
            }
            case 0x00E0:
                return Response.ok(keyInformation(sd));
            case 0x9F7F:
                return ctx.gp().registry().isIsd(ctx.sd().aid()) ? Response.ok(cplc(sd.keyDiversificationData()))
                        : Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
            default:
                return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
    }

    /**
     * Card Production Life Cycle data (GP 2.3 Appendix H.6, 42 bytes): who made and personalized
     * the chip, and when. A simulated chip has no fabricator: the identifiers are 'FFFF' (none
     * registered), the dates the reference system's release ('YDDD', 2026 day 001), and the IC
     * serial number the last four bytes of the ISD's key diversification data, so each SE's is its own.
     */
    static byte[] cplc(byte[] kdd) {
        byte[] c = new byte[42];
        java.util.Arrays.fill(c, (byte) 0xFF);
        byte[] date = {0x60, 0x01};
        // OS release, IC fabrication, module packaging, embedding, pre-personalization and personalization dates
        for (int at : new int[] {6, 10, 20, 24, 28, 36}) {
            System.arraycopy(date, 0, c, at, 2);
        }
        System.arraycopy(kdd, kdd.length - 4, c, 12, 4); // IC serial number
        return new Tlv(0x9F7F, c).encode();
    }

    /** Key Information Template (GP 2.3 section 11.3 and Appendix H): 'C0' per key: KID, KVN, type '88', length 16. */
    static byte[] keyInformation(SdData sd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (CardKeySet ks : sd.keySets()) {
            for (byte kid : new byte[] {Scp03.KID_ENC, Scp03.KID_MAC, Scp03.KID_DEK}) {
                out.writeBytes(new Tlv(0xC0, new byte[] {kid, (byte) ks.kvn(), Scp03.KEY_TYPE_AES, (byte) ks.enc().length}).encode());
            }
        }
        return new Tlv(0xE0, out.toByteArray()).encode();
    }
}
