package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.generated.scripts.SpDomainCommands;
import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.jpki.Faults;
import dev.inkan.se.scp03.HostWrapper;
import dev.inkan.tsm.script.CardManagement;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.sei.SeiTsm;
import dev.inkan.runtime.model.StepObserver;
import dev.inkan.tsm.ca.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system under test in process: one simulated GP secure element per phone of the model
 * (jcardsim, the {@code se} module) with the real JPKI applet ({@code applet}), reached the way
 * the real actors reach it: the SEI-TSM through SCP03 with the ISD's keys on the contact
 * interface, the SP-TSM and the JPKI app through the app's OMAPI logical channel (access control
 * enforcer, SCP03 with the SP domain's keys), terminals and the shop over the contactless face,
 * rogue and business apps through OMAPI with their own certificate hashes; and the JPKI service of
 * {@code tsm-reference} ({@link Registry}: registry on H2, its CA, the push gateway double, the
 * relying party). RSA-2048 keys are generated in the applet; nothing is faked.
 *
 * <p>Events without an implementation counterpart yet (the phone app's own decisions: intents,
 * biometric enrolment) change the model only; see the README's mapping table. After every step the
 * adapter reads the phones it talked to (READ STATUS, empty VERIFY per PIN, READ BINARY of the CA
 * certificates, GET STATUS with the ISD keys, the ARA-M's rules) and the registry facts the step
 * changed in the model.
 */
public final class JcardsimSystem implements Implementation {
    public static final String NAME = "jcardsim";

    /** {@code -Dinkan.jcardsim.fullRegistryReads=true}: every registry fact read after every step, not only those the step changed in the model. */
    static final boolean FULL_REGISTRY_READS = Boolean.getBoolean("inkan.jcardsim.fullRegistryReads");
    private static final Map<String, Fixture> FIXTURES = new ConcurrentHashMap<>();
    private static final int MAX_FIXTURES = 64;
    private static volatile Environment environment;

    private final String variant;
    private final ClassLoader appletLoader;
    private final boolean misidentifiedCallers;
    private final Faults registryFaults;
    private Registry registry;
    private byte[] stepBefore;
    private byte[] stepAfter;
    private ModelView view;
    private PhoneSe[] phones = new PhoneSe[0];
    private byte[] before;
    private boolean[] appletDirty;
    private boolean[] contentDirty;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private String[][] names;
    private long apdusBefore;

    /** The real applet. */
    public JcardsimSystem() {
        this("", null);
    }

    /**
     * With the applet classes of {@code appletLoader}, a test's deliberately faulty variant
     * ({@code variant} names it: fixtures are kept per variant). Production code never passes one.
     */
    public JcardsimSystem(String variant, ClassLoader appletLoader) {
        this(variant, appletLoader, false);
    }

    /**
     * {@code misidentifiedCallers}: a test's platform fault, the OMAPI service reports every app
     * with the JPKI app's certificate hash (caller identification broken), so the access control
     * enforcer's decision rests on a lie. Production code never passes true.
     */
    public JcardsimSystem(String variant, ClassLoader appletLoader, boolean misidentifiedCallers) {
        this(variant, appletLoader, misidentifiedCallers, Faults.NONE);
    }

    /** With the JPKI service's own fault seams ({@code tsm-reference}'s {@code Faults}) switched on by a test. */
    public JcardsimSystem(String variant, ClassLoader appletLoader, boolean misidentifiedCallers, Faults registryFaults) {
        this.variant = variant;
        this.appletLoader = appletLoader;
        this.misidentifiedCallers = misidentifiedCallers;
        this.registryFaults = registryFaults;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The CA and the card holders' card keys: made once per JVM (RSA-2048 on the host). */
    private static Environment environment() {
        Environment e = environment;
        if (e == null) {
            synchronized (JcardsimSystem.class) {
                if (environment == null) {
                    environment = new Environment();
                }
                e = environment;
            }
        }
        return e;
    }

    private static final class Environment {
        final JpkiCa ca;
        final Map<Integer, KeyPair> cardKeys = new HashMap<>();
        final Map<Integer, byte[]> caDer = new HashMap<>();

        Environment() {
            ca = JpkiCa.generate(new SecureRandom(), Clock.systemUTC());
            for (int t = 0; t < 2; t++) {
                try {
                    caDer.put(t, ca.caCertificate(Profile.of(Profile.Holder.PHONE, usage(t))).getEncoded());
                } catch (GeneralSecurityException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }

        synchronized KeyPair cardKey(int index) {
            return cardKeys.computeIfAbsent(index, p -> {
                try {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    return g.generateKeyPair();
                } catch (GeneralSecurityException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }
    }

    private static Profile.Usage usage(int t) {
        return t == 0 ? Profile.Usage.AUTHENTICATION : Profile.Usage.SIGNATURE;
    }

    // ================================================================= lifecycle

    @Override
    public void reset(Model model) {
        if (view == null || view.model != model) {
            view = new ModelView(model);
            names = new String[view.phones][];
            if (registry != null) {
                registry.close();
                registry = null;
            }
        }
        closePhones();
        phones = new PhoneSe[view.phones];
        appletDirty = new boolean[view.phones];
        contentDirty = new boolean[view.phones];
        for (int ph = 0; ph < view.phones; ph++) {
            phones[ph] = PhoneSe.start(appletLoader, misidentifiedCallers);
            appletDirty[ph] = true;
            contentDirty[ph] = true;
        }
        if (registry == null) {
            Environment env = environment();
            registry = new Registry(view, env.ca, env::cardKey, registryFaults);
        }
        registry.reset();
        before = model.initialState();
        stepBefore = null;
        facts.clear();
    }

    private record Fixture(String[] images, PhoneSe.Memo[] memos, byte[] modelState, Map<String, String> seFacts) {
    }

    private String fixtureKey(Model model, List<Action> prefix) {
        return variant + "|" + model.info().name() + "|"
                + java.util.Arrays.toString(model.domainSizes()) + "|" + prefix;
    }

    /**
     * A prefix this adapter ran for real before, every step compared with the model: the phones
     * come back from their snapshots ({@code SecureElement.restore}: the same persistent state,
     * registry, keys, counters and applet objects; transient state cleared as after a power
     * cycle, which is also the model's state there: no channel, no session, no PIN verified).
     */
    @Override
    public boolean restore(Model model, List<Action> prefix) {
        Fixture f = FIXTURES.get(fixtureKey(model, prefix));
        if (f == null) {
            return false;
        }
        closePhones();
        for (int ph = 0; ph < phones.length; ph++) {
            phones[ph] = PhoneSe.restore(appletLoader, misidentifiedCallers, f.images[ph], f.memos[ph]);
            // the same persistent state as at the end of the real run, whose observation is kept
            appletDirty[ph] = false;
            contentDirty[ph] = false;
        }
        // the registry has no snapshot: the prefix's registry operations and TSM reports run again, for real
        registry.reset();
        registry.replaying = true;
        byte[] s = model.initialState();
        for (Action a : prefix) {
            byte[] b = s.clone();
            model.step(s, a, StepObserver.NONE);
            ModelInfo.Event e = view.info.events().get(a.event());
            Response r = registry.perform(view.info.machines().get(e.machine()).name(), e.name(),
                    model.instanceParams(e.machine(), a.instance()), a, b, s, ph -> phones[ph].memo);
            if (!r.accepted()) {
                throw new IllegalStateException("the registry part of a prefix that ran before is refused now: "
                        + ModelText.action(model, a) + ": " + r.detail());
            }
        }
        registry.replaying = false;
        before = f.modelState.clone();
        stepBefore = model.initialState();
        stepAfter = before.clone();
        facts.clear();
        facts.putAll(f.seFacts);
        return true;
    }

    @Override
    public void remember(Model model, List<Action> prefix) {
        if (FIXTURES.size() >= MAX_FIXTURES || prefix.isEmpty()) {
            return;
        }
        // only where the model has nothing transient either: no channel, no session, no PIN verified
        for (int ph = 0; ph < phones.length; ph++) {
            if (view.omapiOpen(before, ph) || !view.session(before, ph, view.spKeys).equals("Closed")
                    || !view.session(before, ph, view.issuerKeys).equals("Closed")
                    || !view.session(before, ph, view.handOverKeys).equals("Closed")) {
                return;
            }
            for (int t = 0; t < 2; t++) {
                if (view.flag(before, view.pin, "verified", ph, t)) {
                    return;
                }
            }
        }
        String[] images = new String[phones.length];
        PhoneSe.Memo[] memos = new PhoneSe.Memo[phones.length];
        for (int ph = 0; ph < phones.length; ph++) {
            images[ph] = phones[ph].se.snapshot();
            memos[ph] = phones[ph].memo.copy();
        }
        // what the phones showed at the end of the real run (read afresh, all of them)
        java.util.Arrays.fill(appletDirty, true);
        java.util.Arrays.fill(contentDirty, true);
        facts.clear();
        observe();
        FIXTURES.putIfAbsent(fixtureKey(model, prefix), new Fixture(images, memos, before.clone(),
                Map.copyOf(facts)));
    }

    /** Snapshot of a phone's SE (tests prove a restored fixture equal to the run it came from). */
    public String snapshot(int phone) {
        return phones[phone].se.snapshot();
    }

    private void closePhones() {
        for (PhoneSe p : phones) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Override
    public void close() {
        closePhones();
        phones = new PhoneSe[0];
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    // ================================================================= actions

    @Override
    public Response apply(Model model, Action action, byte[] after) {
        ModelInfo.Event e = view.info.events().get(action.event());
        String machine = view.info.machines().get(e.machine()).name();
        int[] params = model.instanceParams(e.machine(), action.instance());
        try {
            Response r = perform(machine, e.name(), params, action, after);
            consequences(after);
            if (r.accepted()) {
                r = registry.perform(machine, e.name(), params, action, before, after, ph -> phones[ph].memo);
            }
            stepBefore = before.clone();
            stepAfter = after.clone();
            return r;
        } catch (IOException | RuntimeException ex) {
            return Response.refused(ModelText.action(model, action) + " threw " + ex);
        } finally {
            before = after.clone();
        }
    }

    /** What the implementation must refuse: the model's refusal is a check the SE or the applet makes. */
    @Override
    public boolean probes(Model model, Action action, byte[] s) {
        ModelInfo.Event e = view.info.events().get(action.event());
        String machine = view.info.machines().get(e.machine()).name();
        int[] p = model.instanceParams(e.machine(), action.instance());
        int ph = p[0];
        if (machine.equals("JpkiApplet")) {
            String st = view.jpki(s, ph);
            if (st.equals("Absent")) {
                return false;
            }
            boolean session = view.session(s, ph, view.spKeys).equals("Open") && view.omapiOpen(s, ph);
            switch (e.name()) {
                case "sign":
                case "changePin":
                    return true;
                case "readBinary":
                    return true;
                case "generateKey":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Empty");
                case "readPublicKey":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Generated");
                case "storeCert": {
                    int t = certOf(action.arg(0));
                    boolean ee = isEndEntity(action.arg(0));
                    return !session || !view.slot(s, ph, t).equals("Generated")
                            || (ee && action.arg(1) != 0 && !view.flag(s, view.keySlot, "caStored", ph, t));
                }
                case "setTempPin":
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Certified");
                case "lockKey":
                    // the applet's own checks, and the SP-TSM's policy (LIFE-11): no lock of a valid certificate's key
                    return !session || !view.slot(s, ph, action.arg(0)).equals("Certified")
                            || validCertificate(s, ph, action.arg(0));
                case "wipeKey":
                    return !session || view.slot(s, ph, action.arg(0)).equals("Empty");
                default:
                    return false;
            }
        }
        if (machine.equals("CardCert")) {
            // the registry alone decides: issued, revoked, expired
            return true;
        }
        if (machine.equals("PhoneCert")) {
            return switch (e.name()) {
                case "release", "suspend", "revokeByCallCentre" -> true;
                // what the service cannot know (the app, the network, the SE) holds: the rest is the registry's to refuse
                case "apply" -> view.state(s, view.handset, p[1]).equals("AppInstalled") && view.online(s, p[1])
                        && !view.jpki(s, p[1]).equals("Absent") && !view.slot(s, p[1], p[2]).equals("Generated");
                default -> false;
            };
        }
        if (machine.equals("Omapi") && e.name().equals("openChannel")) {
            // the ACE must refuse without the rule; an absent applet cannot be selected
            return view.state(s, view.handset, ph).equals("AppInstalled") && view.omapiOpen(s, ph) == false
                    && (view.state(s, view.accessRules, ph).equals("NoRule") || view.jpki(s, ph).equals("Absent"));
        }
        if (machine.equals("SecureElement") || machine.equals("AccessRules")) {
            boolean management = switch (e.name()) {
                case "install", "delete", "setStatus", "updateRules", "getStatus" -> true;
                default -> false;
            };
            boolean ownData = e.name().equals("putKey") || e.name().equals("storeData");
            // GP: a security domain with an associated application is not deleted, session or not
            boolean domainWithItsApplet = e.name().equals("delete") && isGpObject(action.arg(0), "SpDomainObject")
                    && !view.jpki(s, ph).equals("Absent");
            // the SEI-TSM's policy (ACC-1): the applet goes only after its rule, even in a session and with the SP domain ready
            boolean appletWithoutRule = e.name().equals("install") && isGpObject(action.arg(0), "JpkiInstance")
                    && view.session(s, ph, view.issuerKeys).equals("Open")
                    && view.state(s, view.secureElement, ph).equals("SpDomainPersonalized")
                    && view.jpki(s, ph).equals("Absent") && view.state(s, view.accessRules, ph).equals("NoRule");
            return view.online(s, ph) && (management && !view.session(s, ph, view.issuerKeys).equals("Open")
                    || ownData && !view.session(s, ph, view.handOverKeys).equals("Open") || domainWithItsApplet
                    || appletWithoutRule);
        }
        return false;
    }

    @Override
    public Response probe(Model model, Action action, byte[] s) {
        ModelInfo.Event e = view.info.events().get(action.event());
        String machine = view.info.machines().get(e.machine()).name();
        int ph = model.instanceParams(e.machine(), action.instance())[0];
        if (machine.equals("CardCert") || machine.equals("PhoneCert")) {
            Response r = registry.perform(machine, e.name(), model.instanceParams(e.machine(), action.instance()), action,
                    s, s, x -> phones[x].memo);
            return r.accepted() ? new Response(true, "the JPKI service carried it out") : r;
        }
        PhoneSe phone = phones[ph];
        try {
            if (machine.equals("Omapi")) {
                try {
                    phone.openChannel();
                    phone.closeChannel();
                    return new Response(true, "the access control enforcer granted the JPKI app a channel");
                } catch (SecurityException | java.util.NoSuchElementException | IOException x) {
                    return Response.refused("refused: " + x.getMessage());
                } finally {
                    appletDirty[ph] = true;
                }
            }
            if (e.name().equals("putKey") || e.name().equals("storeData")) {
                // plain, to the SP domain on a logical channel of its own: no session with it covers it there
                contentDirty[ph] = true;
                byte[] cmd = e.name().equals("putKey") ? GpCommands.putKeySet(0, PhoneSe.SP_KEYS, PhoneSe.SP_KEYS.dek())
                        : GpCommands.storeData(0x80, 0, IDENTITY);
                int sw = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> sel != 0x9000 ? sel : Sw.of(t.transmit(cmd)));
                return sw == 0x9000 ? new Response(true, "the SP domain accepted a plain " + e.name())
                        : Response.refused("SW " + hex(sw));
            }
            if (e.name().equals("install") && phone.isd != null && view.session(s, ph, view.issuerKeys).equals("Open")) {
                // in the ISD session, through the SEI-TSM: its policy refuses the applet without the ARA rule
                contentDirty[ph] = true;
                appletDirty[ph] = true;
                Response r = installApplet(phone);
                return r.accepted() ? new Response(true, "the SEI-TSM installed the applet without its ARA rule") : r;
            }
            if (e.name().equals("delete") && phone.isd != null && view.session(s, ph, view.issuerKeys).equals("Open")) {
                // in the ISD session: the SP domain with its applet
                contentDirty[ph] = true;
                int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, GpCommands.delete(PhoneSe.SP_SD, false)));
                return sw == 0x9000 ? new Response(true, "the ISD deleted the SP domain with its applet")
                        : Response.refused("SW " + hex(sw));
            }
            if (machine.equals("SecureElement") || machine.equals("AccessRules")) {
                contentDirty[ph] = true;
                byte[] cmd = switch (e.name()) {
                    case "install" -> GpCommands.installForInstall(PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE,
                            PhoneSe.JPKI_AID, 0, new byte[] {0}, true);
                    case "delete" -> GpCommands.delete(PhoneSe.JPKI_AID, false);
                    case "setStatus" -> GpCommands.setStatus(0x40, 0x0F, PhoneSe.SP_SD);
                    case "getStatus" -> GpCommands.getStatus(0x40, new byte[0], false);
                    default -> GpCommands.storeData(0x80, 0, IDENTITY);
                };
                // plain, to the ISD on a logical channel of its own: no session covers it there
                int sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> Sw.of(t.transmit(cmd)));
                return sw == 0x9000 || sw == 0x6310 ? new Response(true, "the ISD accepted a plain "
                        + e.name() + " (SW " + hex(sw) + ")") : Response.refused("SW " + hex(sw));
            }
            appletDirty[ph] = true;
            int sw = switch (e.name()) {
                case "sign" -> {
                    int t = action.arg(0);
                    selectEf(phone, keyFid(t));
                    byte[] r = phone.user(JpkiApCommands.computeDigitalSignature(digestInfo()).apdu());
                    yield Sw.of(r);
                }
                case "changePin" -> {
                    int t = action.arg(0);
                    selectEf(phone, pinFid(t));
                    yield Sw.of(phone.user(JpkiApCommands.changeReferenceData(ascii(nextPin(phone, t, false))).apdu()));
                }
                case "readBinary" -> {
                    selectEf(phone, efFid(action.arg(0)));
                    yield Sw.of(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}));
                }
                default -> issuanceProbe(phone, e.name(), action, s, ph);
            };
            return sw == 0x9000 ? new Response(true, e.name() + " answered 9000")
                    : Response.refused("SW " + hex(sw));
        } catch (IOException | RuntimeException ex) {
            return Response.refused("threw " + ex);
        }
    }

    /** An issuance command the applet must refuse: wrapped in the open session, or plain without one. */
    private int issuanceProbe(PhoneSe phone, String event, Action a, byte[] s, int ph) throws IOException {
        if (event.equals("storeCert") && a.arg(1) != 0 && phone.sp != null && phone.channel != null
                && view.session(s, ph, view.spKeys).equals("Open")) {
            // the blocks before the last go as usual (the model buffers them); the last one is the probe
            return storeCert(phone, a.arg(0), true).accepted() ? 0x9000 : 0x6985;
        }
        boolean open = phone.sp != null && phone.channel != null && view.session(s, ph, view.spKeys).equals("Open");
        // a session of a channel the app closed must not serve the reopened one (SpSessionOnlyThroughTheApp): tried
        // only while the model has no SP session at all, so that no handshake under way is disturbed
        boolean stale = !open && phone.staleSp != null && phone.channel != null && phone.spPending == null
                && view.session(s, ph, view.spKeys).equals("Closed");
        dev.inkan.se.transport.Transport via = open ? apdu -> PhoneSe.wrapped(phone.channelTransport(), phone.sp, apdu)
                : stale ? apdu -> PhoneSe.wrapped(phone.channelTransport(), phone.staleSp, apdu) : phone::user;
        if (event.equals("lockKey")) {
            Response r = lockKey(via, ph, a.arg(0));
            return r.accepted() ? 0x9000 : 0x6985;
        }
        byte[] cmd = switch (event) {
            case "generateKey" -> JpkiApCommands.generateKey(type(a.arg(0))).apdu();
            case "readPublicKey" -> JpkiApCommands.readPublicKey(0, type(a.arg(0))).apdu();
            case "storeCert" -> {
                int f = a.arg(0);
                boolean last = a.arg(1) != 0;
                byte[] der = derFor(phone, f);
                int block = phone.memo.nextBlock[f];
                int from = Math.min(block * 224, der.length - 1);
                int n = Math.min(224, der.length - from);
                byte[] chunk = java.util.Arrays.copyOfRange(der, from, from + n);
                yield JpkiApCommands.storeCert(file(f), block | (last ? 0x80 : 0), chunk).apdu();
            }
            case "setTempPin" -> JpkiApCommands.setTempPin(type(a.arg(0)), ascii(tempPin(a.arg(0)))).apdu();
            default -> JpkiApCommands.wipeKey(type(a.arg(0))).apdu();
        };
        return Sw.of(via.transmit(cmd));
    }

    /** Whether some person's certificate of slot (ph, t) is valid (active or suspended) in the model. */
    private boolean validCertificate(byte[] s, int ph, int t) {
        for (int p = 0; p < view.persons; p++) {
            String c = view.state(s, view.phoneCert, p, ph, t);
            if (c.equals("Active") || c.equals("Suspended")) {
                return true;
            }
        }
        return false;
    }

    /** LOCK KEY through the SP-TSM ({@code SpTsm.lockKey}): its policy first, then the command in {@code session}. */
    private Response lockKey(dev.inkan.se.transport.Transport session, int ph, int t) throws IOException {
        try {
            registry.spTsm().lockKey(session, Registry.handset(ph), type(t));
            return Response.OK;
        } catch (PolicyRefusal e) {
            return Response.refused("the SP-TSM's policy: " + e.getMessage());
        } catch (dev.inkan.se.apdu.StatusWordException e) {
            return Response.refused("LOCK KEY: " + hex(e.sw()));
        }
    }

    /**
     * InstallApplet through the SEI-TSM ({@code SeiTsm.installApplet}) in the open ISD session: its
     * policy reads the ARA-M first (ACC-1), then INSTALL and INSTALL [for extradition] as the
     * generated script has them.
     */
    private Response installApplet(PhoneSe phone) throws IOException {
        if (phone.isd == null) {
            return Response.refused("no ISD session on the host side");
        }
        HostWrapper isd = phone.isd;
        try {
            registry.seiTsm().installApplet(phone::contact, apdu -> PhoneSe.wrapped(phone.contactTransport(), isd, apdu),
                    PLAN);
        } catch (PolicyRefusal e) {
            return Response.refused("the SEI-TSM's policy: " + e.getMessage());
        } catch (dev.inkan.se.apdu.StatusWordException e) {
            return Response.refused("InstallApplet: " + hex(e.sw()));
        }
        phone.memo = new PhoneSe.Memo();
        return Response.OK;
    }

    /** What the SP asks the SEI-TSM for: the SP domain, the JPKI load file, module and instance, the app's hash. */
    private static final SeiTsm.Plan PLAN = new SeiTsm.Plan(PhoneSe.SP_SD, PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE,
            PhoneSe.JPKI_AID, new byte[] {0}, PhoneSe.JPKI_APP_HASH, PhoneSe.TRANSFER_KEYS);

    private Response perform(String machine, String event, int[] p, Action a, byte[] after) throws IOException {
        switch (machine) {
            case "SecureElement":
                return secureElement(event, p[0], a, after);
            case "AccessRules":
                return accessRules(event, p[0], a);
            case "ScpSession":
                return scpSession(event, p[0], p[1]);
            case "Omapi":
                return omapi(event, p[0]);
            case "JpkiApplet":
                return applet(event, p[0], a, after);
            case "Handset":
                return handset(event, p[0], a);
            default:
                // the JPKI service's events (CardCert, PhoneCert, PushToken, Deletion, PinResetGrant): the registry's part
                return Response.OK;
        }
    }

    /** What emitted events did to the phones: the app's channel closed, the platform's reset hook deleted the applet. */
    private void consequences(byte[] after) throws IOException {
        for (int ph = 0; ph < phones.length; ph++) {
            PhoneSe phone = phones[ph];
            if (view.omapiOpen(before, ph) && !view.omapiOpen(after, ph) && phone.channel != null) {
                phone.closeChannel();
                appletDirty[ph] = true;
            }
        }
    }

    // ----------------------------------------------------------------- the SEI-TSM (ISD keys)

    private Response secureElement(String event, int ph, Action a, byte[] after) throws IOException {
        PhoneSe phone = phones[ph];
        contentDirty[ph] = true;
        appletDirty[ph] = true;
        switch (event) {
            case "initializeUpdate":
                return isdInitializeUpdate(phone);
            case "externalAuthenticate":
                return isdExternalAuthenticate(phone, a.arg(0) != 0);
            case "install": {
                boolean sd = isGpObject(a.arg(0), "SpDomainObject");
                if (sd) {
                    return isd(phone, GpCommands.installForInstall(aid(dev.inkan.se.config.Defaults.SD_LOAD_FILE),
                            aid(dev.inkan.se.config.Defaults.SD_MODULE), PhoneSe.SP_SD,
                            Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true));
                }
                return installApplet(phone);
            }
            case "domainInitializeUpdate":
                return domainInitializeUpdate(phone, keysOf(view.spDomainKeys(before, ph)));
            case "domainExternalAuthenticate": {
                if (phone.handOverPending == null) {
                    return Response.refused("no INITIALIZE UPDATE to the SP domain before");
                }
                boolean ok = a.arg(0) != 0;
                int sw = PhoneSe.externalAuthenticate(phone.handOverTransport(), phone.handOverPending, ok);
                phone.handOver = ok && sw == 0x9000 ? phone.handOverPending.wrapper() : null;
                phone.handOverPending = null;
                return (ok ? sw == 0x9000 : sw == 0x6300) ? Response.OK
                        : Response.refused("EXTERNAL AUTHENTICATE to the SP domain (" + ok + "): " + hex(sw));
            }
            case "storeData":
                return handOver(phone, SpDomainCommands.storeData(0x80, 0, IDENTITY).apdu());
            case "putKey": {
                // the key set the session was opened with goes, encrypted under its DEK: creation -> transfer -> own
                StaticKeys old = keysOf(view.spDomainKeys(before, ph));
                StaticKeys next = old == PhoneSe.ISD_KEYS ? PhoneSe.TRANSFER_KEYS : PhoneSe.SP_KEYS;
                return handOver(phone, SpDomainCommands.putKey(old.kvn(), 0x81,
                        CardManagement.putKeyData(old.kvn(), next, old.dek())).apdu());
            }
            case "setStatus":
                return isd(phone, GpCommands.setStatus(0x40, 0x0F, PhoneSe.SP_SD));
            case "delete": {
                // the SE refuses to delete a selected applet or domain (6985): the app releases its channel, the
                // terminal's field goes and the hand-over channel closes first (see the README)
                phone.closeChannel();
                phone.fieldOff();
                boolean sd = isGpObject(a.arg(0), "SpDomainObject");
                if (sd) {
                    phone.closeHandOver();
                }
                Response r = isd(phone, GpCommands.delete(sd ? PhoneSe.SP_SD : PhoneSe.JPKI_AID, false));
                if (r.accepted()) {
                    phone.memo = new PhoneSe.Memo();
                }
                return r;
            }
            case "getStatus": {
                byte[] r = PhoneSe.wrapped(phone.contactTransport(), phone.isd, GpCommands.getStatus(0x40, new byte[0], false));
                int sw = Sw.of(r);
                return sw == 0x9000 || sw == 0x6310 ? Response.OK : Response.refused("GET STATUS: " + hex(sw));
            }
            default:
                return Response.refused("no mapping for SecureElement." + event);
        }
    }

    /** The SP domain's identity data (IIN) the SEI-TSM stores with STORE DATA. */
    private static final byte[] IDENTITY = Hex.decode("4203112233");

    /** The key set of each SpDomainKeys value. */
    private static StaticKeys keysOf(String spDomainKeys) {
        return switch (spDomainKeys) {
            case "CreationKeys" -> PhoneSe.ISD_KEYS;
            case "TransferKeys" -> PhoneSe.TRANSFER_KEYS;
            default -> PhoneSe.SP_KEYS;
        };
    }

    /** INITIALIZE UPDATE to the SP domain, selected afresh on the hand-over channel, with {@code keys}. */
    private Response domainInitializeUpdate(PhoneSe phone, StaticKeys keys) throws IOException {
        phone.handOver = null;
        phone.handOverPending = null;
        PhoneSe.Transport t = phone.handOverTransport();
        int sel = Sw.of(t.transmit(GpCommands.select(PhoneSe.SP_SD)));
        if (sel != 0x9000) {
            return Response.refused("SELECT SP domain: " + hex(sel));
        }
        Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
        int sw = PhoneSe.initializeUpdate(t, keys, h);
        phone.handOverPending = h[0];
        return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE to the SP domain: " + hex(sw));
    }

    /** A command in the session with the SP domain itself. */
    private Response handOver(PhoneSe phone, byte[] cmd) throws IOException {
        if (phone.handOver == null) {
            return Response.refused("no session with the SP domain on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.handOverTransport(), phone.handOver, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(Hex.encode(cmd).substring(0, 8) + ": " + hex(sw));
    }

    private Response isdInitializeUpdate(PhoneSe phone) throws IOException {
        phone.isd = null;
        phone.isdPending = null;
        int sel = Sw.of(phone.contact(GpCommands.select(PhoneSe.ISD)));
        if (sel != 0x9000) {
            return Response.refused("SELECT ISD: " + hex(sel));
        }
        Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
        int sw = PhoneSe.initializeUpdate(phone.contactTransport(), PhoneSe.ISD_KEYS, h);
        phone.isdPending = h[0];
        return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE: " + hex(sw));
    }

    private Response isdExternalAuthenticate(PhoneSe phone, boolean ok) throws IOException {
        if (phone.isdPending == null) {
            return Response.refused("no INITIALIZE UPDATE before");
        }
        int sw = PhoneSe.externalAuthenticate(phone.contactTransport(), phone.isdPending, ok);
        phone.isd = ok && sw == 0x9000 ? phone.isdPending.wrapper() : null;
        phone.isdPending = null;
        if (ok) {
            return sw == 0x9000 ? Response.OK : Response.refused("EXTERNAL AUTHENTICATE: " + hex(sw));
        }
        return sw == 0x6300 ? Response.OK : Response.refused("a wrong host cryptogram answered " + hex(sw));
    }

    private Response isd(PhoneSe phone, byte[] cmd) throws IOException {
        if (phone.isd == null) {
            return Response.refused("no ISD session on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(Hex.encode(cmd).substring(0, 8) + ": " + hex(sw));
    }

    private Response accessRules(String event, int ph, Action a) throws IOException {
        PhoneSe phone = phones[ph];
        contentDirty[ph] = true;
        switch (event) {
            case "initializeUpdate":
                return isdInitializeUpdate(phone);
            case "externalAuthenticate":
                return isdExternalAuthenticate(phone, a.arg(0) != 0);
            case "updateRules": {
                boolean store = view.info.events().get(a.event()).params().get(0).type().names().get(a.arg(0))
                        .equals("StoreRule");
                Response r = isd(phone, GpCommands.installForPersonalization(PhoneSe.ARA));
                if (!r.accepted()) {
                    return r;
                }
                List<byte[]> cmds = new ArrayList<>();
                if (store) {
                    // a new whitelist replaces the old one: delete what is there, store the rule
                    cmds.addAll(AraCommands.storeData(AraCommands.deleteAid(PhoneSe.JPKI_AID.bytes())));
                    r = isdAll(phone, cmds, true);
                    if (!r.accepted()) {
                        return r;
                    }
                    r = isd(phone, GpCommands.installForPersonalization(PhoneSe.ARA));
                    if (!r.accepted()) {
                        return r;
                    }
                    return isdAll(phone, AraCommands.storeData(AraCommands.storeRules(jpkiRule())), false);
                }
                return isdAll(phone, AraCommands.storeData(AraCommands.deleteAid(PhoneSe.JPKI_AID.bytes())), true);
            }
            case "readRules":
                return rules(phone) != null ? Response.OK : Response.refused("GET DATA of the rules failed");
            default:
                return Response.refused("no mapping for AccessRules." + event);
        }
    }

    private Response isdAll(PhoneSe phone, List<byte[]> cmds, boolean nothingToDeleteIsFine) throws IOException {
        for (byte[] c : cmds) {
            int sw = Sw.of(PhoneSe.wrapped(phone.contactTransport(), phone.isd, c));
            if (sw != 0x9000 && !(nothingToDeleteIsFine && sw == 0x6A88)) {
                return Response.refused("ARA STORE DATA: " + hex(sw));
            }
        }
        return Response.OK;
    }

    static AccessRule jpkiRule() {
        return AccessRule.of(PhoneSe.JPKI_AID.bytes(), PhoneSe.JPKI_APP_HASH, AccessRule.Access.ALWAYS, List.of(),
                AccessRule.Access.ALWAYS);
    }

    /** The ARA-M's rules as the access control enforcer reads them (GET DATA, no session), or null. */
    private List<AccessRule> rules(PhoneSe phone) throws IOException {
        return phone.onSpareChannel(PhoneSe.ARA, (t, sel) -> {
            if (sel != 0x9000) {
                return null;
            }
            byte[] r = t.transmit(AraCommands.getAll());
            if (Sw.of(r) != 0x9000) {
                return null;
            }
            try {
                Tlv all = Tlv.parseSingle(Sw.data(r));
                return AccessRule.parseAll(all.value());
            } catch (dev.inkan.se.tlv.TlvException ex) {
                return null;
            }
        });
    }

    private Response scpSession(String event, int ph, int keySet) throws IOException {
        PhoneSe phone = phones[ph];
        appletDirty[ph] = true;
        if (event.equals("close")) {
            if (keySet == view.issuerKeys) {
                // the platform ends the ISD session: the ISD is selected afresh on the basic channel
                phone.isd = null;
                phone.isdPending = null;
                int sw = Sw.of(phone.contact(GpCommands.select(PhoneSe.ISD)));
                return sw == 0x9000 ? Response.OK : Response.refused("SELECT ISD: " + hex(sw));
            }
            if (keySet == view.handOverKeys) {
                // the session with the SP domain itself ends with its logical channel
                contentDirty[ph] = true;
                phone.closeHandOver();
                return Response.OK;
            }
            // the SP session on the app's channel ends on the first command whose MAC fails
            if (phone.channel != null && (phone.sp != null || phone.spPending != null)) {
                // WIPE KEY has no Le: its last byte is the C-MAC's, and the MAC is checked before anything else
                boolean open = phone.sp != null;
                byte[] cmd = JpkiApCommands.wipeKey(CertType.AUTH).apdu();
                byte[] w = open ? phone.sp.wrap(cmd) : phone.spPending.wrapper().wrap(cmd);
                w[w.length - 1] ^= 0x01;
                int sw = Sw.of(phone.channel.transmit(w));
                phone.sp = null;
                phone.spPending = null;
                return (open ? sw == 0x6982 : sw != 0x9000) ? Response.OK
                        : Response.refused("a wrong MAC answered " + hex(sw));
            }
            phone.sp = null;
            phone.spPending = null;
            return Response.OK;
        }
        if (event.equals("unprotectedCommand")) {
            // a reader sends an issuance (SP) or content-management (ISD) command in plain CLA 80
            int sw;
            if (keySet == view.spKeys) {
                sw = phone.channel != null ? Sw.of(phone.nfc.transmit(JpkiApCommands.generateKey(CertType.AUTH).apdu()))
                        : Sw.of(phone.user(JpkiApCommands.generateKey(CertType.AUTH).apdu()));
            } else if (keySet == view.handOverKeys) {
                // a plain PUT KEY to the SP domain: SELECT refused while there is none, the command without a session
                contentDirty[ph] = true;
                sw = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> sel != 0x9000 ? sel : Sw.of(t.transmit(
                        GpCommands.putKeySet(0, PhoneSe.SP_KEYS, PhoneSe.SP_KEYS.dek()))));
            } else {
                contentDirty[ph] = true;
                sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> Sw.of(t.transmit(GpCommands.installForInstall(
                        PhoneSe.JPKI_LOAD_FILE, PhoneSe.JPKI_MODULE, PhoneSe.JPKI_AID, 0, new byte[] {0}, true))));
            }
            return sw != 0x9000 ? Response.OK : Response.refused("a plain command was accepted");
        }
        return Response.refused("no mapping for ScpSession." + event);
    }

    private Response omapi(String event, int ph) throws IOException {
        PhoneSe phone = phones[ph];
        appletDirty[ph] = true;
        switch (event) {
            case "openChannel":
                try {
                    phone.openChannel();
                    return Response.OK;
                } catch (SecurityException | java.util.NoSuchElementException e) {
                    return Response.refused("openLogicalChannel: " + e.getMessage());
                }
            case "closeChannel":
                phone.closeChannel();
                return Response.OK;
            case "rogueOpenChannel":
                return phone.refusesChannel(true) ? Response.OK : Response.refused("a rogue app got a channel");
            case "businessOpenChannel":
                return phone.refusesChannel(false) ? Response.OK : Response.refused("a business app got a channel");
            default:
                return Response.refused("no mapping for Omapi." + event);
        }
    }

    private Response handset(String event, int ph, Action a) throws IOException {
        if (event.equals("biometricUnlock") && a.arg(0) == view.auth && view.flag(before, view.handset, "biometric", ph)
                && view.pin(before, ph, view.auth).equals("Set")) {
            // the keystore releases the stored PIN to a VERIFY (UX-2)
            PhoneSe phone = phones[ph];
            appletDirty[ph] = true;
            selectEf(phone, pinFid(view.auth));
            int sw = Sw.of(phone.user(JpkiApCommands.verify(ascii(phone.memo.pin[view.auth])).apdu()));
            return sw == 0x9000 ? Response.OK : Response.refused("VERIFY with the released PIN: " + hex(sw));
        }
        if (event.equals("factoryReset") && a.arg(0) != 0 && !view.jpki(before, ph).equals("Absent")) {
            // the platform's reset hook has the ISD delete the JPKI instance (its own session)
            PhoneSe phone = phones[ph];
            phone.closeChannel();
            phone.fieldOff();
            appletDirty[ph] = true;
            contentDirty[ph] = true;
            int sw = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> {
                Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                PhoneSe.initializeUpdate(t, PhoneSe.ISD_KEYS, h);
                PhoneSe.externalAuthenticate(t, h[0], true);
                return Sw.of(PhoneSe.wrapped(t, h[0].wrapper(), GpCommands.delete(PhoneSe.JPKI_AID, false)));
            });
            phone.memo = new PhoneSe.Memo();
            return sw == 0x9000 ? Response.OK : Response.refused("the reset hook's DELETE: " + hex(sw));
        }
        // the phone app's own bookkeeping (install, connectivity, intents, enrolment): model only
        return Response.OK;
    }

    // ----------------------------------------------------------------- the applet

    private Response applet(String event, int ph, Action a, byte[] after) throws IOException {
        PhoneSe phone = phones[ph];
        appletDirty[ph] = true;
        switch (event) {
            case "selectAp":
                if (phone.channel != null) {
                    // over the app's channel a SELECT by name is not allowed: the app selects afresh by reopening
                    phone.closeChannel();
                    phone.openChannel();
                    return Response.OK;
                }
                phone.nfcSelected = false;
                return expect(phone.user(JpkiApCommands.selectAp().apdu()), "SELECT AP");
            case "selectFile":
                return expect(phone.user(JpkiApCommands.selectEf(fid(efFid(a.arg(0)))).apdu()), "SELECT EF");
            case "readBinary": {
                int sw = selectEf(phone, efFid(a.arg(0)));
                if (sw != 0x9000) {
                    return Response.refused("SELECT EF: " + hex(sw));
                }
                return expect(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}), "READ BINARY");
            }
            case "readStatus":
                return expect(phone.user(JpkiApCommands.readStatus().apdu()), "READ STATUS");
            case "verify":
                return verify(phone, ph, a.arg(0), a.arg(1), after);
            case "changePin": {
                int t = a.arg(0);
                selectEf(phone, pinFid(t));
                String next = nextPin(phone, t, true);
                Response r = expect(phone.user(JpkiApCommands.changeReferenceData(ascii(next)).apdu()),
                        "CHANGE REFERENCE DATA");
                if (r.accepted()) {
                    phone.memo.pin[t] = next;
                }
                return r;
            }
            case "sign":
                return sign(phone, ph, a.arg(0));
            case "initializeUpdate": {
                phone.sp = null;
                Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                int sw = PhoneSe.initializeUpdate(phone.channelTransport(), PhoneSe.SP_KEYS, h);
                phone.spPending = h[0];
                return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE: " + hex(sw));
            }
            case "externalAuthenticate": {
                if (phone.spPending == null) {
                    return Response.refused("no INITIALIZE UPDATE before");
                }
                boolean ok = a.arg(0) != 0;
                int sw = PhoneSe.externalAuthenticate(phone.channelTransport(), phone.spPending, ok);
                phone.sp = ok && sw == 0x9000 ? phone.spPending.wrapper() : null;
                phone.spPending = null;
                return (ok ? sw == 0x9000 : sw == 0x6300) ? Response.OK
                        : Response.refused("EXTERNAL AUTHENTICATE (" + ok + "): " + hex(sw));
            }
            case "generateKey": {
                int t = a.arg(0);
                Response r = sp(phone, JpkiApCommands.generateKey(type(t)).apdu(), "GENERATE KEY");
                if (!r.accepted()) {
                    return r;
                }
                // the SP-TSM reads the new public key in the same session, for the CA
                phone.memo.publicKey[t] = readPublicKey(phone, t);
                phone.memo.endEntity[t] = null;
                forgetFiles(phone.memo, t);
                return r;
            }
            case "readPublicKey": {
                int t = a.arg(0);
                RSAPublicKey k = readPublicKey(phone, t);
                return k != null && k.equals(phone.memo.publicKey[t]) ? Response.OK
                        : Response.refused("READ PUBLIC KEY gave another key than GENERATE KEY's");
            }
            case "storeCert":
                return storeCert(phone, a.arg(0), a.arg(1) != 0);
            case "setTempPin": {
                int t = a.arg(0);
                String temp = tempPin(t);
                Response r = sp(phone, JpkiApCommands.setTempPin(type(t), ascii(temp)).apdu(), "SET TEMPORARY PIN");
                if (r.accepted()) {
                    phone.memo.pin[t] = temp;
                }
                return r;
            }
            case "lockKey": {
                if (phone.sp == null) {
                    return Response.refused("LOCK KEY: no SP session on the host side");
                }
                HostWrapper sp = phone.sp;
                return lockKey(apdu -> PhoneSe.wrapped(phone.channelTransport(), sp, apdu), ph, a.arg(0));
            }
            case "wipeKey": {
                int t = a.arg(0);
                Response r = sp(phone, JpkiApCommands.wipeKey(type(t)).apdu(), "WIPE KEY");
                if (r.accepted()) {
                    phone.memo.pin[t] = null;
                    phone.memo.publicKey[t] = null;
                    phone.memo.endEntity[t] = null;
                    forgetFiles(phone.memo, t);
                }
                return r;
            }
            default:
                return Response.refused("no mapping for JpkiApplet." + event);
        }
    }

    private Response verify(PhoneSe phone, int ph, int t, int entry, byte[] after) throws IOException {
        List<String> entries = view.info.event("JpkiApplet", "verify").params().get(1).type().names();
        String kind = entries.get(entry);
        int sel = selectEf(phone, pinFid(t));
        if (sel != 0x9000) {
            return Response.refused("SELECT EF PIN: " + hex(sel));
        }
        byte[] value = switch (kind) {
            case "NoEntry" -> null;
            case "Correct" -> ascii(phone.memo.pin[t] == null ? (t == view.auth ? "1111" : "UNSET1") : phone.memo.pin[t]);
            default -> ascii(wrongPin(phone, t));
        };
        int sw = Sw.of(phone.user(JpkiApCommands.verify(value).apdu()));
        String pinAfter = view.pin(after, ph, t);
        boolean ok = switch (kind) {
            case "NoEntry" -> (sw & 0xFFF0) == 0x63C0;
            case "Correct" -> pinAfter.equals("Unset") ? sw == 0x6984 : pinAfter.equals("Blocked") ? sw == 0x6983
                    : sw == 0x9000;
            default -> pinAfter.equals("Unset") ? sw == 0x6984 : (sw & 0xFFF0) == 0x63C0 || sw == 0x6983;
        };
        return ok ? Response.OK : Response.refused("VERIFY " + kind + " of a PIN the model has " + pinAfter + ": "
                + hex(sw));
    }

    private Response sign(PhoneSe phone, int ph, int t) throws IOException {
        int sel = selectEf(phone, keyFid(t));
        if (sel != 0x9000) {
            return Response.refused("SELECT EF key: " + hex(sel));
        }
        byte[] digestInfo = digestInfo();
        byte[] r = phone.user(JpkiApCommands.computeDigitalSignature(digestInfo).apdu());
        if (Sw.of(r) != 0x9000) {
            return Response.refused("COMPUTE DIGITAL SIGNATURE: " + hex(Sw.of(r)));
        }
        try {
            Signature v = Signature.getInstance("NONEwithRSA");
            v.initVerify(phone.memo.publicKey[t]);
            v.update(digestInfo);
            if (!v.verify(Sw.data(r))) {
                return Response.refused("the signature does not verify with the slot's public key");
            }
            if (phone.memo.endEntity[t] != null) {
                // handed to a relying party with the slot's certificate (Signature.accept / reject)
                registry.signed(ph, t, SIGNED_TEXT, Sw.data(r), phone.memo.endEntity[t]);
            }
            return Response.OK;
        } catch (GeneralSecurityException e) {
            return Response.refused("signature check: " + e);
        }
    }

    private Response storeCert(PhoneSe phone, int f, boolean last) throws IOException {
        PhoneSe.Memo m = phone.memo;
        byte[] der = derFor(phone, f);
        int block = m.nextBlock[f];
        if (m.blockSource[f] != null && !java.util.Arrays.equals(m.blockSource[f], der)) {
            // the blocks sent so far were of another certificate (before the CA issued this one): over from block 0
            block = 0;
        }
        int blocks = (der.length + 223) / 224;
        if (!last && block >= blocks - 1) {
            // no block before the last one left: the SP-TSM sends the certificate over from block 0
            block = 0;
        }
        if (!last) {
            byte[] chunk = java.util.Arrays.copyOfRange(der, block * 224, block * 224 + 224);
            Response r = sp(phone, JpkiApCommands.storeCert(file(f), block, chunk).apdu(), "STORE CERTIFICATE");
            if (r.accepted()) {
                m.nextBlock[f] = block + 1;
                m.blockSource[f] = der;
                m.complete[f] = false;
            }
            return r;
        }
        for (int b = block; b < blocks; b++) {
            int from = b * 224;
            byte[] chunk = java.util.Arrays.copyOfRange(der, from, Math.min(der.length, from + 224));
            boolean end = b == blocks - 1;
            Response r = sp(phone, JpkiApCommands.storeCert(file(f), b | (end ? 0x80 : 0), chunk).apdu(),
                    "STORE CERTIFICATE block " + b);
            if (!r.accepted()) {
                return r;
            }
        }
        m.nextBlock[f] = 0;
        m.blockSource[f] = null;
        m.complete[f] = true;
        return Response.OK;
    }

    /** GENERATE KEY and WIPE KEY erase both certificate EFs of the slot. */
    private void forgetFiles(PhoneSe.Memo m, int t) {
        for (boolean ca : new boolean[] {true, false}) {
            int f = fileIndex(t, ca);
            m.nextBlock[f] = 0;
            m.blockSource[f] = null;
            m.complete[f] = false;
        }
    }

    /** The certificate a STORE CERTIFICATE of EF {@code f} carries: the CA's, or the slot's own once issued. */
    private byte[] derFor(PhoneSe phone, int f) {
        int t = certOf(f);
        if (!isEndEntity(f) || phone.memo.endEntity[t] == null) {
            // blocks of an end-entity certificate not issued yet: any DER of that size class goes
            return environment().caDer.get(t);
        }
        return phone.memo.endEntity[t];
    }

    private Response sp(PhoneSe phone, byte[] cmd, String what) throws IOException {
        if (phone.sp == null) {
            return Response.refused(what + ": no SP session on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.channelTransport(), phone.sp, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(what + ": " + hex(sw));
    }

    private RSAPublicKey readPublicKey(PhoneSe phone, int t) throws IOException {
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        for (int block = 0; block < 3; block++) {
            byte[] r = PhoneSe.wrapped(phone.channelTransport(), phone.sp, JpkiApCommands.readPublicKey(block, type(t)).apdu());
            if (Sw.of(r) != 0x9000) {
                return null;
            }
            der.writeBytes(Sw.data(r));
        }
        try {
            PublicKey k = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der.toByteArray()));
            return (RSAPublicKey) k;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Response expect(byte[] r, String what) {
        return Sw.of(r) == 0x9000 ? Response.OK : Response.refused(what + ": " + hex(Sw.of(r)));
    }

    private static int selectEf(PhoneSe phone, int fid) throws IOException {
        return Sw.of(phone.user(JpkiApCommands.selectEf(fid(fid)).apdu()));
    }

    // ================================================================= observation

    @Override
    public Map<String, String> observe() {
        if (stepBefore != null) {
            registry.observe(facts, stepBefore, stepAfter, FULL_REGISTRY_READS);
            stepBefore = null;
        }
        for (int ph = 0; ph < phones.length; ph++) {
            try {
                if (contentDirty[ph]) {
                    observeContent(ph);
                    contentDirty[ph] = false;
                }
                if (appletDirty[ph]) {
                    observeApplet(ph);
                    appletDirty[ph] = false;
                }
            } catch (IOException e) {
                facts.put("JpkiApplet(" + phoneName(ph) + ")", "unreadable: " + e);
            }
        }
        return facts;
    }

    private String phoneName(int ph) {
        String n = ModelText.instance(view.model, view.jpki, view.model.instanceOf(view.jpki, ph));
        return n.substring(n.indexOf('(') + 1, n.length() - 1);
    }

    private String name(int machine, int... params) {
        return ModelText.instance(view.model, machine, view.model.instanceOf(machine, params));
    }

    /** Applet state, key slots, PINs and their tries, CA certificates: READ STATUS, empty VERIFY, READ BINARY. */
    private void observeApplet(int ph) throws IOException {
        PhoneSe phone = phones[ph];
        byte[] r = phone.user(JpkiApCommands.readStatus().apdu());
        List<String> appletStates = view.info.machines().get(view.jpki).states();
        List<String> slotStates = view.info.machines().get(view.keySlot).states();
        List<String> pinStates = view.info.machines().get(view.pin).states();
        String jpki = name(view.jpki, ph);
        if (Sw.of(r) == 0x6A82 || Sw.of(r) == 0x6999) {
            facts.put(jpki, "Absent");
            for (int t = 0; t < 2; t++) {
                facts.put(name(view.keySlot, ph, t), "Empty");
                facts.put(name(view.pin, ph, t), "Unset");
                facts.put(name(view.pin, ph, t) + ".tries", "0");
                facts.put(name(view.keySlot, ph, t) + ".caStored", "false");
            }
            return;
        }
        if (Sw.of(r) != 0x9000 || Sw.data(r).length != 5) {
            facts.put(jpki, "READ STATUS answered " + Hex.encode(r));
            return;
        }
        byte[] st = Sw.data(r);
        facts.put(jpki, at(appletStates, st[0]));
        int[] slotByte = {1, 3};
        int[] pinByte = {2, 4};
        for (int t = 0; t < 2; t++) {
            int code = t == view.auth ? 0 : 1;
            facts.put(name(view.keySlot, ph, t), at(slotStates, st[slotByte[code]]));
            facts.put(name(view.pin, ph, t), at(pinStates, st[pinByte[code]]));
            selectEf(phone, pinFid(t));
            int sw = Sw.of(phone.user(JpkiApCommands.verify(null).apdu()));
            facts.put(name(view.pin, ph, t) + ".tries", (sw & 0xFFF0) == 0x63C0 ? Integer.toString(sw & 0x0F)
                    : "VERIFY answered " + hex(sw));
            // the CA certificate reads only once the slot is certified (6985 before): unobservable while Generated
            String caFact = name(view.keySlot, ph, t) + ".caStored";
            if (st[slotByte[code]] == 1) {
                facts.remove(caFact);
            } else {
                selectEf(phone, t == view.auth ? 0x000B : 0x0002);
                int ca = Sw.of(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}));
                facts.put(caFact, Boolean.toString(ca == 0x9000));
            }
        }
    }

    /**
     * The SP domain's life cycle and the JPKI instance (GET STATUS with the ISD keys), whether the
     * SP-TSM's keys open the SP domain, and the JPKI rule in the ARA-M (GET DATA) - on logical
     * channels of their own, so the basic channel's session is untouched.
     */
    private void observeContent(int ph) throws IOException {
        PhoneSe phone = phones[ph];
        List<byte[]> entries = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> {
            Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
            if (PhoneSe.initializeUpdate(t, PhoneSe.ISD_KEYS, h) != 0x9000
                    || PhoneSe.externalAuthenticate(t, h[0], true) != 0x9000) {
                return null;
            }
            byte[] r = PhoneSe.wrapped(t, h[0].wrapper(), GpCommands.getStatus(0x40, new byte[0], false));
            List<byte[]> out = new ArrayList<>();
            if (Sw.of(r) != 0x9000 && Sw.of(r) != 0x6310) {
                return out;
            }
            try {
                for (Tlv e3 : Tlv.parseAll(Sw.data(r), 0, Sw.data(r).length)) {
                    out.add(e3.encode());
                }
            } catch (dev.inkan.se.tlv.TlvException e) {
                return null;
            }
            return out;
        });
        String se = name(view.secureElement, ph);
        if (entries == null) {
            facts.put(se, "GET STATUS failed");
            return;
        }
        Integer sdLifeCycle = null;
        for (byte[] e : entries) {
            try {
                Tlv e3 = Tlv.parseSingle(e);
                byte[] aid = null;
                Integer lc = null;
                for (Tlv x : e3.children()) {
                    if (x.tag() == 0x4F) {
                        aid = x.value();
                    } else if (x.tag() == 0x9F70) {
                        lc = x.value()[0] & 0xFF;
                    }
                }
                if (aid != null && java.util.Arrays.equals(aid, PhoneSe.SP_SD.bytes())) {
                    sdLifeCycle = lc;
                }
            } catch (dev.inkan.se.tlv.TlvException ex) {
                facts.put(se, "GET STATUS entry unreadable");
            }
        }
        facts.put(se, sdLifeCycle == null ? "NoSpDomain" : (sdLifeCycle & 0x0F) == 0x0F ? "SpDomainPersonalized"
                : "SpDomainInstalled");
        facts.put(se + ".spKeys", sdLifeCycle == null ? "CreationKeys" : spDomainKeys(phone));

        List<AccessRule> rules = rules(phone);
        boolean jpkiRule = rules != null && rules.stream().anyMatch(x -> x.aid() != null
                && java.util.Arrays.equals(x.aid(), PhoneSe.JPKI_AID.bytes()));
        facts.put(name(view.accessRules, ph), rules == null ? "ARA-M unreadable" : jpkiRule ? "RuleStored" : "NoRule");
    }

    /** Which key set opens the SP domain (INITIALIZE UPDATE on a logical channel, card cryptogram checked). */
    private static String spDomainKeys(PhoneSe phone) throws IOException {
        for (String holder : List.of("OwnKeys", "TransferKeys", "CreationKeys")) {
            StaticKeys keys = keysOf(holder);
            boolean opens = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> {
                if (sel != 0x9000) {
                    return false;
                }
                try {
                    Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                    return PhoneSe.initializeUpdate(t, keys, h) == 0x9000;
                } catch (SecurityException x) {
                    return false;
                }
            });
            if (opens) {
                return holder;
            }
        }
        return "no key set the TSMs know";
    }

    private static String at(List<String> states, byte code) {
        return code >= 0 && code < states.size() ? states.get(code) : "code " + code;
    }

    // ================================================================= values

    private static final String[] AUTH_PINS = {"1234", "5678"};
    private static final String[] SIGN_PINS = {"PASSWORD1", "PASSWORD2"};

    private String nextPin(PhoneSe phone, int t, boolean advance) {
        int n = phone.memo.pinCounter[t] + 1;
        if (advance) {
            phone.memo.pinCounter[t] = n;
        }
        return (t == view.auth ? AUTH_PINS : SIGN_PINS)[n % 2];
    }

    private String tempPin(int t) {
        return t == view.auth ? "0000" : "TEMP00";
    }

    private String wrongPin(PhoneSe phone, int t) {
        String current = phone.memo.pin[t];
        String w = t == view.auth ? "9999" : "WRONG9";
        return w.equals(current) ? (t == view.auth ? "9998" : "WRONG8") : w;
    }

    private CertType type(int t) {
        return t == view.auth ? CertType.AUTH : CertType.SIGN;
    }

    /** CertFile argument values in the spec's order: SignCertFile, SignCaFile, AuthCertFile, AuthCaFile. */
    private String certFileName(int f) {
        return view.info.event("JpkiApplet", "storeCert").params().get(0).type().names().get(f);
    }

    private int certOf(int f) {
        String n = certFileName(f);
        return n.startsWith("Auth") ? view.auth : view.sign;
    }

    private boolean isEndEntity(int f) {
        return certFileName(f).endsWith("CertFile");
    }

    private CertFile file(int f) {
        return switch (certFileName(f)) {
            case "SignCertFile" -> CertFile.SIGN_CERT_FILE;
            case "SignCaFile" -> CertFile.SIGN_CA_FILE;
            case "AuthCertFile" -> CertFile.AUTH_CERT_FILE;
            default -> CertFile.AUTH_CA_FILE;
        };
    }

    /** The CertFile value index of a slot's end-entity or CA file. */
    private int fileIndex(int t, boolean ca) {
        String want = (t == view.auth ? "Auth" : "Sign") + (ca ? "CaFile" : "CertFile");
        return view.info.event("JpkiApplet", "storeCert").params().get(0).type().names().indexOf(want);
    }

    private boolean isGpObject(int v, String name) {
        return view.info.event("SecureElement", "install").params().get(0).type().names().get(v).equals(name);
    }

    private int pinFid(int t) {
        return t == view.auth ? 0x0018 : 0x001B;
    }

    private int keyFid(int t) {
        return t == view.auth ? 0x0017 : 0x001A;
    }

    /** FID of an Ef value (its code is the low byte). */
    private int efFid(int ef) {
        String n = view.info.event("JpkiApplet", "readBinary").params().get(0).type().names().get(ef);
        return switch (n) {
            case "TokenInfoEf" -> 0x0006;
            case "SignCertEf" -> 0x0001;
            case "SignCaEf" -> 0x0002;
            case "AuthCertEf" -> 0x000A;
            case "AuthCaEf" -> 0x000B;
            case "AuthKeyEf" -> 0x0017;
            case "AuthPinEf" -> 0x0018;
            case "SignKeyEf" -> 0x001A;
            default -> 0x001B;
        };
    }

    private static byte[] fid(int fid) {
        return new byte[] {(byte) (fid >> 8), (byte) fid};
    }

    private static dev.inkan.se.util.Aid aid(String hex) {
        return dev.inkan.se.util.Aid.of(hex);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(int sw) {
        return String.format("%04X", sw);
    }

    /** What the applet signs (as the SHA-256 DigestInfo) and relying parties verify. */
    private static final byte[] SIGNED_TEXT = "inkan".getBytes(StandardCharsets.UTF_8);

    private static byte[] digestInfo() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(SIGNED_TEXT);
            byte[] prefix = Hex.decode("3031300D060960864801650304020105000420");
            byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + h.length);
            System.arraycopy(h, 0, out, prefix.length, h.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
