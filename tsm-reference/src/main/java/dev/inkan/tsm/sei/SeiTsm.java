package dev.inkan.tsm.sei;

import dev.inkan.generated.scripts.AppletPreparationCreateSpDomainScript;
import dev.inkan.generated.scripts.AppletPreparationHandOverKeysScript;
import dev.inkan.generated.scripts.AppletPreparationInstallAppletScript;
import dev.inkan.generated.scripts.AppletPreparationPersonalizeSpDomainScript;
import dev.inkan.generated.scripts.AppletPreparationStoreAccessRuleScript;
import dev.inkan.generated.scripts.FactoryResetAndShopCheckEraseJpkiScript;
import dev.inkan.runtime.script.Script;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.HostKeys;
import dev.inkan.se.scp03.InitializeUpdateResponse;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.script.CardManagement;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.script.ScriptRunner;
import dev.inkan.tsm.script.SpareChannel;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The SEI-TSM run by the secure element issuer (REQ SYS-1, PRE-7, ACC-1): it holds the ISDs'
 * SCP03 keys and prepares a phone's SE for the JPKI service with the generated scripts of spec
 * protocol AppletPreparation, as written:
 * <ol>
 *   <li>CreateSpDomain: INSTALL [for install and make selectable] of the SP's security domain
 *       under the ISD (only the ISD may create one); the domain starts with a copy of the ISD
 *       session's key set;</li>
 *   <li>HandOverKeys: a session with the new domain itself under those keys (GP personalizes a
 *       security domain through its own secure channel, and PUT KEY changes the keys of the domain
 *       the session is with): STORE DATA of its identity, PUT KEY of the transfer set;</li>
 *   <li>the SP-TSM's TakeOver ({@link KeyTaker}: it replaces the transfer set with its own);</li>
 *   <li>PersonalizeSpDomain: SET STATUS PERSONALIZED, only once the transfer set no longer opens
 *       the domain (policy: the SEI-TSM never holds the keys of a personalized SP domain);</li>
 *   <li>StoreAccessRule: the ARA-M rule that lets only the whitelisted JPKI app (SHA-256 of its
 *       signing certificate) and NFC terminals reach the JPKI AID;</li>
 *   <li>InstallApplet: INSTALL of the JPKI instance from the load file the SE holds and INSTALL
 *       [for extradition] to the SP domain, only once the rule is in the ARA-M (policy: rule before
 *       applet).</li>
 * </ol>
 * Every command under SCP03 level 33 (PRE-8). Also {@link #eraseJpki}: FactoryResetAndShopCheck
 * EraseJpki, the DELETE of the JPKI instance (LIFE-10).
 */
public final class SeiTsm {
    /** The ISD's AID (spec/se.jsm Isd). */
    public static final Aid ISD = Aid.of("A000000151000000");
    /** The ARA-M (GP SEAC). */
    public static final Aid ARA_M = Aid.of("A00000015141434C00");
    /** The security domain load file and module every GP SE holds. */
    public static final Aid SD_LOAD_FILE = Aid.of("A0000001515350");
    public static final Aid SD_MODULE = Aid.of("A000000151535041");

    /**
     * What the SE must hold and the SP asks for. {@code transferKeys}: the transfer sets the
     * SEI-TSM and the SP-TSM agreed on; with a {@link dev.inkan.se.scp03.DiversifiedKeys} master
     * each SE gets its own (diversified by its KDD), so a transfer set learnt from one SE opens no
     * other SE's domain in the window between hand-over and takeover.
     */
    public record Plan(Aid spDomain, Aid jpkiLoadFile, Aid jpkiModule, Aid jpkiInstance, byte[] installParameter,
                       byte[] appCertificateHash, HostKeys transferKeys) {
    }

    /** The SP-TSM's half of the key hand-over (spec AppletPreparation TakeOver), through the SEI-TSM's channel. */
    @FunctionalInterface
    public interface KeyTaker {
        void takeOver(Transport agent, Aid spDomain, HostKeys transfer) throws IOException;
    }

    private final HostKeys isdKeys;
    private final JpkiService jpki;
    private final Faults faults;

    /** @param jpki told when the JPKI instance is deleted (its keys go with it); may be null */
    public SeiTsm(HostKeys isdKeys, JpkiService jpki) {
        this(isdKeys, jpki, Faults.NONE);
    }

    /** @param faults {@link Faults#NONE} outside the property suites' fault tests (INSTALL_APPLET_WITHOUT_RULE) */
    public SeiTsm(HostKeys isdKeys, JpkiService jpki, Faults faults) {
        this.isdKeys = isdKeys;
        this.jpki = jpki;
        this.faults = faults;
    }

    /** SELECT of the ISD on {@code agent}'s channel and an SCP03 session at level 33 with the ISD keys. */
    public SecureChannelTransport openIsd(Transport agent) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(ISD)));
        return Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33).verifyingChallengeFor(ISD.bytes()));
    }

    /**
     * AppletPreparation through the platform's SE agent ({@code agent}: the SEI-TSM's channel to
     * the SE of {@code handset}, relayed by the phone), with the SP-TSM taking the domain over in
     * between. First the JPKI service learns which SE the handset has (the KDD its ISD answered
     * with, proven by the ISD's own keys; {@link JpkiService#secureElementPrepared}), so the SP-TSM's
     * sessions for the handset reach this SE only; a refusal stops the preparation before any change.
     */
    public void prepare(Transport agent, String handset, Plan plan, KeyTaker spTsm) throws IOException {
        SecureChannelTransport isd = openIsd(agent);
        if (jpki != null) {
            jpki.secureElementPrepared(handset, isd.initializeUpdateResponse().keyDiversificationData());
        }
        createSpDomain(isd, plan);
        handOverKeys(agent, plan);
        spTsm.takeOver(agent, plan.spDomain(), plan.transferKeys());
        personalizeSpDomain(agent, openIsd(agent), plan);
        storeAccessRule(agent, plan);
        installApplet(agent, openIsd(agent), plan);
    }

    /** CreateSpDomain (PRE-7): the ISD creates the domain, with SD and Authorized Management privileges. */
    public void createSpDomain(Transport isd, Plan plan) throws IOException {
        ScriptRunner.run(isd, AppletPreparationCreateSpDomainScript.build(new byte[8], new byte[16],
                CardManagement.data(GpCommands.installForInstall(SD_LOAD_FILE, SD_MODULE, plan.spDomain(),
                        Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true))), Map.of());
    }

    /**
     * HandOverKeys (PRE-7): a session with the new domain under the keys it was created with (a
     * copy of the ISD's), its identity data, and the transfer set in place of those keys.
     */
    public void handOverKeys(Transport agent, Plan plan) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(plan.spDomain())));
        SecureChannelTransport sd = Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(plan.spDomain().bytes()));
        // the domain's copy of this SE's ISD set (diversified by the KDD the domain inherited): its DEK
        // encrypts this SE's own transfer set
        byte[] kdd = sd.initializeUpdateResponse().keyDiversificationData();
        StaticKeys copy = isdKeys.forCard(kdd);
        StaticKeys transfer = plan.transferKeys().forCard(kdd);
        Script script = AppletPreparationHandOverKeysScript.build(new byte[8], new byte[16], identity(),
                copy.kvn(), CardManagement.putKeyData(copy.kvn(), transfer, copy.dek()));
        CardManagement.checkPutKey(ScriptRunner.run(sd, script, Map.of()), transfer);
    }

    /** The SP domain's identity data for STORE DATA: its IIN ('42'). */
    static byte[] identity() {
        return new byte[] {0x42, 0x03, 0x11, 0x22, 0x33};
    }

    /**
     * PersonalizeSpDomain under the ISD session {@code isd}: SET STATUS PERSONALIZED, refused
     * ({@link PolicyRefusal}) while the transfer set still opens the domain (the SP-TSM has not
     * taken it over; checked on a logical channel of {@code agent}).
     */
    public void personalizeSpDomain(Transport agent, Transport isd, Plan plan) throws IOException {
        if (opens(agent, plan.spDomain(), plan.transferKeys())) {
            throw new PolicyRefusal("the SP-TSM has not taken " + plan.spDomain() + " over: its transfer keys still open it");
        }
        ScriptRunner.run(isd, AppletPreparationPersonalizeSpDomainScript.build(new byte[8], new byte[16]), Map.of());
    }

    /** StoreAccessRule (ACC-1): the whitelist, through a session with the ARA-M under the ISD keys. */
    public void storeAccessRule(Transport agent, Plan plan) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(ARA_M)));
        SecureChannelTransport ara = Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33));
        ScriptRunner.run(ara, AppletPreparationStoreAccessRuleScript.build(new byte[8], new byte[16],
                AraCommands.storeRules(jpkiRule(plan))), Map.of());
    }

    /** The ARA rule of the JPKI applet: the app's hash, all APDUs, NFC allowed. */
    public static AccessRule jpkiRule(Plan plan) {
        return AccessRule.of(plan.jpkiInstance().bytes(), plan.appCertificateHash(), AccessRule.Access.ALWAYS, List.of(),
                AccessRule.Access.ALWAYS);
    }

    /**
     * InstallApplet under the ISD session {@code isd}: INSTALL of the JPKI instance, then INSTALL
     * [for extradition] to the SP domain. Refused ({@link PolicyRefusal}) unless the ARA-M holds
     * the JPKI rule (read on a logical channel of {@code agent}, as the access control enforcer
     * reads it): the applet never becomes selectable without its rule (ACC-1).
     */
    public void installApplet(Transport agent, Transport isd, Plan plan) throws IOException {
        if (!faults.has(Faults.Fault.INSTALL_APPLET_WITHOUT_RULE) && !ruleStored(agent, plan)) {
            throw new PolicyRefusal("no ARA rule for " + plan.jpkiInstance() + ": the applet goes only after its rule");
        }
        ScriptRunner.run(isd, AppletPreparationInstallAppletScript.build(new byte[8], new byte[16],
                CardManagement.data(GpCommands.installForInstall(plan.jpkiLoadFile(), plan.jpkiModule(), plan.jpkiInstance(), 0,
                        plan.installParameter(), true)),
                CardManagement.data(GpCommands.installForExtradition(plan.spDomain(), plan.jpkiInstance()))), Map.of());
    }

    /** FactoryResetAndShopCheck EraseJpki (LIFE-10): DELETE of the JPKI instance; its keys go with it. */
    public void eraseJpki(Transport agent, String handset) throws IOException {
        ScriptRunner.run(openIsd(agent), FactoryResetAndShopCheckEraseJpkiScript.build(new byte[8], new byte[16]),
                Map.of());
        if (jpki != null) {
            jpki.appletDeleted(handset);
        }
    }

    /** Whether the ARA-M holds a rule for the plan's JPKI instance (GET DATA, no session). */
    static boolean ruleStored(Transport agent, Plan plan) throws IOException {
        byte[] r = SpareChannel.run(agent, ARA_M, (t, sel) -> sel == 0x9000 ? t.transmit(AraCommands.getAll()) : null);
        if (r == null || Sw.of(r) != 0x9000) {
            return false;
        }
        try {
            List<AccessRule> rules = AccessRule.parseAll(dev.inkan.se.tlv.Tlv.parseSingle(Sw.data(r)).value());
            return rules.stream().anyMatch(x -> x.aid() != null && Arrays.equals(x.aid(), plan.jpkiInstance().bytes()));
        } catch (dev.inkan.se.tlv.TlvException e) {
            return false;
        }
    }

    /** Whether {@code keys} open an SCP03 session with {@code sd} (INITIALIZE UPDATE on a logical channel, card cryptogram checked). */
    static boolean opens(Transport agent, Aid sd, HostKeys keys) throws IOException {
        return SpareChannel.run(agent, sd, (t, sel) -> {
            if (sel != 0x9000) {
                return false;
            }
            byte[] challenge = new byte[8];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(challenge);
            byte[] r = t.transmit(Scp03Host.initializeUpdate(0, keys.kvn(), challenge));
            if (Sw.of(r) != 0x9000) {
                return false;
            }
            try {
                InitializeUpdateResponse iu = InitializeUpdateResponse.parse(Sw.data(r));
                Scp03Host.handshake(keys.forCard(iu.keyDiversificationData()), challenge, iu);
                return true;
            } catch (SecurityException e) {
                return false;
            }
        });
    }

}
