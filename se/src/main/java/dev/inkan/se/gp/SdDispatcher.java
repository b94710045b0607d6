package dev.inkan.se.gp;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.CardSession;
import dev.inkan.se.tlv.Tlv;
import java.util.Arrays;
import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * Command dispatch of a security domain: secure channel initiation, unwrapping of every other
 * command through the session of this channel, routing to the handlers, wrapping of the response
 * (GP Card Spec 2.3 chapter 11, Amd D chapter 7). Errors become status words; nothing escapes.
 */
final class SdDispatcher {
    /** Largest plain response data that still fits 256 bytes after R-ENC padding and R-MAC. */
    static final int MAX_PLAIN_RESPONSE = 239;

    private SdDispatcher() {
    }

    static void process(GlobalPlatform gp, RegistryEntry sd, APDU apdu, boolean selecting) {
        byte[] raw = gp.runtime().currentCommand();
        CardSession session = gp.session(sd.aid());
        SdContext ctx = new SdContext(gp, sd, session);
        CommandApdu c = CommandApdu.parse(raw);
        boolean protect = c != null && !selecting && c.ins() != Ins.INITIALIZE_UPDATE
                && c.ins() != Ins.EXTERNAL_AUTHENTICATE;
        Response r;
        try {
            r = c == null ? Response.sw(Sw.WRONG_LENGTH) : handle(ctx, raw, c, selecting);
        } catch (ISOException e) {
            r = Response.sw(e.getReason() & 0xFFFF);
        }
        if (c != null && c.ins() != Ins.GET_STATUS) {
            gp.statusPaging(sd.aid(), null);
        }
        byte[] buf = new byte[r.data().length + 2 + 32];
        System.arraycopy(r.data(), 0, buf, 0, r.data().length);
        buf[r.data().length] = (byte) (r.sw() >>> 8);
        buf[r.data().length + 1] = (byte) r.sw();
        int n = r.data().length;
        if (protect) {
            n = session.wrap(buf, 0, n + 2);
        }
        if (n > 0) {
            apdu.setOutgoing();
            apdu.setOutgoingLength((short) n);
            apdu.sendBytesLong(buf, (short) 0, (short) n);
        }
        if (r.sw() != Sw.OK) {
            ISOException.throwIt((short) r.sw());
        }
    }

    private static Response handle(SdContext ctx, byte[] raw, CommandApdu c, boolean selecting) {
        if (selecting) {
            return Response.ok(fci(ctx));
        }
        byte ins = c.ins();
        if (ins == Ins.SELECT && !Cla.isProprietary(c.cla())) {
            return Response.sw(Sw.FILE_NOT_FOUND);
        }
        if (Cla.isChaining(c.cla())) {
            return Response.sw(Sw.COMMAND_CHAINING_NOT_SUPPORTED);
        }
        if (ctx.gp().registry().cardLifeCycle() == LifeCycle.CARD_TERMINATED && ins != Ins.GET_DATA) {
            return Response.sw(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (ins == Ins.INITIALIZE_UPDATE) {
            if (!Cla.isProprietary(c.cla()) || Cla.isSecureMessaging(c.cla())) {
                ctx.session().reset();
                return Response.sw(Sw.CLA_NOT_SUPPORTED);
            }
            ctx.gp().endPersonalization(ctx.sd().aid());
            if (c.nc() != 8) {
                ctx.session().reset();
                return Response.sw(Sw.WRONG_LENGTH);
            }
            return Response.ok(ctx.session().initializeUpdate(c.p1() & 0xFF, c.p2() & 0xFF, c.data()));
        }
        if (ins == Ins.EXTERNAL_AUTHENTICATE) {
            if (!Cla.isProprietary(c.cla())) {
                ctx.session().reset();
                return Response.sw(Sw.CLA_NOT_SUPPORTED);
            }
            ctx.session().externalAuthenticate(raw, 0, raw.length);
            return Response.ok();
        }
        byte[] buf = Arrays.copyOf(raw, Math.max(raw.length, 300));
        int n = ctx.session().unwrap(buf, 0, raw.length);
        CommandApdu p = CommandApdu.parse(Arrays.copyOf(buf, n));
        if (p == null) {
            return Response.sw(Sw.WRONG_LENGTH);
        }
        return route(ctx, p);
    }

    private static Response route(SdContext ctx, CommandApdu p) {
        byte ins = p.ins();
        if (ins == Ins.GET_DATA) {
            return GetDataHandler.handle(ctx, p);
        }
        if (!Cla.isProprietary(p.cla())) {
            return Response.sw(Sw.CLA_NOT_SUPPORTED);
        }
        switch (ins) {
            case Ins.GET_STATUS:
                ctx.requireAuthenticated();
                return GetStatusHandler.handle(ctx, p);
            case Ins.SET_STATUS:
                ctx.requireAuthenticated();
                return SetStatusHandler.handle(ctx, p);
            case Ins.INSTALL:
                ctx.requireAuthenticated();
                return InstallHandler.handle(ctx, p);
            case Ins.DELETE:
                ctx.requireAuthenticated();
                return DeleteHandler.handle(ctx, p);
            case Ins.PUT_KEY:
                ctx.requireAuthenticated();
                return PutKeyHandler.handle(ctx, p);
            case Ins.STORE_DATA:
                ctx.requireAuthenticated();
                return StoreDataHandler.handle(ctx, p);
            case Ins.BEGIN_RMAC_SESSION:
                if (p.nc() > 17 || (p.nc() > 0 && (p.data()[0] & 0xFF) != p.nc() - 1)) {
                    return Response.sw(Sw.WRONG_DATA);
                }
                ctx.session().beginRmacSession(p.p1() & 0xFF, p.p2() & 0xFF);
                return Response.ok();
            case Ins.END_RMAC_SESSION:
                if (p.nc() != 0) {
                    return Response.sw(Sw.WRONG_LENGTH);
                }
                ctx.session().endRmacSession(p.p1() & 0xFF, p.p2() & 0xFF);
                return Response.ok();
            case Ins.LOAD:
                ctx.requireAuthenticated();
                return Response.sw(Sw.FUNCTION_NOT_SUPPORTED);
            default:
                return Response.sw(Sw.INS_NOT_SUPPORTED);
        }
    }

    /** The SELECT response (GP 2.3 section 11.9): FCI '6F' with AID '84' and proprietary data 'A5'. */
    private static byte[] fci(SdContext ctx) {
        Tlv proprietary = Tlv.of(0xA5,
                new Tlv(0x73, CardRecognition.content()),
                new Tlv(0x9F65, new byte[] {(byte) 0xFF}));
        return Tlv.of(0x6F, new Tlv(0x84, ctx.sd().aid().bytes()), proprietary).encode();
    }
}
