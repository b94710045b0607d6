package dev.inkan.se.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.testapplets.IssuanceTestApplet;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INSTALL, extradition, personalization, DELETE, GET STATUS paging, SET STATUS, PUT KEY (GP 2.3 ch. 11). */
class CardContentManagementTest {
    static final Aid SD_LF = Aid.of("A0000001515350");
    static final Aid SD_MODULE = Aid.of("A000000151535041");
    static final Aid APSD = Aid.of("A000000151000001");
    static final Aid APP = Aid.of("D392F000260100000001");
    static final StaticKeys SP_KEYS = StaticKeys.of(0x31, "11".repeat(16), "22".repeat(16), "33".repeat(16));

    /** An SE whose ROM has the test applet as load file APP+F1 / module APP+F2, with no instance. */
    static SecureElement seWithTestLoadFile() {
        SeConfig c = new SeConfig();
        c.addApplet("D392F000260100000099", IssuanceTestApplet.class);
        c.instances.remove(c.instances.size() - 1);
        return TestSe.start(c);
    }

    static Aid loadFile() {
        return Aid.of("D392F000260100000099F1");
    }

    static Aid module() {
        return Aid.of("D392F000260100000099F2");
    }

    static SecureChannelTransport isd(SecureElement se) {
        return TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
    }

    /** The SEI-TSM creates the APSD (ISD keys), then hands it over: the SP replaces the inherited keys. */
    static void createApsd(SecureElement se) {
        SecureChannelTransport isd = isd(se);
        assertArrayEquals(new byte[] {0}, TestSe.ok(isd, GpCommands.installForInstall(SD_LF, SD_MODULE, APSD,
                Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true)));
        SecureChannelTransport apsd = TestSe.open(se, APSD, TestSe.ISD_KEYS, SecurityLevel.FULL);
        assertArrayEquals(GpCommands.expectedPutKeyResponse(SP_KEYS),
                TestSe.ok(apsd, GpCommands.putKeySet(0x30, SP_KEYS, TestSe.ISD_KEYS.dek())));
    }

