package dev.inkan.se.ara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.omapi.AccessControlEnforcer;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.util.Hex;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ARA-M (GP SEAC 1.1): STORE DATA F0/F1/F2 under SCP03, GET DATA FF40/FF60/FF50/DF20. */
class AraMTest {
    static final byte[] JPKI = Hex.decode("D392F000260100000001");

    static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes());
    }

    static AccessRule always(byte[] aid, byte[] hash) {
        return AccessRule.of(aid, hash, AccessRule.Access.ALWAYS, null, AccessRule.Access.UNDEFINED);
    }

    /** Rules through the ISD (INSTALL [for personalization] of the ARA-M), as the SEI-TSM does. */
    static void storeThroughIsd(SecureElement se, byte[] command, int expectedSw) {
        SecureChannelTransport isd = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
        TestSe.ok(isd, GpCommands.installForPersonalization(TestSe.ARA));
        List<byte[]> blocks = AraCommands.storeData(command);
        for (int i = 0; i < blocks.size(); i++) {
            int sw = TestSe.sw(isd, blocks.get(i));
            assertEquals(i == blocks.size() - 1 ? expectedSw : Sw.OK, sw, "block " + i);
        }
    }

    static byte[] getAll(SecureElement se) {
        TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
        return TestSe.ok(se.contact(), AraCommands.getAll());
    }

    @Test
    void emptyArAnswersFf40WithNoRules() {
        try (SecureElement se = TestSe.start()) {
            assertEquals("FF4000", Hex.encode(getAll(se)));
            assertEquals("DF20080000000000000001", Hex.encode(TestSe.ok(se.contact(), AraCommands.getRefreshTag())));
        }
    }

    @Test
    void storeThroughTheIsdReadBackDeleteAndRefreshTag() throws Exception {
        try (SecureElement se = TestSe.start()) {
            AccessRule r1 = always(JPKI, sha256("jpki-app"));
            AccessRule r2 = AccessRule.of(null, null, AccessRule.Access.NEVER, null, AccessRule.Access.NEVER);
            storeThroughIsd(se, AraCommands.storeRules(r1, r2), Sw.OK);
            assertEquals(Hex.encode(new dev.inkan.se.tlv.Tlv(0xFF40, dev.inkan.se.util.Bytes.concat(r1.encode(),
                    r2.encode())).encode()), Hex.encode(getAll(se)));
            byte[] tag1 = TestSe.ok(se.contact(), AraCommands.getRefreshTag());
            // specific
            byte[] spec = TestSe.ok(se.contact(), dev.inkan.se.apdu.CommandApdu.build(0x80, 0xCA, 0xFF, 0x50,
                    r1.refDo(), 256));
            assertEquals("FF5005E303D00101", Hex.encode(spec));
            // the same REF-DO again: conflict, nothing changes
            String before = se.snapshot();
            storeThroughIsd(se, AraCommands.storeRules(r1), Sw.DATA_ALREADY_EXISTS);
            assertEquals(TestSe.withoutCounters(before), TestSe.withoutCounters(se.snapshot()));
            // malformed rules
            storeThroughIsd(se, Hex.decode("F003E20100"), Sw.WRONG_DATA);
            storeThroughIsd(se, Hex.decode("F00CE20AE106 4F00C10100 E300".replace(" ", "")), Sw.WRONG_DATA);
            storeThroughIsd(se, Hex.decode("F5020000"), Sw.WRONG_DATA);
            // delete by AID, unknown AID, refresh tag moves on every change
            storeThroughIsd(se, AraCommands.deleteAid(JPKI), Sw.OK);
            assertEquals(Hex.encode(new dev.inkan.se.tlv.Tlv(0xFF40, r2.encode()).encode()), Hex.encode(getAll(se)));
            byte[] tag2 = TestSe.ok(se.contact(), AraCommands.getRefreshTag());
            assertNotEquals(Hex.encode(tag1), Hex.encode(tag2));
            storeThroughIsd(se, AraCommands.deleteAid(JPKI), Sw.REFERENCED_DATA_NOT_FOUND);
            storeThroughIsd(se, AraCommands.updateRefreshTag(), Sw.OK);
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
            assertNotEquals(Hex.encode(tag2), Hex.encode(TestSe.ok(se.contact(), AraCommands.getRefreshTag())));
            storeThroughIsd(se, AraCommands.deleteAll(), Sw.OK);
            assertEquals("FF4000", Hex.encode(getAll(se)));
        }
    }

    @Test
    void directStoreDataNeedsTheSecureChannelOfTheAraDomain() throws Exception {
        try (SecureElement se = TestSe.start()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
            byte[] store = AraCommands.storeData(AraCommands.storeRules(always(JPKI, sha256("x")))).get(0);
            String before = se.snapshot();
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(se.contact(), store));
            assertEquals(before, se.snapshot());
            // INITIALIZE UPDATE through the ARA-M goes to its domain, the ISD
            SecureChannelTransport ara = TestSe.open(se, TestSe.ARA, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(ara, store);
            assertTrue(Hex.encode(getAll(se)).contains(Hex.encode(JPKI)));
        }
    }

    @Test
    void manyRulesAreReadWithGetDataNext() throws Exception {
        SeConfig c = new SeConfig();
        try (SecureElement se = TestSe.start(c)) {
            List<AccessRule> rules = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                rules.add(always(Hex.decode(String.format("D392F0002601000000%02X", i)), sha256("app" + i)));
            }
            storeThroughIsd(se, AraCommands.storeRules(rules.toArray(new AccessRule[0])), Sw.OK);
            byte[] first = getAll(se);
            assertEquals(256, first.length);
            assertEquals("FF40820898", Hex.encode(first, 0, 5));
            AccessControlEnforcer ace = new AccessControlEnforcer(se.contact());
            ace.refresh();
            assertEquals(40, ace.rules().size());
            for (int i = 0; i < 40; i++) {
                assertEquals(Hex.encode(rules.get(i).encode()), Hex.encode(ace.rules().get(i).encode()));
            }
            // GET DATA [Next] without a pending [All]
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, TestSe.sw(se.contact(), AraCommands.getNext()));
        }
    }

    @Test
    void unknownGetDataTagsAndClasses() {
        try (SecureElement se = TestSe.start()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ARA));
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND, TestSe.sw(se.contact(), Hex.decode("80CA00CF00")));
            assertEquals(Sw.CLA_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("00CAFF4000")));
            assertEquals(Sw.INS_NOT_SUPPORTED, TestSe.sw(se.contact(), Hex.decode("80AA000000")));
            assertEquals(Sw.WRONG_LENGTH, TestSe.sw(se.contact(), Hex.decode("80CAFF400101")));
        }
    }
}
