package dev.inkan.tsm.sei;

import dev.inkan.generated.scripts.AppletPreparationInstallAppletScript;
import dev.inkan.generated.scripts.AppletPreparationStoreAccessRuleScript;
import dev.inkan.generated.scripts.CardManagerCommands;
import dev.inkan.generated.scripts.FactoryResetAndShopCheckEraseJpkiScript;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.script.ScriptRunner;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The SEI-TSM run by the secure element issuer (REQ SYS-1, PRE-7, ACC-1): it holds the ISD's
 * SCP03 keys and prepares a phone's SE for the JPKI service (spec protocol AppletPreparation):
 * <ol>
 *   <li>CreateSpDomain: INSTALL [for install and make selectable] of the SP's security domain
 *       (only the ISD may create one), then the key hand-over: the new domain starts with a copy
 *       of the ISD session's key set, which the SEI-TSM replaces by a transfer key set
 *       ({@link #prepare} returns it) for the SP-TSM to replace with its own
 *       ({@link #takeOver}); SET STATUS PERSONALIZED;</li>
 *   <li>StoreAccessRule: the ARA-M rule that lets only the whitelisted JPKI app (SHA-256 of its
 *       signing certificate) and NFC terminals reach the JPKI AID;</li>
 *   <li>InstallApplet: INSTALL of the JPKI instance from the load file the SE holds, extradited
 *       to the SP domain (the applet's secure channel is the SP domain's);</li>
 * </ol>
 * rule before applet, every command under SCP03 level 33 with the ISD keys (PRE-8). Also
 * {@link #eraseJpki}: FactoryResetAndShopCheck EraseJpki, the DELETE of the JPKI instance (LIFE-10).
 *
 * <p>Deviations from the generated scripts, because spec/protocols.jsm asks what a GP card does
 * otherwise: CreateSpDomain's INSTALL [for personalization], STORE DATA and PUT KEY addressed to
 * the card manager would change the ISD, not the new domain; the hand-over goes through a session
 * with the new domain instead. InstallApplet has no INSTALL [for extradition] in the spec; it is
 * sent after the generated INSTALL.
 */
public final class SeiTsm {
    /** The ISD's AID (spec/se.jsm Isd). */
    public static final Aid ISD = Aid.of("A000000151000000");
    /** The security domain load file and module every GP SE holds. */
    public static final Aid SD_LOAD_FILE = Aid.of("A0000001515350");
    public static final Aid SD_MODULE = Aid.of("A000000151535041");

    /** What the SE must hold and the SP asks for. */
    public record Plan(Aid spDomain, Aid jpkiLoadFile, Aid jpkiModule, Aid jpkiInstance, byte[] installParameter,
                       byte[] appCertificateHash, StaticKeys transferKeys) {
    }

    private final StaticKeys isdKeys;
    private final JpkiService jpki;

    /** @param jpki told when the JPKI instance is deleted (its keys go with it); may be null */
    public SeiTsm(StaticKeys isdKeys, JpkiService jpki) {
        this.isdKeys = isdKeys;
        this.jpki = jpki;
    }

    private SecureChannelTransport openIsd(Transport agent) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(ISD)));
        return Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33).verifyingChallengeFor(ISD.bytes()));
    }

    /**
     * AppletPreparation through the platform's SE agent ({@code agent}: the SEI-TSM's channel to
     * the ISD, relayed by the phone). Returns the transfer key set now in the SP domain.
     */
    public StaticKeys prepare(Transport agent, Plan plan) throws IOException {
        // CreateSpDomain: the ISD creates the domain (PRE-7)
        SecureChannelTransport isd = openIsd(agent);
        ScriptRunner.send(isd, CardManagerCommands.installForInstall(data(GpCommands.installForInstall(SD_LOAD_FILE,
                SD_MODULE, plan.spDomain(), Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0],
                true))));
        // key hand-over: the new domain holds a copy of the ISD session's key set; replace it by the transfer set
        Sw.check(agent.transmit(GpCommands.select(plan.spDomain())));
        SecureChannelTransport sd = Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(plan.spDomain().bytes()));
        byte[] put = GpCommands.putKeySet(isdKeys.kvn(), plan.transferKeys(), isdKeys.dek());
        byte[] answer = ScriptRunner.send(sd, CardManagerCommands.putKey(isdKeys.kvn(), 0x81, data(put)));
        if (!Arrays.equals(Sw.data(answer), GpCommands.expectedPutKeyResponse(plan.transferKeys()))) {
            throw new IOException("PUT KEY: the SP domain answered other key check values");
        }
        isd = openIsd(agent);
        ScriptRunner.send(isd, CardManagerCommands.setStatus(0x40, 0x0F, plan.spDomain().bytes()));
        // StoreAccessRule: the whitelist before the applet (ACC-1)
        Sw.check(agent.transmit(GpCommands.select(Aid.of(AraMAid.HEX))));
        SecureChannelTransport ara = Scp03Host.open(agent, isdKeys, Scp03Host.Options.level(0x33));
        AccessRule rule = AccessRule.of(plan.jpkiInstance().bytes(), plan.appCertificateHash(), AccessRule.Access.ALWAYS,
                List.of(), AccessRule.Access.ALWAYS);
        ScriptRunner.run(ara, AppletPreparationStoreAccessRuleScript.build(new byte[8], new byte[16],
                AraCommands.storeRules(rule)), Map.of());
        // InstallApplet, then extradition to the SP domain
        isd = openIsd(agent);
        ScriptRunner.run(isd, AppletPreparationInstallAppletScript.build(new byte[8], new byte[16],
                data(GpCommands.installForInstall(plan.jpkiLoadFile(), plan.jpkiModule(), plan.jpkiInstance(), 0,
                        plan.installParameter(), true))), Map.of());
        ScriptRunner.send(isd, new ScriptCommand("INSTALL_FOR_EXTRADITION",
                GpCommands.installForExtradition(plan.spDomain(), plan.jpkiInstance()), List.of(0x9000), 0x33));
        return plan.transferKeys();
    }

    /**
     * The SP-TSM's half of the hand-over (PRE-7): it opens the SP domain with the transfer keys
     * and replaces them with its own, which the SEI-TSM never learns.
     */
    public static void takeOver(Transport agent, Aid spDomain, StaticKeys transfer, StaticKeys own) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(spDomain)));
        SecureChannelTransport sd = Scp03Host.open(agent, transfer, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(spDomain.bytes()));
        byte[] answer = ScriptRunner.send(sd, CardManagerCommands.putKey(transfer.kvn(), 0x81,
                data(GpCommands.putKeySet(transfer.kvn(), own, transfer.dek()))));
        if (!Arrays.equals(Sw.data(answer), GpCommands.expectedPutKeyResponse(own))) {
            throw new IOException("PUT KEY: the SP domain answered other key check values");
        }
    }

    /** FactoryResetAndShopCheck EraseJpki (LIFE-10): DELETE of the JPKI instance; its keys go with it. */
    public void eraseJpki(Transport agent, String handset) throws IOException {
        ScriptRunner.run(openIsd(agent), FactoryResetAndShopCheckEraseJpkiScript.build(new byte[8], new byte[16]),
                Map.of());
        if (jpki != null) {
            jpki.appletDeleted(handset);
        }
    }

    /** The data field of a short command APDU built by GpCommands. */
    static byte[] data(byte[] apdu) {
        return apdu.length > 5 ? Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF)) : new byte[0];
    }

    private static final class AraMAid {
        static final String HEX = "A00000015141434C00";
    }
}
