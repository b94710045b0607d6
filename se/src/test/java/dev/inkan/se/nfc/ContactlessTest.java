package dev.inkan.se.nfc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.testapplets.IssuanceTestApplet;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import org.junit.jupiter.api.Test;

/** REQ ACC-3: a terminal's SELECT reaches the applet over NFC only when its NFC rule allows it. */
class ContactlessTest {
    static final String APP = "D392F000260100000001";
    static final byte[] SELECT = Hex.decode("00A404000A" + APP + "00");

    static SecureElement se(String nfc) {
        SeConfig c = new SeConfig();
        c.addApplet(APP, IssuanceTestApplet.class);
        SeConfig.AccessRule r = new SeConfig.AccessRule();
        r.aid = APP;
        r.hash = "11".repeat(32);
        r.apdu = "always";
        r.nfc = nfc;
        c.accessRules.add(r);
        return TestSe.start(c);
    }

    @Test
    void nfcAlwaysRoutesTheSelect() throws Exception {
        try (SecureElement se = se("always")) {
            ContactlessFrontEnd terminal = new ContactlessFrontEnd(se);
            assertEquals(Sw.OK, Sw.of(terminal.transmit(SELECT)));
            assertEquals("000101", Hex.encode(terminal.transmit(Hex.decode("80CC000000")), 0, 3));
            // contact and contactless sessions are separate: the contact basic channel keeps the ISD
            assertEquals(TestSe.ISD, se.platform().runtime().selectedOn(CardInterface.CONTACT, 0));
            assertEquals(Aid.of(APP), se.platform().runtime().selectedOn(CardInterface.CONTACTLESS, 0));
            terminal.fieldOff();
            assertEquals(null, se.platform().runtime().selectedOn(CardInterface.CONTACTLESS, 0));
            // security domains are not reachable contactless
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(terminal.transmit(GpCommands.select(TestSe.ISD))));
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(terminal.transmit(GpCommands.select(TestSe.FELICA))));
        }
    }

    @Test
    void noNfcRuleOrNeverDoesNotRoute() throws Exception {
        for (String nfc : new String[] {null, "never"}) {
            try (SecureElement se = se(nfc)) {
                ContactlessFrontEnd terminal = new ContactlessFrontEnd(se);
                assertEquals(Sw.FILE_NOT_FOUND, Sw.of(terminal.transmit(SELECT)));
                assertEquals(Sw.APPLET_SELECT_FAILED, Sw.of(terminal.transmit(Hex.decode("80CC000000"))));
            }
        }
    }

    @Test
    void aLockedApplicationIsNotRouted() throws Exception {
        try (SecureElement se = se("always")) {
            var isd = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(isd, GpCommands.setStatus(0x40, 0x80, Aid.of(APP)));
            assertEquals(LifeCycle.SELECTABLE | LifeCycle.LOCKED_BIT, se.platform().registry().get(Aid.of(APP)).lifeCycle());
            assertEquals(Sw.FILE_NOT_FOUND, Sw.of(new ContactlessFrontEnd(se).transmit(SELECT)));
        }
    }
}
