package dev.inkan.se.felica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REQ SYS-5: the pre-installed FeliCa applet is never touched by the service provider's keys. */
class FelicaProtectionTest {
    static final Aid SD_LF = Aid.of("A0000001515350");
    static final Aid SD_MODULE = Aid.of("A000000151535041");
    static final Aid APSD = Aid.of("A000000151000001");
    static final StaticKeys SP = StaticKeys.of(0x31, "11".repeat(16), "22".repeat(16), "33".repeat(16));

    private static SecureElement withApsd() {
        SecureElement se = TestSe.start();
        SecureChannelTransport isd = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
        TestSe.ok(isd, GpCommands.installForInstall(SD_LF, SD_MODULE, APSD,
                Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true));
        SecureChannelTransport apsd = TestSe.open(se, APSD, TestSe.ISD_KEYS, SecurityLevel.FULL);
        TestSe.ok(apsd, GpCommands.putKeySet(0x30, SP, TestSe.ISD_KEYS.dek()));
        return se;
    }

    @Test
    void spKeysCanNeitherDeleteNorLockNorReadTheFelicaApplet() throws Exception {
        try (SecureElement se = withApsd()) {
            String before = se.snapshot();
            SecureChannelTransport apsd = TestSe.open(se, APSD, SP, SecurityLevel.FULL);
            // delete, with and without related objects; the load file too
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.delete(TestSe.FELICA, false)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.delete(TestSe.FELICA, true)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND,
                    TestSe.sw(apsd, GpCommands.delete(Aid.of("F046454C494341"), true)));
            // lock it, alone or with its domain
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.setStatus(0x40, 0x80, TestSe.FELICA)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.setStatus(0x60, 0x80, TestSe.ISD)));
            // lock the card
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(apsd, GpCommands.setStatus(0x80, 0x7F, null)));
            // take it over or personalize it
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.installForExtradition(APSD, TestSe.FELICA)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(apsd, GpCommands.installForPersonalization(TestSe.FELICA)));
            // it does not even appear in the APSD's GET STATUS
            List<Tlv> visible = GpCommands.getStatusAll(apsd, 0x40, new byte[0]);
            for (Tlv e : visible) {
                assertFalse(Hex.encode(e.find(0x4F).value()).equals(TestSe.FELICA.hex()));
            }
            assertEquals(1, visible.size());
            // read its data: its secure channel belongs to its own domain (the ISD), not to the SP
            TestSe.ok(se.contact(), GpCommands.select(TestSe.FELICA));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(se.contact(), Scp03Host.initializeUpdate(0, 0x31, new byte[8])));
            assertThrows(SecurityException.class, () -> Scp03Host.open(se.contact(), SP.withKvn(0x30),
                    Scp03Host.Options.level(SecurityLevel.FULL)));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(se.contact(), Hex.decode("80B0000000")));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(se.contact(), Hex.decode("80D600000400000000")));
            // nothing changed but sequence counters (INITIALIZE UPDATE consumes one per attempt)
            assertEquals(TestSe.withoutCounters(before), TestSe.withoutCounters(se.snapshot()));
        }
    }

    @Test
    void itsOwnDomainReadsAndWritesIt() throws Exception {
        try (SecureElement se = TestSe.start()) {
            SecureChannelTransport felica = TestSe.open(se, TestSe.FELICA, TestSe.ISD_KEYS, SecurityLevel.FULL);
            assertEquals("010101010101010100000064", Hex.encode(TestSe.ok(felica, Hex.decode("80B0000000"))));
            TestSe.ok(felica, Hex.decode("80D600000400000100"));
            assertEquals("010101010101010100000100", Hex.encode(TestSe.ok(felica, Hex.decode("80B0000000"))));
            // a C-MAC-only session may read (with R-MAC) but not write
            SecureChannelTransport weak = TestSe.open(se, TestSe.FELICA, TestSe.ISD_KEYS, 0x11);
            TestSe.ok(weak, Hex.decode("80B0000000"));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(weak, Hex.decode("80D600000400000000")));
        }
    }
}
