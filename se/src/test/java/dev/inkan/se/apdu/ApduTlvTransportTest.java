package dev.inkan.se.apdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import dev.inkan.se.transport.GetResponseTransport;
import dev.inkan.se.transport.LoggingTransport;
import dev.inkan.se.transport.LogicalChannelTransport;
import dev.inkan.se.util.Bytes;
import dev.inkan.se.util.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** APDU cases, class byte coding, BER-TLV and the transport decorators. */
class ApduTlvTransportTest {
    @Test
    void commandApduCases() {
        CommandApdu c1 = CommandApdu.parse(Hex.decode("80CA00CF"));
        assertEquals(0, c1.nc());
        assertFalse(c1.hasLe());
        CommandApdu c2 = CommandApdu.parse(Hex.decode("80CA00CF00"));
        assertEquals(256, c2.ne());
        CommandApdu c3 = CommandApdu.parse(Hex.decode("80E2900003010203"));
        assertEquals("010203", Hex.encode(c3.data()));
        CommandApdu c4 = CommandApdu.parse(Hex.decode("80E290000301020310"));
        assertEquals(16, c4.ne());
        CommandApdu e2 = CommandApdu.parse(Hex.decode("80CA00CF000100"));
        assertTrue(e2.isExtended());
        assertEquals(256, e2.ne());
        CommandApdu e4 = CommandApdu.parse(Hex.decode("80E29000000003010203" + "0000"));
        assertEquals(3, e4.nc());
        assertEquals(65536, e4.ne());
        assertNull(CommandApdu.parse(Hex.decode("80CA")));
        assertNull(CommandApdu.parse(Hex.decode("80E290000301")));
        assertNull(CommandApdu.parse(Hex.decode("80E290000001")));
        assertArrayEquals(Hex.decode("80E2900003010203"), CommandApdu.build(0x80, 0xE2, 0x90, 0, Hex.decode("010203"), 0));
        assertArrayEquals(Hex.decode("80CA00CF00"), CommandApdu.build(0x80, 0xCA, 0, 0xCF, null, 256));
        byte[] big = new byte[300];
        byte[] ext = CommandApdu.build(0x80, 0xE2, 0, 0, big, 0);
        assertEquals(7 + 300, ext.length);
        assertEquals(300, CommandApdu.parse(ext).nc());
    }

    @Test
    void classByteCoding() {
        for (int ch = 0; ch <= 19; ch++) {
            byte cla = Cla.withChannel((byte) 0x80, ch);
            assertEquals(ch, Cla.channel(cla));
            assertTrue(Cla.isProprietary(cla));
            byte sm = Cla.withSecureMessaging(cla);
            assertTrue(Cla.isGpSecureMessaging(sm));
            assertEquals(ch, Cla.channel(sm));
            assertFalse(Cla.isSecureMessaging(Cla.withoutSecureMessaging(sm)));
            assertEquals((byte) 0x84, Cla.forMac(sm));
        }
        assertEquals((byte) 0x41, Cla.withChannel((byte) 0x00, 5));
        assertFalse(Cla.isGpSecureMessaging((byte) 0x8C));
        assertTrue(Cla.isSecureMessaging((byte) 0x8C));
        assertTrue(Cla.isChaining((byte) 0x90));
        assertTrue(Cla.isInvalid((byte) 0xFF));
    }

    @Test
    void berTlv() throws TlvException {
        Tlv t = Tlv.parseSingle(Hex.decode("9F7001 07"));
        assertEquals(0x9F70, t.tag());
        Tlv nested = Tlv.parseSingle(Hex.decode("E20AE1054F00C10100E301D0"));
        assertEquals(2, nested.children().size());
        assertThrows(TlvException.class, () -> nested.children().get(1).children());
        byte[] long200 = new byte[200];
        Tlv l = new Tlv(0xFF40, long200);
        assertEquals("FF4081C8", Hex.encode(l.encode(), 0, 4));
        assertEquals(l, Tlv.parseSingle(l.encode()));
        byte[] long300 = new Tlv(0xC9, new byte[300]).encode();
        assertEquals("C982012C", Hex.encode(long300, 0, 4));
        for (String bad : new String[] {"4F05A0", "4F", "9F", "4F83000001", "00", "FF01", "FF40"}) {
            assertThrows(TlvException.class, () -> Tlv.parseAll(Hex.decode(bad), 0, Hex.decode(bad).length), bad);
        }
        assertEquals(2, Tlv.parseAll(Hex.decode("4F00C100"), 0, 4).size());
    }

    @Test
    void paddingHelpers() {
        assertEquals("01028000000000000000000000000000", Hex.encode(Bytes.pad80(Hex.decode("0102"), 16)));
        byte[] padded = Bytes.pad80(new byte[16], 16);
        assertEquals(32, padded.length);
        assertEquals(16, Bytes.unpad80Length(padded, 0, 32, 16));
        assertEquals(-1, Bytes.unpad80Length(new byte[16], 0, 16, 16));
        byte[] nonZeroAfter = Hex.decode("0102800000000000000000000000000001");
        assertEquals(-1, Bytes.unpad80Length(nonZeroAfter, 1, 16, 16));
    }

    @Test
    void transportsDecorate() throws Exception {
        List<String> seen = new ArrayList<>();
        // a card that answers '6C10' to a wrong Le and splits its answer with '61xx'
        dev.inkan.se.transport.Transport card = cmd -> {
            seen.add(Hex.encode(cmd));
            if (cmd[1] == (byte) 0xC0) {
                return Hex.decode("AABB9000");
            }
            if (cmd.length == 5 && cmd[4] == 0x00) {
                return Hex.decode("6C10");
            }
            return Hex.decode("01026102");
        };
        List<String> log = new ArrayList<>();
        var t = new LoggingTransport(new GetResponseTransport(new LogicalChannelTransport(card, 6)), log::add);
        assertEquals("0102AABB9000", Hex.encode(t.transmit(Hex.decode("80CA00CF00"))));
        assertEquals(List.of("C2CA00CF00", "C2CA00CF10", "42C0000002"), seen);
        assertEquals(2, log.size());
        assertThrows(IllegalArgumentException.class, () -> new LogicalChannelTransport(card, 20));
        assertEquals(0x6A82, Sw.of(Hex.decode("6A82")));
        StatusWordException e = assertThrows(StatusWordException.class, () -> Sw.check(Hex.decode("01026985")));
        assertEquals(0x6985, e.sw());
        assertArrayEquals(Hex.decode("0102"), e.data());
        assertArrayEquals(Hex.decode("01"), Sw.check(Hex.decode("016310"), Sw.OK, Sw.MORE_DATA));
    }
}
