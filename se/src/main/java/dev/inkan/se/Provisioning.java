package dev.inkan.se;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GlobalPlatform;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.gp.Registry;
import dev.inkan.se.gp.RegistryEntry;
import dev.inkan.se.gp.SdData;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.Applet;

/** Builds a card from its configuration: ROM, ISD, instances, card state, initial access rules. */
final class Provisioning {
    private Provisioning() {
    }

    /** A platform with the ROM load files registered in the runtime and an empty registry. */
    static GlobalPlatform platform(SeConfig config) {
        List<Rom.Entry> rom = Rom.loadFiles(config);
        GlobalPlatform gp = new GlobalPlatform(new Registry(), Rom.moduleClasses(rom), config.logicalChannels);
        for (Rom.Entry e : rom) {
            gp.runtime().addLoadFile(Rom.toJcardsim(e));
        }
        return gp;
    }

    /** The factory state described by the configuration. */
    static void factory(GlobalPlatform gp, SeConfig config) {
        Registry reg = gp.registry();
        Aid isd = Aid.of(config.isd.aid);
        Aid sdLoadFile = Aid.of(Defaults.SD_LOAD_FILE);
        Aid sdModule = Aid.of(Defaults.SD_MODULE);
        SdData isdData = domain(isd, config.isd.keySets, config.isd.keyDiversificationData,
                config.isd.minimumSecurityLevel);
        if (config.isd.iin != null) {
            isdData.iin(Hex.decode(config.isd.iin));
        }
        if (config.isd.cin != null) {
            isdData.cin(Hex.decode(config.isd.cin));
        }
        create(gp, sdLoadFile, sdModule, isd, Privileges.ISD, new byte[0]);
        reg.add(RegistryEntry.securityDomain(isd, sdLoadFile, sdModule, LifeCycle.SELECTABLE, Privileges.ISD, isd,
                isdData), true);
        for (Rom.Entry e : Rom.loadFiles(config)) {
            reg.add(RegistryEntry.loadFile(e.aid(), new ArrayList<>(e.modules().keySet()), isd), false);
        }
        for (SeConfig.Instance in : config.effectiveInstances()) {
            instance(gp, in, isd);
        }
        reg.cardLifeCycle(LifeCycle.parse(config.cardLifeCycle));
    }

    private static void instance(GlobalPlatform gp, SeConfig.Instance in, Aid isd) {
        Registry reg = gp.registry();
        Aid aid = Aid.of(in.aid);
        Aid loadFile = Aid.of(in.loadFile);
        Aid module = Aid.of(in.module);
        RegistryEntry lf = reg.get(loadFile);
        if (lf == null || !lf.isLoadFile() || !lf.modules().contains(module)) {
            throw new IllegalArgumentException("instance " + aid + ": no module " + module + " in load file " + loadFile);
        }
        Aid sd = in.securityDomain == null ? isd : Aid.of(in.securityDomain);
        RegistryEntry sdEntry = reg.get(sd);
        if (sdEntry == null || !sdEntry.isSecurityDomain()) {
            throw new IllegalArgumentException("instance " + aid + ": security domain " + sd
                    + " must be created before it");
        }
        if (reg.get(aid) != null) {
            throw new IllegalArgumentException("instance " + aid + " listed twice");
        }
        int privileges = Privileges.parse(in.privileges);
        int lifeCycle = LifeCycle.parse(in.lifeCycle);
        byte[] params = in.parameters == null ? new byte[0] : Hex.decode(in.parameters);
        create(gp, loadFile, module, aid, privileges, params);
        if (Privileges.has(privileges, Privileges.SECURITY_DOMAIN)) {
            SdData data = domain(aid, in.keySets, in.keyDiversificationData, in.minimumSecurityLevel);
            reg.add(RegistryEntry.securityDomain(aid, loadFile, module, lifeCycle, privileges, sd, data), false);
        } else {
            reg.add(RegistryEntry.application(aid, loadFile, module, lifeCycle, privileges, sd), false);
        }
    }

