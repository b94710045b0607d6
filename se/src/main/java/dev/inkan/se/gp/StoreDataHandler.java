package dev.inkan.se.gp;

import dev.inkan.se.api.Personalizable;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import java.util.Arrays;
import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * STORE DATA (GP Card Spec 2.3 section 11.11). After INSTALL [for personalization] the unwrapped
 * command goes to the target application's {@link Personalizable#processData} in the target's
 * context (GP 2.3 section 7.5, "personalization through the security domain"); data encrypted
 * with the DEK (P1 b7-b6 = '11') is deciphered first. Without a target, the SD stores its own
 * data objects: IIN '42' and CIN '45'. Block numbers (P2) must run 00, 01, ...
 */
final class StoreDataHandler {
    private StoreDataHandler() {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int p1 = p.p1() & 0xFF;
        byte[] data = p.data();
        if ((p1 & 0x60) == 0x60) {
            if (data.length == 0 || data.length % 16 != 0) {
                return Response.sw(Sw.WRONG_DATA);
            }
            ctx.session().decryptWithDek(data, 0, data.length);
        } else if ((p1 & 0x60) == 0x40) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        GlobalPlatform gp = ctx.gp();
        GlobalPlatform.Personalization pz = gp.personalization(ctx.sd().aid());
        if (pz == null) {
            return ownData(ctx, p1, data);
        }
        if ((p.p2() & 0xFF) != (pz.nextBlock & 0xFF)) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        Personalizable target = (Personalizable) gp.runtime().applet(pz.target);
        byte[] buf = APDU.getCurrentAPDUBuffer();
        Arrays.fill(buf, (byte) 0);
        buf[0] = p.cla();
        buf[1] = Ins.STORE_DATA;
        buf[2] = p.p1();
        buf[3] = p.p2();
        buf[4] = (byte) data.length;
        short commandLength = (short) (5 + data.length);
        System.arraycopy(data, 0, buf, 5, data.length);
        Arrays.fill(data, (byte) 0);
        gp.markTouched(pz.target);
        int n = gp.runtime().inContext(pz.target, () -> {
            try {
                return (int) target.processData(buf, (short) 0, commandLength);
            } catch (ISOException e) {
                return -(e.getReason() & 0xFFFF);
            } catch (RuntimeException e) {
                return -Sw.UNKNOWN;
            }
        });
        if (n < 0) {
            return Response.sw(-n);
        }
        pz.nextBlock++;
        if ((p1 & 0x80) != 0) {
            gp.endPersonalization(ctx.sd().aid());
        }
        if (n > SdDispatcher.MAX_PLAIN_RESPONSE || n > buf.length) {
            return Response.sw(Sw.WRONG_LENGTH);
        }
        return Response.ok(Arrays.copyOf(buf, n));
    }

    /** STORE DATA to the SD itself: BER-TLV IIN and CIN (GP 2.3 section 11.11). */
    private static Response ownData(SdContext ctx, int p1, byte[] data) {
        int structure = p1 & 0x18;
        if (structure != 0x10 && structure != 0x00) {
            return Response.sw(Sw.WRONG_DATA);
        }
        try {
            for (Tlv t : Tlv.parseAll(data, 0, data.length)) {
                if (t.length() == 0 || t.length() > 16) {
                    return Response.sw(Sw.WRONG_DATA);
                }
                if (t.tag() != 0x42 && t.tag() != 0x45) {
                    return Response.sw(Sw.WRONG_DATA);
                }
            }
            for (Tlv t : Tlv.parseAll(data, 0, data.length)) {
                if (t.tag() == 0x42) {
                    ctx.sd().sd().iin(t.value());
                } else {
                    ctx.sd().sd().cin(t.value());
                }
            }
        } catch (TlvException e) {
            return Response.sw(Sw.WRONG_DATA);
        }
        return Response.ok();
    }
}
