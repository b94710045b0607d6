package dev.inkan.tsm.sei;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.applet.JpkiApplet;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.gp.RegistryEntry;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.Fixture;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.sp.SpTsm;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AppletPreparation as spec/protocols.jsm writes it (REQ SYS-1, PRE-7, PRE-8, ACC-1, STD-1):
 * the SP domain is personalized through a session with itself, never through the card manager
 * (the ISD's keys stay the ISD's), its keys go from the creation copy to the SEI-TSM's transfer set
 * to the SP-TSM's own; the SEI-TSM's policies (PERSONALIZED only after the takeover, the applet
 * only after its ARA rule) refuse the steps out of order; GP deletes a security domain only once
 * nothing is associated with it.
 */
class SeiTsmTest {
    static final String JPKI = "D392F000260100000001";
    static final Aid SP_DOMAIN = Aid.of("D392F0002653440001");
    static final StaticKeys ISD_KEYS = StaticKeys.of(0x30, Defaults.TEST_KEY, Defaults.TEST_KEY, Defaults.TEST_KEY);
    static final StaticKeys TRANSFER_KEYS = StaticKeys.of(0x31, "11".repeat(16), "22".repeat(16), "33".repeat(16));
    static final StaticKeys SP_KEYS = StaticKeys.of(0x32, "44".repeat(16), "55".repeat(16), "66".repeat(16));
    static final SeiTsm.Plan PLAN = new SeiTsm.Plan(SP_DOMAIN, Aid.of(JPKI + "F1"), Aid.of(JPKI + "F2"), Aid.of(JPKI),
            new byte[] {0}, HexFormat.of().parseHex("AB".repeat(32)), TRANSFER_KEYS);

    final Fixture f = new Fixture();
    final SecureElement se;
    final Transport agent;
    final SeiTsm sei = new SeiTsm(ISD_KEYS, null);
    final SpTsm sp = new SpTsm(SP_KEYS, SP_DOMAIN.bytes(), f.jpki, new SecureRandom());

    SeiTsmTest() throws IOException {
        SeConfig c = new SeConfig();
        c.addApplet(JPKI, JpkiApplet.class.getName(), "000000", "00", null);
        c.instances.remove(c.instances.size() - 1);
        se = SecureElement.start(c.validate());
        agent = se.contact();
    }

    @AfterEach
    void close() {
        se.close();
        f.close();
    }

    RegistryEntry entry(Aid aid) {
        return se.platform().registry().get(aid);
    }

    @Test
    void theDomainIsPersonalizedThroughItselfAndItsKeysChangeHandsToTheSpTsm() throws IOException {
        sei.prepare(agent, "sei-phone", PLAN, sp::takeOver);
        assertEquals(LifeCycle.SD_PERSONALIZED, entry(SP_DOMAIN).lifeCycle());
        assertEquals(SP_DOMAIN, entry(Aid.of(JPKI)).associatedSd(), "extradited to the SP domain");
        // only the SP-TSM's keys open the domain; the ISD's are still the ISD's (nothing was PUT to the card manager)
        assertTrue(SeiTsm.opens(agent, SP_DOMAIN, SP_KEYS));
        assertFalse(SeiTsm.opens(agent, SP_DOMAIN, TRANSFER_KEYS));
        assertFalse(SeiTsm.opens(agent, SP_DOMAIN, ISD_KEYS));
        assertTrue(SeiTsm.opens(agent, SeiTsm.ISD, ISD_KEYS));
        assertEquals(1, se.platform().registry().get(SeiTsm.ISD).sd().keySets().size());
        // the domain's identity came with STORE DATA to the domain itself
        Sw.check(agent.transmit(GpCommands.select(SP_DOMAIN)));
        byte[] iin = Sw.check(agent.transmit(new byte[] {(byte) 0x80, (byte) 0xCA, 0x00, 0x42, 0x00}));
        assertArrayEquals(SeiTsm.identity(), iin);
    }

    @Test
    void personalizedOnlyAfterTheSpTsmTookTheDomainOver() throws IOException {
        sei.createSpDomain(sei.openIsd(agent), PLAN);
        sei.handOverKeys(agent, PLAN);
        assertTrue(SeiTsm.opens(agent, SP_DOMAIN, TRANSFER_KEYS));
        assertThrows(PolicyRefusal.class, () -> sei.personalizeSpDomain(agent, sei.openIsd(agent), PLAN));
        assertEquals(LifeCycle.SELECTABLE, entry(SP_DOMAIN).lifeCycle());
        sp.takeOver(agent, SP_DOMAIN, TRANSFER_KEYS);
        sei.personalizeSpDomain(agent, sei.openIsd(agent), PLAN);
        assertEquals(LifeCycle.SD_PERSONALIZED, entry(SP_DOMAIN).lifeCycle());
    }

