package dev.inkan.tsm.sp;

import dev.inkan.generated.scripts.AppletPreparationTakeOverScript;
import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.InitialIssuanceGenerateKeysScript;
import dev.inkan.generated.scripts.InitialIssuanceStoreCertificatesScript;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.generated.scripts.PinResetResetPinScript;
import dev.inkan.generated.scripts.RemoteDeletionLockAndWipeScript;
import dev.inkan.runtime.script.Script;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.HostKeys;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertificate;
import dev.inkan.tsm.jpki.Refused;
import dev.inkan.tsm.script.AppRelay;
import dev.inkan.tsm.script.CardManagement;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.script.ScriptRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The SP-TSM run by J-LIS (REQ SYS-2, PRE-7, PRE-8): it holds the SCP03 keys of the SP's security
 * domain and personalizes the JPKI applet through the app's relay, with the scripts generated
 * from spec/protocols.jsm:
 * <ul>
 *   <li>{@link #personalize}: InitialIssuance GenerateKeys (key pairs generated in the SE, public
 *       keys read, CRY-1), the JPKI service certifies them ({@link JpkiService#issue}: linked,
 *       same expiry, old phone replaced), StoreCertificates (CA and end-entity certificates,
 *       random temporary PINs, LIFE-6); cut to the types applied for;</li>
 *   <li>{@link #lockAndWipe}: RemoteDeletion LockAndWipe (LIFE-11, LIFE-8);</li>
 *   <li>{@link #resetPin}: PinReset ResetPin after a card-signed grant (LIFE-5).</li>
 * </ul>
 * Every result the SE gives is reported to the JPKI service (key generated, certificate stored,
 * key locked, key wiped), which keeps the slots' states and ends deletions.
 */
public final class SpTsm {
    /** The SP domain's AID as the spec declares it (spec/se.jsm SpSd), taken from a generated script. */
    public static byte[] specDomainAid() {
        return InitialIssuanceGenerateKeysScript.build(new byte[8], new byte[16]).securityDomainAid();
    }

    private final HostKeys keys;
    private final byte[] domainAid;
    private final JpkiService jpki;
    private final SecureRandom random;
    private final Faults faults;

    /**
     * @param keys the SP domain's SCP03 keys: a {@link DiversifiedKeys} master in a deployment (each
     *             SE holds its own set, and its sessions are bound to the SE they reach), or one
     *             {@link StaticKeys} set for all SEs (then the KDD an SE answers with is not proven)
     * @param domainAid the SP domain's AID (spec/se.jsm SpSd): the pseudo-random card challenge is checked against it
     */
    public SpTsm(HostKeys keys, byte[] domainAid, JpkiService jpki, SecureRandom random) {
        this(keys, domainAid, jpki, random, Faults.NONE);
    }

    /** @param faults {@link Faults#NONE} outside the property suites' fault tests (LOCK_KEY_OF_VALID_CERTIFICATE) */
    public SpTsm(HostKeys keys, byte[] domainAid, JpkiService jpki, SecureRandom random, Faults faults) {
        this.keys = keys;
        this.domainAid = domainAid.clone();
        this.jpki = jpki;
        this.random = random;
        this.faults = faults;
    }

    /**
     * SCP03 at level 33 (C-MAC, C-DEC, R-MAC, R-ENC) with the SP domain's keys through the app's
     * channel to the applet, in the SE of the relay's handset: the SE's key diversification data
     * (proven by the card cryptogram when the keys are diversified) must be the one the handset's
     * first session pinned ({@link JpkiService#secureElementReached}), else Refused
     * OTHER_SECURE_ELEMENT before any command.
     */
    SecureChannelTransport open(AppRelay relay) throws IOException {
        SecureChannelTransport sc = Scp03Host.open(relay, keys, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(domainAid));
        jpki.secureElementReached(relay.handset(), sc.initializeUpdateResponse().keyDiversificationData());
        return sc;
    }

    /**
     * AppletPreparation TakeOver (PRE-7): through the SEI-TSM's channel to the SE ({@code agent}),
     * a session with the SP domain itself under the transfer set the SEI-TSM handed over, and PUT
     * KEY of this SP-TSM's own key set in its place, which the SEI-TSM never learns. Fits
     * {@code SeiTsm.KeyTaker}.
     */
    public void takeOver(Transport agent, Aid spDomain, HostKeys transfer) throws IOException {
        Sw.check(agent.transmit(GpCommands.select(spDomain)));
        SecureChannelTransport sd = Scp03Host.open(agent, transfer, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(spDomain.bytes()));
        // this SE's own sets: diversified by the KDD the domain answered with (the ISD's, which it inherits)
        byte[] kdd = sd.initializeUpdateResponse().keyDiversificationData();
        StaticKeys own = keys.forCard(kdd);
        StaticKeys handedOver = transfer.forCard(kdd);
        CardManagement.checkPutKey(ScriptRunner.run(sd, AppletPreparationTakeOverScript.build(new byte[8], new byte[16],
                handedOver.kvn(), CardManagement.putKeyData(handedOver.kvn(), own, handedOver.dek())), Map.of()), own);
    }

    /**
     * The issuance session after {@code accepted} (JpkiService.apply): keys generated in the SE,
     * certified by the JPKI service, certificates and temporary PINs stored. If the SE part fails
     * before the certificates are issued, the application is abandoned (spec PhoneCert.abandon)
     * and the exception goes on.
     */
    public IssuanceResult personalize(AppRelay relay, ApplicationResult accepted) throws IOException {
        String handset = accepted.handset();
        if (!handset.equals(relay.handset())) {
            throw new IllegalArgumentException("the relay reaches " + relay.handset() + ", not " + handset);
        }
        Set<CertType> types = accepted.records().keySet();
        Map<CertType, PhoneCertificate> issued = new EnumMap<>(CertType.class);
        try {
            SecureChannelTransport sc = open(relay);
            Map<CertType, PublicKey> publicKeys = generateKeys(sc, handset, types);
            for (CertType t : CertType.values()) {
                if (types.contains(t)) {
                    issued.put(t, jpki.issue(accepted.person(), handset, t, publicKeys.get(t)));
                }
            }
            Map<CertFile, byte[]> ders = new EnumMap<>(CertFile.class);
            Map<CertType, String> pins = new EnumMap<>(CertType.class);
            for (CertType t : types) {
                ders.put(caFile(t), der(jpki.ca().caCertificate(Profile.of(Profile.Holder.PHONE, usage(t)))));
                ders.put(endEntity(t), der(issued.get(t).certificate()));
                pins.put(t, temporaryPin(t));
            }
            Script store = ScriptRunner.onlySlots(InitialIssuanceStoreCertificatesScript.build(0, new byte[0], 0,
                    new byte[0], 0, new byte[0], 0, new byte[0], ascii(pins.getOrDefault(CertType.AUTH, "0000")),
                    ascii(pins.getOrDefault(CertType.SIGN, "AAAAAA"))), types);
            ScriptRunner.run(sc, store, ders);
            for (CertType t : types) {
                jpki.certificateStored(handset, t);
            }
            return new IssuanceResult(issued, pins);
        } catch (IOException | RuntimeException e) {
            for (CertType t : types) {
                if (!issued.containsKey(t)) {
                    try {
                        jpki.abandon(accepted.person(), handset, t);
                    } catch (Refused r) {
                        e.addSuppressed(r);
                    }
                }
            }
            throw e;
        }
    }

    /** InitialIssuance GenerateKeys cut to {@code types}; READ PUBLIC KEY continues until the DER SubjectPublicKeyInfo is whole. */
    private Map<CertType, PublicKey> generateKeys(SecureChannelTransport sc, String handset, Set<CertType> types)
            throws IOException {
        Script gen = ScriptRunner.onlySlots(InitialIssuanceGenerateKeysScript.build(new byte[8], new byte[16]), types);
        Map<CertType, ByteArrayOutputStream> spki = new EnumMap<>(CertType.class);
        Map<CertType, Integer> blocks = new EnumMap<>(CertType.class);
        for (ScriptRunner.Step step : ScriptRunner.run(sc, gen, Map.of())) {
            CertType t = ScriptRunner.slotOf(step.command());
            if (step.command().name().equals("GENERATE_KEY")) {
                jpki.keyGenerated(handset, t);
            } else if (step.command().name().equals("READ_PUBLIC_KEY")) {
                spki.computeIfAbsent(t, k -> new ByteArrayOutputStream()).writeBytes(Sw.data(step.response()));
                blocks.merge(t, 1, Integer::sum);
            }
        }
        Map<CertType, PublicKey> out = new EnumMap<>(CertType.class);
        for (CertType t : types) {
            ByteArrayOutputStream b = spki.computeIfAbsent(t, k -> new ByteArrayOutputStream());
            int block = blocks.getOrDefault(t, 0);
            while (!complete(b.toByteArray()) && block < 8) {
                ScriptCommand more = JpkiApCommands.readPublicKey(block++, t);
                b.writeBytes(Sw.data(ScriptRunner.send(sc, more)));
            }
            out.put(t, publicKey(b.toByteArray()));
        }
        return out;
    }

    /** Whether {@code der} holds one whole DER SEQUENCE (long form length). */
    static boolean complete(byte[] der) {
        if (der.length < 4 || der[0] != 0x30) {
            return false;
        }
        int first = der[1] & 0xFF;
        if (first < 0x80) {
            return der.length >= 2 + first;
        }
        int n = first & 0x7F;
        if (der.length < 2 + n) {
            return false;
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[2 + i] & 0xFF);
        }
        return der.length >= 2 + n + len;
    }

    /**
     * RemoteDeletion (or RevocationFromPhone) LockAndWipe of slot {@code t}: the key can never sign
     * again, then it is zeroised with its certificates and PIN; the JPKI service learns both, and
     * the deletion owed to the slot is done.
     */
    public void lockAndWipe(AppRelay relay, CertType t) throws IOException {
        refuseLockOfValidCertificate(relay.handset(), t);
        SecureChannelTransport sc = open(relay);
        for (ScriptRunner.Step step : ScriptRunner.run(sc, RemoteDeletionLockAndWipeScript.build(new byte[8],
                new byte[16], t), Map.of())) {
            if (step.command().name().equals("LOCK_KEY")) {
                jpki.keyLocked(relay.handset(), t);
            } else if (step.command().name().equals("WIPE_KEY")) {
                jpki.keyWiped(relay.handset(), t);
            }
        }
    }

    /**
     * LOCK KEY of slot {@code t} alone, in an open session with the applet ({@code session}: the
     * issuance session through the app's relay), reported to the JPKI service: the step of
     * LockAndWipe at the granularity of the spec's events (the property adapter drives it).
     */
    public void lockKey(Transport session, String handset, CertType t) throws IOException {
        refuseLockOfValidCertificate(handset, t);
        ScriptRunner.send(session, JpkiApCommands.lockKey(t));
        jpki.keyLocked(handset, t);
    }

    /** Policy (LIFE-11): a key whose certificate is valid (active or suspended) is never locked. */
    private void refuseLockOfValidCertificate(String handset, CertType t) throws PolicyRefusal {
        if (!faults.has(Faults.Fault.LOCK_KEY_OF_VALID_CERTIFICATE) && jpki.liveCertificate(handset, t)) {
            throw new PolicyRefusal("the " + t + " certificate on " + handset + " is valid: its key is not locked");
        }
    }

    /**
     * PinReset ResetPin (LIFE-5, LIFE-6): with a grant from a card-signed request
     * ({@link JpkiService#grantPinReset}), a new temporary PIN for slot {@code t}; the grant is
     * consumed. Returns the temporary PIN for the app to replace at once.
     */
    public String resetPin(AppRelay relay, CertType t) throws IOException {
        if (!jpki.pinResetGranted(relay.handset(), t)) {
            throw new Refused(Refused.Reason.WRONG_STATE, "no PIN reset granted for " + t + " on " + relay.handset());
        }
        String pin = temporaryPin(t);
        ScriptRunner.run(open(relay), PinResetResetPinScript.build(new byte[8], new byte[16], t, ascii(pin)), Map.of());
        jpki.consumePinReset(relay.handset(), t);
        return pin;
    }

    /** A random temporary PIN of the slot's format (UX-1): 4 digits, or 16 upper-case letters and digits. */
    String temporaryPin(CertType t) {
        String alphabet = t == CertType.AUTH ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int length = t == CertType.AUTH ? 4 : 16;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static Profile.Usage usage(CertType t) {
        return t == CertType.AUTH ? Profile.Usage.AUTHENTICATION : Profile.Usage.SIGNATURE;
    }

    public static CertFile endEntity(CertType t) {
        return t == CertType.AUTH ? CertFile.AUTH_CERT_FILE : CertFile.SIGN_CERT_FILE;
    }

    public static CertFile caFile(CertType t) {
        return t == CertType.AUTH ? CertFile.AUTH_CA_FILE : CertFile.SIGN_CA_FILE;
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(byte[] der) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("READ PUBLIC KEY: not a SubjectPublicKeyInfo: " + HexFormat.of().formatHex(der), e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