    @Test
    void isdCreatesApsdAndSpInstallsExtraditesAndPersonalizes() {
        try (SecureElement se = seWithTestLoadFile()) {
            createApsd(se);
            // the SEI-TSM's keys no longer open the APSD
            TestSe.ok(se.contact(), GpCommands.select(APSD));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(se.contact(),
                    Scp03Host.initializeUpdate(0, 0x30, new byte[8])));
            // SEI-TSM installs the applet and extradites it to the APSD (ISD approval, PRE-7)
            SecureChannelTransport isd = isd(se);
            TestSe.ok(isd, GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], true));
            TestSe.ok(isd, GpCommands.installForExtradition(APSD, APP));
            assertEquals(APSD, se.platform().registry().get(APP).associatedSd());
            // the SP-TSM personalizes it through the APSD
            SecureChannelTransport apsd = TestSe.open(se, APSD, SP_KEYS, SecurityLevel.FULL);
            TestSe.ok(apsd, GpCommands.installForPersonalization(APP));
            byte[] r = TestSe.ok(apsd, GpCommands.storeData(0x80, 0, Hex.decode("CAFEBABE")));
            assertArrayEquals(new byte[] {4}, r);
            // and reads it back through the applet's own secure channel (the APSD's keys)
            SecureChannelTransport app = TestSe.open(se, APP, SP_KEYS, SecurityLevel.FULL);
            assertEquals("CAFEBABE", Hex.encode(TestSe.ok(app, Hex.decode("80CA000000"))));
            TestSe.ok(app, Hex.decode("80DA000003010203"));
            assertEquals("010203", Hex.encode(TestSe.ok(app, Hex.decode("80CA000000"))));
            // the ISD can no longer personalize what it extradited
            isd = isd(se);
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(isd, GpCommands.installForPersonalization(APP)));
        }
    }

    @Test
    void onlyTheIsdCreatesSecurityDomainsAndGrantsPrivileges() {
        try (SecureElement se = seWithTestLoadFile()) {
            createApsd(se);
            SecureChannelTransport apsd = TestSe.open(se, APSD, SP_KEYS, SecurityLevel.FULL);
            String before = se.snapshot();
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(apsd, GpCommands.installForInstall(SD_LF, SD_MODULE,
                    Aid.of("A000000151000002"), Privileges.SECURITY_DOMAIN, new byte[0], true)));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(apsd, GpCommands.installForInstall(loadFile(),
                    module(), APP, Privileges.CARD_LOCK, new byte[0], true)));
            assertEquals(before, se.snapshot());
            // an APSD with Authorized Management installs plain applications associated with itself
            TestSe.ok(apsd, GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], true));
            assertEquals(APSD, se.platform().registry().get(APP).associatedSd());
        }
    }

    @Test
    void installErrors() {
        try (SecureElement se = seWithTestLoadFile()) {
            SecureChannelTransport isd = isd(se);
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(isd, GpCommands.installForInstall(
                    Aid.of("A0A0A0A0A0"), module(), APP, 0, new byte[0], true)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(isd, GpCommands.installForInstall(
                    loadFile(), Aid.of("A0A0A0A0A0"), APP, 0, new byte[0], true)));
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.installForInstall(
                    loadFile(), module(), TestSe.ARA, 0, new byte[0], true)));
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.installForInstall(
                    loadFile(), module(), APP, Privileges.SECURITY_DOMAIN, new byte[0], true)));
            assertEquals(Sw.FUNCTION_NOT_SUPPORTED, TestSe.sw(isd, Hex.decode("80E60200050000000000")));
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, Hex.decode("80E60C0003010203")));
            // INSTALL [for install] without make selectable, then make selectable
            TestSe.ok(isd, GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], false));
            assertEquals(LifeCycle.INSTALLED, se.platform().registry().get(APP).lifeCycle());
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(se.transmit(GpCommands.select(APP))));
            isd = isd(se);
            TestSe.ok(isd, GpCommands.installForMakeSelectable(APP));
            TestSe.ok(se.contact(), GpCommands.select(APP));
        }
    }

    @Test
    void deleteWithRelatedObjectsAndItsRefusals() {
        try (SecureElement se = seWithTestLoadFile()) {
            SecureChannelTransport isd = isd(se);
            TestSe.ok(isd, GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], true));
            TestSe.ok(isd, GpCommands.installForInstall(loadFile(), module(), Aid.of("D392F000260100000002"), 0,
                    new byte[0], true));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(isd, GpCommands.delete(loadFile(), false)));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(isd, GpCommands.delete(TestSe.ISD, false)));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(isd, GpCommands.delete(Aid.of("A0A0A0A0A0"), false)));
            assertArrayEquals(new byte[] {0}, TestSe.ok(isd, GpCommands.delete(loadFile(), true)));
            assertNull(se.platform().registry().get(APP));
            assertNull(se.platform().registry().get(loadFile()));
            assertNull(se.platform().runtime().applet(APP));
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(se.transmit(GpCommands.select(APP))));
            // an SD with associated applications cannot go; once empty it can
            createApsd(se);
            isd = isd(se);
            TestSe.ok(isd, GpCommands.installForExtradition(APSD, TestSe.FELICA));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(isd, GpCommands.delete(APSD, false)));
            TestSe.ok(isd, GpCommands.installForExtradition(TestSe.ISD, TestSe.FELICA));
            TestSe.ok(isd, GpCommands.delete(APSD, false));
            assertNull(se.platform().registry().get(APSD));
        }
    }

    @Test
    void deletingAnApplicationSelectedElsewhereIsRefused() {
        try (SecureElement se = seWithTestLoadFile()) {
            TestSe.ok(isd(se), GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], true));
            byte ch = TestSe.ok(se.contact(), Hex.decode("0070000001"))[0];
            TestSe.ok(se.contact(), dev.inkan.se.apdu.CommandApdu.build(ch, 0xA4, 0x04, 0x00, APP.bytes(), 256));
            SecureChannelTransport isd = isd(se);
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(isd, GpCommands.delete(APP, false)));
            TestSe.ok(se.contact(), new byte[] {0x00, 0x70, (byte) 0x80, ch});
            TestSe.ok(isd, GpCommands.delete(APP, false));
        }
    }

    @Test
    void getStatusPagesWith6310() throws Exception {
        SeConfig c = new SeConfig();
        for (int i = 0; i < 12; i++) {
            c.addApplet(String.format("D392F00026010000AA%02X", i), IssuanceTestApplet.class);
        }
        try (SecureElement se = TestSe.start(c)) {
            SecureChannelTransport isd = isd(se);
            byte[] first = isd.transmit(GpCommands.getStatus(0x40, new byte[0], false));
            assertEquals(Sw.MORE_DATA, Sw.of(first));
            assertTrue(first.length - 2 <= 239);
            List<Tlv> all = GpCommands.getStatusAll(isd, 0x40, new byte[0]);
            assertEquals(14, all.size());
            for (Tlv e : all) {
                assertNotNull(e.find(0x9F70));
                assertNotNull(e.find(0xC5));
                assertNotNull(e.find(0xCC));
            }
            List<Tlv> files = GpCommands.getStatusAll(isd, 0x20, new byte[0]);
            assertEquals(15, files.size());
            // search criteria and tag list
            byte[] one = TestSe.ok(isd, dev.inkan.se.apdu.CommandApdu.build(0x80, 0xF2, 0x40, 0x02,
                    Hex.decode("4F0AD392F00026010000AA05" + "5C014F"), 256));
            assertEquals("E30C4F0AD392F00026010000AA05", Hex.encode(one));
            // deprecated format
            byte[] legacy = TestSe.ok(isd, dev.inkan.se.apdu.CommandApdu.build(0x80, 0xF2, 0x80, 0x00,
                    Hex.decode("4F00"), 256));
            assertEquals("08" + dev.inkan.se.config.Defaults.ISD_AID + "0F9E", Hex.encode(legacy));
            // 'next' without a pending listing
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(isd, GpCommands.getStatus(0x40, new byte[0], true)));
        }
    }

    @Test
    void setStatusLocksUnlocksAndCardLifeCycle() {
        try (SecureElement se = seWithTestLoadFile()) {
            SecureChannelTransport isd = isd(se);
            TestSe.ok(isd, GpCommands.installForInstall(loadFile(), module(), APP, 0, new byte[0], true));
            TestSe.ok(isd, GpCommands.setStatus(0x40, 0x80, APP));
            assertEquals(0x87, se.platform().registry().get(APP).lifeCycle());
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(se.transmit(GpCommands.select(APP))));
            isd = isd(se);
            TestSe.ok(isd, GpCommands.setStatus(0x40, 0x00, APP));
            assertEquals(0x07, se.platform().registry().get(APP).lifeCycle());
            TestSe.ok(se.contact(), GpCommands.select(APP));
            // card lock: only the ISD remains selectable; unlock restores
            isd = isd(se);
            TestSe.ok(isd, GpCommands.setStatus(0x80, LifeCycle.CARD_LOCKED, null));
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(se.transmit(GpCommands.select(APP))));
            isd = isd(se);
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.setStatus(0x80, LifeCycle.CARD_INITIALIZED, null)));
            TestSe.ok(isd, GpCommands.setStatus(0x80, LifeCycle.CARD_SECURED, null));
            TestSe.ok(se.contact(), GpCommands.select(APP));
            // SD personalized state
            createApsd(se);
            isd = isd(se);
            TestSe.ok(isd, GpCommands.setStatus(0x40, LifeCycle.SD_PERSONALIZED, APSD));
            assertEquals(LifeCycle.SD_PERSONALIZED, se.platform().registry().get(APSD).lifeCycle());
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.setStatus(0x40, 0x80, TestSe.ISD)));
            // terminate: only GET DATA on the ISD afterwards
            TestSe.ok(isd, GpCommands.setStatus(0x80, LifeCycle.CARD_TERMINATED, null));
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(se.contact(), Scp03Host.initializeUpdate(0, 0x30, new byte[8])));
            TestSe.ok(se.contact(), GpCommands.getData(0xCF));
        }
    }

    @Test
    void putKeyAddsReplacesAndChecksKcvs() throws Exception {
        try (SecureElement se = TestSe.start()) {
            SecureChannelTransport isd = isd(se);
            StaticKeys k31 = StaticKeys.of(0x31, "A1".repeat(16), "A2".repeat(16), "A3".repeat(16));
            assertArrayEquals(GpCommands.expectedPutKeyResponse(k31),
                    TestSe.ok(isd, GpCommands.putKeySet(0, k31, TestSe.ISD_KEYS.dek())));
            // adding an existing KVN, replacing an unknown one
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.putKeySet(0, k31, TestSe.ISD_KEYS.dek())));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(isd, GpCommands.putKeySet(0x44,
                    k31.withKvn(0x45), TestSe.ISD_KEYS.dek())));
            // keys encrypted under the wrong DEK fail their KCV check
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.putKeySet(0, k31.withKvn(0x32), new byte[16])));
            // wrong key type
            byte[] bad = GpCommands.putKeySet(0, k31.withKvn(0x33), TestSe.ISD_KEYS.dek());
            bad[6] = (byte) 0x80;
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, bad));
            // replace 31 by 35 and use it; GET DATA key information lists both sets
            StaticKeys k35 = k31.withKvn(0x35);
            TestSe.ok(isd, GpCommands.putKeySet(0x31, k35, TestSe.ISD_KEYS.dek()));
            byte[] info = TestSe.ok(isd, GpCommands.getData(0xE0));
            assertEquals("E024C00401308810C00402308810C00403308810C00401358810C00402358810C00403358810",
                    Hex.encode(info));
            SecureChannelTransport with35 = TestSe.open(se, TestSe.ISD, k35, SecurityLevel.FULL);
            TestSe.ok(with35, GpCommands.deleteKeySet(0x30));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(with35, GpCommands.deleteKeySet(0x35)));
            assertEquals(1, se.platform().registry().isd().sd().keySets().size());
        }
    }

    @Test
    void storeDataToTheIsdSetsIinAndCin() {
        try (SecureElement se = TestSe.start()) {
            SecureChannelTransport isd = isd(se);
            TestSe.ok(isd, GpCommands.storeData(0x90, 0, Hex.decode("4203123456450A0102030405060708090A")));
            assertEquals("4203123456", Hex.encode(TestSe.ok(isd, GpCommands.getData(0x42))));
            assertEquals("450A0102030405060708090A", Hex.encode(TestSe.ok(isd, GpCommands.getData(0x45))));
            assertEquals(Sw.WRONG_DATA, TestSe.sw(isd, GpCommands.storeData(0x90, 0, Hex.decode("DF0101FF"))));
        }
    }
}
