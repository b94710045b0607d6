package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.transport.LoggingTransport;
import dev.inkan.se.util.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Our host side against our ISD at every SCP03 security level, checking the bytes on the wire. */
class SecurityLevelRoundTripTest {
    private static SecureElement lenientSe() {
        SeConfig c = new SeConfig();
        c.isd.minimumSecurityLevel = "00";
        return TestSe.start(c);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x03, 0x11, 0x13, 0x33})
    void everyLevelRoundTrips(int level) throws Exception {
        try (SecureElement se = lenientSe()) {
            List<String> wire = new ArrayList<>();
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(new LoggingTransport(se.contact(), wire::add),
                    TestSe.ISD_KEYS, Scp03Host.Options.level(level).verifyingChallengeFor(TestSe.ISD.bytes()));
            assertEquals(level, sc.securityLevel());
            assertEquals(level | SecurityLevel.AUTHENTICATED, se.platform().session(TestSe.ISD).securityLevel());
            for (int i = 0; i < 3; i++) {
                wire.clear();
                byte[] data = TestSe.ok(sc, GpCommands.getStatus(0x80, new byte[0], false));
                assertArrayEquals(TestSe.ISD.bytes(), Tlv.parseAll(data, 0, data.length).get(0).find(0x4F).value());
                String command = wire.get(0).substring(3);
                String response = wire.get(1).substring(3);
                boolean cmac = (level & SecurityLevel.C_MAC) != 0;
                assertEquals(cmac ? "84F28002" : "80F28002", command.substring(0, 8));
                String lcAndData = command.substring(8, 12);
                if ((level & SecurityLevel.C_DECRYPTION) != 0) {
                    assertEquals("18", lcAndData.substring(0, 2), command);    // 16 bytes of ciphertext + C-MAC
                } else if (cmac) {
                    assertEquals("0A4F", lcAndData, command);                  // plain '4F00' + C-MAC
                } else {
                    assertEquals("024F", lcAndData, command);
                }
                boolean rmac = (level & SecurityLevel.R_MAC) != 0;
                int plainLength = data.length;
                int expectedLength = !rmac ? plainLength
                        : (level & SecurityLevel.R_ENCRYPTION) != 0 ? (plainLength / 16 + 1) * 16 + 8 : plainLength + 8;
                assertEquals(expectedLength * 2 + 4, response.length(), response);
                assertEquals((level & SecurityLevel.R_ENCRYPTION) == 0, response.contains(TestSe.ISD.hex()), response);
            }
            // the encryption counter rose with every command
            assertEquals(cmacLevel(level) ? 3 : 0, sc.wrapper().counter());
        }
    }

    private static boolean cmacLevel(int level) {
        return (level & SecurityLevel.C_MAC) != 0;
    }

    @Test
    void beginAndEndRmacSessionRaiseAndLowerResponseProtection() throws Exception {
        try (SecureElement se = lenientSe()) {
            List<String> wire = new ArrayList<>();
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(new LoggingTransport(se.contact(), wire::add),
                    TestSe.ISD_KEYS, Scp03Host.Options.level(0x03));
            byte[] plain = TestSe.ok(sc, GpCommands.getData(0xCF));
            sc.beginRmacSession(0x30);
            assertEquals(0x33, sc.securityLevel());
            wire.clear();
            assertArrayEquals(plain, TestSe.ok(sc, GpCommands.getData(0xCF)));
            assertFalse(wire.get(1).contains(Hex.encode(plain)), "R-ENC hides the response");
            sc.endRmacSession();
            assertEquals(0x03, sc.securityLevel());
            wire.clear();
            assertArrayEquals(plain, TestSe.ok(sc, GpCommands.getData(0xCF)));
            assertTrue(wire.get(1).contains(Hex.encode(plain)));
        }
    }

    @Test
    void sessionsOnSeveralLogicalChannelsAtOnce() throws Exception {
        try (SecureElement se = lenientSe()) {
            byte[] opened = TestSe.ok(se.contact(), Hex.decode("0070000001"));
            dev.inkan.se.transport.Transport ch = new dev.inkan.se.transport.LogicalChannelTransport(se.contact(),
                    opened[0]);
            dev.inkan.se.transport.Transport ch7 = new dev.inkan.se.transport.LogicalChannelTransport(se.contact(), 7);
            TestSe.ok(se.contact(), Hex.decode("00700007"));
            TestSe.ok(ch, GpCommands.select(TestSe.ISD));
            TestSe.ok(ch7, GpCommands.select(TestSe.ISD));
            SecureChannelTransport a = Scp03Host.open(ch, TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            SecureChannelTransport b = Scp03Host.open(ch7, TestSe.ISD_KEYS, Scp03Host.Options.level(0x13));
            SecureChannelTransport basic = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x01));
            for (int i = 0; i < 3; i++) {
                TestSe.ok(a, GpCommands.getData(0xCF));
                TestSe.ok(b, GpCommands.getData(0xCF));
                TestSe.ok(basic, GpCommands.getData(0xCF));
            }
            // closing channel 7 ends its session only
            TestSe.ok(se.contact(), Hex.decode("00708007"));
            TestSe.ok(a, GpCommands.getData(0xCF));
            TestSe.ok(basic, GpCommands.getData(0xCF));
        }
    }

    @Test
    void rEncWithoutCDecIsRefusedAndEndWithoutBeginToo() throws Exception {
        try (SecureElement se = lenientSe()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x01));
            assertEquals(Sw.INCORRECT_P1P2, TestSe.sw(sc, new byte[] {(byte) 0x80, 0x7A, 0x30, 0x01, 0x01, 0x00}));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(sc, new byte[] {(byte) 0x80, 0x78, 0x00, 0x01}));
            sc.beginRmacSession(0x10);
            assertEquals(0x11, sc.securityLevel());
            TestSe.ok(sc, GpCommands.getData(0xCF));
        }
    }
}
