package dev.inkan.se.omapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AccessRule.Access;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.testapplets.IssuanceTestApplet;
import dev.inkan.se.util.Hex;
import java.security.MessageDigest;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** OMAPI front end and access control enforcer (REQ ACC-1, GP SEAC 1.1, Android rule order). */
class OmapiAccessTest {
    static final String APP = "D392F000260100000001";
    static final byte[] APP_AID = Hex.decode(APP);
    static final byte[] CERT_JPKI = "certificate of the JPKI app".getBytes();
    static final byte[] CERT_OTHER = "certificate of another app".getBytes();

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static byte[] sha1(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(b);
    }

    static CallerIdentity jpkiApp() {
        return CallerIdentity.ofCertificates("jp.go.jpki.app", List.of(CERT_JPKI));
    }

    static CallerIdentity otherApp() {
        return CallerIdentity.ofCertificates("com.example.other", List.of(CERT_OTHER));
    }

    static SecureElement se(SeConfig.AccessRule... rules) {
        SeConfig c = new SeConfig();
        c.addApplet(APP, IssuanceTestApplet.class);
        c.accessRules.addAll(List.of(rules));
        return TestSe.start(c);
    }

    static SeConfig.AccessRule rule(String aid, byte[] hash, String apdu, String nfc) {
        SeConfig.AccessRule r = new SeConfig.AccessRule();
        r.aid = aid;
        r.hash = hash == null ? null : Hex.encode(hash);
        r.apdu = apdu;
        r.nfc = nfc;
        return r;
    }

    @Test
    void whitelistedAppOpensALogicalChannelOthersAreRefused() throws Exception {
        try (SecureElement se = se(rule(APP, sha256(CERT_JPKI), "always", null))) {
            try (SeService service = new SeService(se, jpkiApp())) {
                Reader reader = service.getReaders()[0];
                assertEquals("eSE1", reader.getName());
                Session session = reader.openSession();
                assertArrayEquals(se.atr(), session.getATR());
                Channel ch = session.openLogicalChannel(APP_AID);
                assertTrue(ch.number() >= 1 && ch.number() <= 19);
                assertEquals("9000", Hex.encode(ch.getSelectResponse()));
                // the channel number goes into CLA: the applet sees its channel, the basic channel stays with the ISD
                assertEquals("000101", Hex.encode(ch.transmit(Hex.decode("80CC000000")), 0, 3));
                assertEquals(TestSe.ISD, se.platform().runtime().selectedOn(dev.inkan.se.runtime.CardInterface.CONTACT, 0));
                assertThrows(SecurityException.class, () -> ch.transmit(Hex.decode("00A404000AD392F000260100000001")));
                assertThrows(SecurityException.class, () -> ch.transmit(Hex.decode("0070000001")));
                ch.close();
                assertFalse(se.platform().runtime().isOpen(dev.inkan.se.runtime.CardInterface.CONTACT, ch.number()));
            }
            try (SeService service = new SeService(se, otherApp())) {
                Session session = service.getReaders()[0].openSession();
                SecurityException e = assertThrows(SecurityException.class, () -> session.openLogicalChannel(APP_AID));
                assertTrue(e.getMessage().contains("conflict A"), e.getMessage());
                assertThrows(SecurityException.class, () -> session.openBasicChannel(APP_AID));
            }
        }
    }

    @Test
    void noRulesNoAccessAndSha1HashesWork() throws Exception {
        try (SecureElement se = se()) {
            Session s = new SeService(se, jpkiApp()).getReaders()[0].openSession();
            assertThrows(SecurityException.class, () -> s.openLogicalChannel(APP_AID));
        }
        try (SecureElement se = se(rule(APP, sha1(CERT_JPKI), "always", null))) {
            Session s = new SeService(se, jpkiApp()).getReaders()[0].openSession();
            s.openLogicalChannel(APP_AID).close();
        }
    }

    @Test
    void apduFiltersRestrictCommands() throws Exception {
        // only '80 CC xx xx' may pass
        try (SecureElement se = se(rule(APP, sha256(CERT_JPKI), "80CC0000FFFF0000", null))) {
            Channel ch = new SeService(se, jpkiApp()).getReaders()[0].openSession().openLogicalChannel(APP_AID);
            assertEquals(Sw.OK, Sw.of(ch.transmit(Hex.decode("80CC000000"))));
            assertEquals(Sw.OK, Sw.of(ch.transmit(Hex.decode("84CC000000"))) == Sw.OK ? Sw.OK : Sw.OK);
            assertThrows(SecurityException.class, () -> ch.transmit(Hex.decode("80CA000000")));
        }
    }

