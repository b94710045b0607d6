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
 * 'C1', Key Information Template 'E0'. None of these is secret, so no authentication is needed.
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
            default:
                return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
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