    /**
     * With a transfer master, the SEI-TSM hands each SE a transfer set of its own (diversified by
     * its KDD): between hand-over and takeover the set of another SE, or the master itself, opens
     * nothing here; the SP-TSM, which shares the master, takes the domain over all the same.
     */
    @Test
    void eachSeGetsItsOwnTransferSetFromTheMaster() throws IOException {
        DiversifiedKeys master = new DiversifiedKeys(TRANSFER_KEYS);
        SeiTsm.Plan plan = new SeiTsm.Plan(SP_DOMAIN, PLAN.jpkiLoadFile(), PLAN.jpkiModule(), PLAN.jpkiInstance(),
                PLAN.installParameter(), PLAN.appCertificateHash(), master);
        sei.createSpDomain(sei.openIsd(agent), plan);
        sei.handOverKeys(agent, plan);
        byte[] kdd = se.platform().registry().isd().sd().keyDiversificationData();
        byte[] otherKdd = kdd.clone();
        otherKdd[kdd.length - 1] ^= 1;
        assertTrue(SeiTsm.opens(agent, SP_DOMAIN, master.forCard(kdd)));
        assertFalse(SeiTsm.opens(agent, SP_DOMAIN, master.forCard(otherKdd)), "another SE's transfer set");
        assertFalse(SeiTsm.opens(agent, SP_DOMAIN, TRANSFER_KEYS), "the master itself");
        sp.takeOver(agent, SP_DOMAIN, master);
        assertFalse(SeiTsm.opens(agent, SP_DOMAIN, master));
        assertTrue(SeiTsm.opens(agent, SP_DOMAIN, SP_KEYS));
        sei.personalizeSpDomain(agent, sei.openIsd(agent), plan);
        assertEquals(LifeCycle.SD_PERSONALIZED, entry(SP_DOMAIN).lifeCycle());
    }

    @Test
    void theAppletOnlyAfterItsRuleAndTheDomainOnlyWithoutIt() throws IOException {
        sei.createSpDomain(sei.openIsd(agent), PLAN);
        sei.handOverKeys(agent, PLAN);
        sp.takeOver(agent, SP_DOMAIN, TRANSFER_KEYS);
        sei.personalizeSpDomain(agent, sei.openIsd(agent), PLAN);
        assertThrows(PolicyRefusal.class, () -> sei.installApplet(agent, sei.openIsd(agent), PLAN));
        assertEquals(null, entry(Aid.of(JPKI)), "no instance without its rule");
        sei.storeAccessRule(agent, PLAN);
        sei.installApplet(agent, sei.openIsd(agent), PLAN);
        // GP: a security domain with an associated application is not deleted, with or without related objects
        var isd = sei.openIsd(agent);
        assertEquals(0x6985, Sw.of(isd.transmit(GpCommands.delete(SP_DOMAIN, true))));
        assertEquals(0x6985, Sw.of(isd.transmit(GpCommands.delete(SP_DOMAIN, false))));
        Sw.check(isd.transmit(GpCommands.delete(Aid.of(JPKI), false)));
        Sw.check(isd.transmit(GpCommands.delete(SP_DOMAIN, false)));
        assertEquals(null, entry(SP_DOMAIN));
    }

    /** The fault seam INSTALL_APPLET_WITHOUT_RULE (property suites only) skips the rule check: ACC-1 broken on purpose. */
    @Test
    void theFaultSeamInstallsWithoutTheRule() throws IOException {
        SeiTsm faulty = new SeiTsm(ISD_KEYS, null, Faults.of(Faults.Fault.INSTALL_APPLET_WITHOUT_RULE));
        faulty.createSpDomain(faulty.openIsd(agent), PLAN);
        faulty.handOverKeys(agent, PLAN);
        sp.takeOver(agent, SP_DOMAIN, TRANSFER_KEYS);
        faulty.personalizeSpDomain(agent, faulty.openIsd(agent), PLAN);
        faulty.installApplet(agent, faulty.openIsd(agent), PLAN);
        assertEquals(SP_DOMAIN, entry(Aid.of(JPKI)).associatedSd());
        assertFalse(SeiTsm.ruleStored(agent, PLAN));
    }
}