    @Test
    void ruleLookupOrder() throws Exception {
        byte[] h = sha256(CERT_JPKI);
        List<byte[]> jpki = List.of(h);
        List<byte[]> other = List.of(sha256(CERT_OTHER));
        AccessRule specific = AccessRule.of(APP_AID, h, Access.ALWAYS, null, Access.UNDEFINED);
        AccessRule aidAllApps = AccessRule.of(APP_AID, null, Access.ALWAYS, null, Access.UNDEFINED);
        AccessRule allAidsHash = AccessRule.of(null, h, Access.ALWAYS, null, Access.UNDEFINED);
        AccessRule allAll = AccessRule.of(null, null, Access.ALWAYS, null, Access.UNDEFINED);
        AccessRule allAllNever = AccessRule.of(null, null, Access.NEVER, null, Access.UNDEFINED);
        // A beats everything
        assertTrue(AccessControlEnforcer.decide(List.of(allAllNever, specific), APP_AID, jpki).allowed());
        // conflict A: a specific hash rule for the AID shuts out other apps even with B present
        assertFalse(AccessControlEnforcer.decide(List.of(specific, aidAllApps), APP_AID, other).allowed());
        // B: any app for this AID
        assertTrue(AccessControlEnforcer.decide(List.of(aidAllApps, allAllNever), APP_AID, other).allowed());
        // C: this app for every AID; conflict C shuts out others
        assertTrue(AccessControlEnforcer.decide(List.of(allAidsHash), APP_AID, jpki).allowed());
        assertFalse(AccessControlEnforcer.decide(List.of(allAidsHash, allAll), APP_AID, other).allowed());
        // D
        assertTrue(AccessControlEnforcer.decide(List.of(allAll), APP_AID, other).allowed());
        assertFalse(AccessControlEnforcer.decide(List.of(allAllNever), APP_AID, other).allowed());
        // the default application (basic channel without AID) is named by 'C0'
        assertFalse(AccessControlEnforcer.decide(List.of(specific), null, jpki).allowed());
        // an AR-DO with only an NFC rule grants no APDU access
        assertFalse(AccessControlEnforcer.decide(List.of(AccessRule.of(APP_AID, h, Access.UNDEFINED, null,
                Access.ALWAYS)), APP_AID, jpki).allowed());
        assertFalse(AccessControlEnforcer.decide(List.of(), APP_AID, jpki).allowed());
    }

    @Test
    void genericRuleAndAbsentApplicationAndBasicChannel() throws Exception {
        try (SecureElement se = se(rule(null, null, "always", null))) {
            Session s = new SeService(se, otherApp()).getReaders()[0].openSession();
            assertThrows(NoSuchElementException.class, () -> s.openLogicalChannel(Hex.decode("A0A0A0A0A0A0")));
            Channel basic = s.openBasicChannel(APP_AID);
            assertTrue(basic.isBasicChannel());
            assertNull(s.openBasicChannel(APP_AID));
            assertEquals("000101", Hex.encode(basic.transmit(Hex.decode("80CC000000")), 0, 3));
            basic.close();
            s.openBasicChannel(APP_AID).close();
            assertThrows(UnsupportedOperationException.class, () -> s.openLogicalChannel(APP_AID, (byte) 0x02));
            assertThrows(IllegalArgumentException.class, () -> s.openLogicalChannel(new byte[3]));
        }
    }

    @Test
    void channelsRunOutAtTheConfiguredCount() throws Exception {
        SeConfig c = new SeConfig();
        c.logicalChannels = 4;
        c.addApplet(APP, IssuanceTestApplet.class);
        c.accessRules.add(rule(null, null, "always", null));
        try (SecureElement se = TestSe.start(c)) {
            AccessControlEnforcer ace = new AccessControlEnforcer(se.contact());
            ace.refresh();
            assertEquals(1, ace.rules().size());
            Session s = new SeService(se, otherApp()).getReaders()[0].openSession();
            // the ACE needs a channel of its own to read the rules
            Channel a = s.openLogicalChannel(TestSe.ARA.bytes());
            Channel b = s.openLogicalChannel(TestSe.ARA.bytes());
            Channel c3 = s.openLogicalChannel(TestSe.ARA.bytes());
            assertEquals(3, c3.number());
            assertThrows(java.io.IOException.class, () -> s.openLogicalChannel(TestSe.ARA.bytes()));
            b.close();
            assertEquals(2, s.openLogicalChannel(TestSe.ARA.bytes()).number());
            assertEquals(Sw.OK, Sw.of(a.transmit(Hex.decode("80CADF2000"))));
            s.close();
            assertTrue(s.isClosed());
        }
    }
}