    private static void create(GlobalPlatform gp, Aid loadFile, Aid module, Aid aid, int privileges, byte[] params) {
        Class<? extends Applet> cls = gp.moduleClass(module);
        boolean sdClass = dev.inkan.se.gp.SecurityDomainApplet.class.isAssignableFrom(cls);
        if (sdClass != Privileges.has(privileges, Privileges.SECURITY_DOMAIN)) {
            throw new IllegalArgumentException("instance " + aid + ": the SD privilege '80' and the security domain"
                    + " class go together");
        }
        try {
            gp.runtime().install(loadFile, module, aid, GlobalPlatform.installParameters(aid, privileges, params));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("instance " + aid + ": install method of " + cls.getName() + " failed: "
                    + e, e);
        }
        if (gp.runtime().applet(aid) == null) {
            throw new IllegalArgumentException("instance " + aid + ": " + cls.getName() + ".install did not register");
        }
    }

    private static SdData domain(Aid aid, List<SeConfig.KeySet> keySets, String kdd, String level) {
        SdData d = new SdData(aid, Hex.decode(kdd), Integer.parseInt(level, 16));
        for (SeConfig.KeySet k : keySets) {
            d.addKeySet(new CardKeySet(Integer.parseInt(k.kvn, 16), Hex.decode(k.enc), Hex.decode(k.mac),
                    Hex.decode(k.dek), Integer.parseInt(k.sequenceCounter, 16)));
        }
        return d;
    }

    /**
     * Writes the configured access rules into the ARA-M as the SEI-TSM would: SCP03 session with
     * the ISD at level '33', INSTALL [for personalization] of the ARA-M, STORE DATA blocks.
     */
    static void writeAccessRules(SecureElement se, SeConfig config) throws IOException {
        if (config.accessRules.isEmpty()) {
            return;
        }
        Aid ara = Aid.of(Defaults.ARA_AID);
        RegistryEntry e = se.platform().registry().get(ara);
        if (e == null || !se.isdAid().equals(e.associatedSd())) {
            throw new IllegalArgumentException("accessRules need the ARA-M " + ara + " associated with the ISD");
        }
        AccessRule[] rules = new AccessRule[config.accessRules.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = rule(config.accessRules.get(i));
        }
        SeConfig.KeySet k = config.isd.keySets.get(0);
        StaticKeys keys = StaticKeys.of(Integer.parseInt(k.kvn, 16), k.enc, k.mac, k.dek);
        Transport card = se.contact();
        Sw.check(card.transmit(GpCommands.select(se.isdAid())));
        SecureChannelTransport sc = Scp03Host.open(card, keys, Scp03Host.Options.level(SecurityLevel.FULL));
        Sw.check(sc.transmit(GpCommands.installForPersonalization(ara)));
        for (byte[] block : AraCommands.storeData(AraCommands.storeRules(rules))) {
            Sw.check(sc.transmit(block));
        }
        se.reset();
    }

    /** The ARA-M rule of one configuration entry. */
    static AccessRule rule(SeConfig.AccessRule r) {
        AccessRule.Access apdu;
        List<byte[]> filters = new ArrayList<>();
        if ("always".equals(r.apdu)) {
            apdu = AccessRule.Access.ALWAYS;
        } else if ("never".equals(r.apdu)) {
            apdu = AccessRule.Access.NEVER;
        } else {
            apdu = AccessRule.Access.FILTERED;
            byte[] f = Hex.decode(r.apdu);
            for (int i = 0; i < f.length; i += 8) {
                filters.add(java.util.Arrays.copyOfRange(f, i, i + 8));
            }
        }
        AccessRule.Access nfc = r.nfc == null ? AccessRule.Access.UNDEFINED
                : "always".equals(r.nfc) ? AccessRule.Access.ALWAYS : AccessRule.Access.NEVER;
        return AccessRule.of(r.aid == null ? null : Hex.decode(r.aid), r.hash == null ? null : Hex.decode(r.hash),
                apdu, filters, nfc);
    }
}
