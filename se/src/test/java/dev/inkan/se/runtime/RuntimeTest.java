package dev.inkan.se.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.testapplets.IssuanceTestApplet;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import org.junit.jupiter.api.Test;

/** Logical channels, selection rules and transient memory of the card runtime (ISO 7816-4 7.1, JCRE 3.0.5). */
class RuntimeTest {
    static final String APP = "D392F000260100000001";
    static final Aid APP_AID = Aid.of(APP);

    static SecureElement se() {
        return TestSe.start(new SeConfig().addApplet(APP, IssuanceTestApplet.class));
    }

    @Test
    void manageChannelOpenSpecificAndCloseWithFurtherInterindustryClass() {
        try (SecureElement se = se()) {
            assertEquals("01", Hex.encode(TestSe.ok(se.contact(), Hex.decode("0070000001"))));
            TestSe.ok(se.contact(), Hex.decode("00700005"));
            // channel 5 in the further interindustry coding: CLA '41'
            TestSe.ok(se.contact(), Hex.decode("41A404000A" + APP + "00"));
            assertEquals(APP_AID, se.platform().runtime().selectedOn(CardInterface.CONTACT, 5));
            assertEquals("000101", Hex.encode(TestSe.ok(se.contact(), Hex.decode("C1CC000000")), 0, 3));
            // the same non-multiselectable applet on a second channel is refused
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(se.contact(), Hex.decode("01A404000A" + APP + "00")));
            assertEquals(Sw.INCORRECT_P1P2, TestSe.sw(se.contact(), Hex.decode("00700005")));
            assertEquals(Sw.LOGICAL_CHANNEL_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("02CA00CF00")));
            assertEquals(Sw.INCORRECT_P1P2, TestSe.sw(se.contact(), Hex.decode("00708000")));
            TestSe.ok(se.contact(), Hex.decode("00708005"));
            assertNull(se.platform().runtime().selectedOn(CardInterface.CONTACT, 5));
            assertEquals(Sw.LOGICAL_CHANNEL_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("41CC000000")));
            // a channel opened from the basic channel starts with the ISD (the default applet)
            assertEquals(TestSe.ISD, se.platform().runtime().selectedOn(CardInterface.CONTACT, 1));
            assertEquals(Sw.OK, TestSe.sw(se.contact(), Hex.decode("81CA00CF00")));
        }
    }

    @Test
    void secureChannelsAreBoundToTheirLogicalChannel() {
        try (SecureElement se = se()) {
            SecureChannelTransport basic = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(se.contact(), Hex.decode("0070000001"));
            // the same wrapped command on channel 1 finds no session there
            byte[] wrapped = basic.wrapper().wrap(GpCommands.getData(0xCF));
            wrapped[0] = (byte) 0x85;
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(wrapped)));
            // and the basic channel's session is still fine after re-wrapping... no: its MAC chain moved on
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(basic, GpCommands.getData(0xCF)));
        }
    }

    @Test
    void clearOnDeselectBelongsToItsOwner() {
        try (SecureElement se = se()) {
            TestSe.ok(se.contact(), Hex.decode("0070000001"));
            TestSe.ok(se.contact(), Hex.decode("01A404000A" + APP + "00"));
            assertEquals("01", Hex.encode(TestSe.ok(se.contact(), Hex.decode("81CC000000")), 2, 1));
            assertEquals("02", Hex.encode(TestSe.ok(se.contact(), Hex.decode("81CC000000")), 2, 1));
            // selecting and deselecting the ARA-M on another channel leaves the applet's RAM alone
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            assertEquals("03", Hex.encode(TestSe.ok(se.contact(), Hex.decode("81CC000000")), 2, 1));
            // its own deselection clears it; the persistent counter goes on
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA).clone());
            TestSe.ok(se.contact(), Hex.decode("01A404000A" + APP + "00"));
            assertEquals("000401", Hex.encode(TestSe.ok(se.contact(), Hex.decode("81CC000000"))));
        }
    }

    @Test
    void malformedAndUnknown() {
        try (SecureElement se = se()) {
            assertEquals(Sw.WRONG_LENGTH, TestSe.sw(se.contact(), Hex.decode("8050")));
            assertEquals(Sw.WRONG_LENGTH, TestSe.sw(se.contact(), Hex.decode("80CA00CF0300")));
            assertEquals(Sw.CLA_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("FFCA00CF00")));
            assertEquals(Sw.FILE_NOT_FOUND, TestSe.sw(se.contact(), Hex.decode("00A4040005A0A0A0A0A000")));
            // partial AID selection finds the first match
            TestSe.ok(se.contact(), Hex.decode("00A4040006D392F000260100"));
            assertEquals(APP_AID, se.platform().runtime().selectedOn(CardInterface.CONTACT, 0));
            // a SELECT of an unknown AID goes to the selected applet, which answers for itself
            assertEquals(Sw.INS_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("00A4040005A0A0A0A0A000")));
            // extended length to an applet without ExtendedLength
            assertEquals(Sw.WRONG_LENGTH, TestSe.sw(se.contact(), Hex.decode("80CC00000000010100")));
        }
    }

    @Test
    void jcardsimCryptoScratchDoesNotAccumulate() throws Exception {
        try (SecureElement se = se()) {
            SecureChannelTransport sc = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            int before = se.platform().runtime().transientArrays();
            for (int i = 0; i < 3000; i++) {
                TestSe.ok(sc, GpCommands.getData(0xCF));
            }
            for (int i = 0; i < 300; i++) {
                sc = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            }
            assertTrue(se.platform().runtime().transientArrays() <= before + 2,
                    "transient arrays grew from " + before + " to " + se.platform().runtime().transientArrays());
        }
    }
}
