package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.phone.app.AppFaults;
import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.StepObserver;
import dev.inkan.tsm.jpki.Faults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The system under test in process: one simulated GP secure element per phone of the model
 * (jcardsim, the {@code se} module) with the real JPKI applet ({@code applet}), reached the way
 * the real actors reach it: the SEI-TSM through SCP03 with the ISD's keys on the contact
 * interface, the SP-TSM and the JPKI app through the app's OMAPI logical channel (access control
 * enforcer, SCP03 with the SP domain's keys), terminals and the shop over the contactless face,
 * rogue and business apps through OMAPI with their own certificate hashes; and the JPKI service of
 * {@code tsm-reference} ({@link Registry}: registry on H2, its CA, the push gateway double, the
 * relying party, the TSMs' policies). RSA-2048 keys are generated in the applet; nothing is faked.
 *
 * <p>This class is the {@link Implementation}: the life cycle of the phones and the registry
 * (reset, starts restored from {@link Fixtures}: SE snapshots and the registry's rows), and the routing of each step to the actor group
 * that plays it: {@link IssuerEvents} (the SEI-TSM), {@link AppletEvents} (the SP-TSM, the app and
 * the user at the applet), {@link PlatformEvents} (OMAPI, sessions, the handset), the registry's
 * part ({@link Registry}); {@link Probes} for refusals, {@link Observer} for the facts compared.
 *
 * <p>Events without an implementation counterpart yet (the phone app's own decisions: intents,
 * biometric enrolment) change the model only; see the README's mapping table.
 */
public final class JcardsimSystem implements Implementation {
    public static final String NAME = "jcardsim";

    private final String variant;
    private final ClassLoader appletLoader;
    private final boolean misidentifiedCallers;
    private final Faults registryFaults;
    private final AppFaults appFaults;
    /** Per model: the shared state and the parts that map, probe and observe (made again when the model changes). */
    private Rig rig;
    private IssuerEvents issuer;
    private AppletEvents applet;
    private PlatformEvents platform;
    private Probes probes;
    private Observer observer;

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
        this(variant, appletLoader, misidentifiedCallers, registryFaults, AppFaults.NONE);
    }

    /** With the JPKI app's fault seams ({@code phone}'s {@code AppFaults}) switched on by a test. */
    public JcardsimSystem(String variant, ClassLoader appletLoader, boolean misidentifiedCallers, Faults registryFaults,
                          AppFaults appFaults) {
        this.appFaults = appFaults;
        this.variant = variant;
        this.appletLoader = appletLoader;
        this.misidentifiedCallers = misidentifiedCallers;
        this.registryFaults = registryFaults;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ================================================================= lifecycle

    @Override
    public void reset(Model model) {
        if (rig == null || rig.view.model != model) {
            if (rig != null && rig.registry != null) {
                rig.registry.close();
            }
            closePhones();
            PhoneSe[] none = new PhoneSe[0];
            rig = new Rig(model, appFaults);
            rig.phones = none;
            issuer = new IssuerEvents(rig);
            applet = new AppletEvents(rig);
            platform = new PlatformEvents(rig);
            probes = new Probes(rig, applet, issuer);
            observer = new Observer(rig);
        }
        ModelView view = rig.view;
        closePhones();
        rig.phones = new PhoneSe[view.phones];
        rig.appletDirty = new boolean[view.phones];
        rig.contentDirty = new boolean[view.phones];
        for (int ph = 0; ph < view.phones; ph++) {
            rig.phones[ph] = PhoneSe.start(appletLoader, misidentifiedCallers);
            rig.appletDirty[ph] = true;
            rig.contentDirty[ph] = true;
        }
        if (rig.registry == null) {
            Environment env = Environment.get();
            rig.registry = new Registry(view, env.ca, env::cardKey, registryFaults, appFaults);
        }
        rig.registry.reset();
        rig.before = model.initialState();
        observer.stepBefore = null;
        observer.facts.clear();
    }

    /**
     * A prefix this adapter ran for real before, every step compared with the model: the phones
     * come back from their snapshots ({@code SecureElement.restore}: the same persistent state,
     * registry, keys, counters and applet objects; transient state cleared as after a power
     * cycle, which is also the model's state there: no channel, no session, no PIN verified).
     */
    @Override
    public boolean restore(Model model, List<Action> prefix) {
        Fixtures.Fixture f = Fixtures.get(Fixtures.key(variant, model, prefix));
        if (f == null) {
            return false;
        }
        closePhones();
        PhoneSe[] phones = rig.phones;
        for (int ph = 0; ph < phones.length; ph++) {
            phones[ph] = PhoneSe.restore(appletLoader, misidentifiedCallers, f.images()[ph], f.memos()[ph]);
            // the same persistent state as at the end of the real run, whose observation is kept
            rig.appletDirty[ph] = false;
            rig.contentDirty[ph] = false;
        }
        // the registry's rows come back from their snapshot; the push gateway double's part of the prefix runs again
        Registry registry = rig.registry;
        List<Runnable> gateway = new ArrayList<>();
        byte[] s = model.initialState();
        for (Action a : prefix) {
            byte[] b = s.clone();
            model.step(s, a, StepObserver.NONE);
            ModelInfo.Event e = rig.view.info.events().get(a.event());
            Runnable g = registry.gateway(rig.view.info.machines().get(e.machine()).name(), e.name(),
                    model.instanceParams(e.machine(), a.instance()), b);
            if (g != null) {
                gateway.add(g);
            }
        }
        registry.restore(f.registry(), gateway);
        rig.before = f.modelState().clone();
        observer.stepBefore = model.initialState();
        observer.stepAfter = rig.before.clone();
        observer.facts.clear();
        observer.facts.putAll(f.seFacts());
        return true;
    }

    @Override
    public void remember(Model model, List<Action> prefix) {
        if (Fixtures.full() || prefix.isEmpty()) {
            return;
        }
        // only where the model has nothing transient either: no channel, no session, no PIN verified
        ModelView view = rig.view;
        byte[] before = rig.before;
        PhoneSe[] phones = rig.phones;
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
        Arrays.fill(rig.appletDirty, true);
        Arrays.fill(rig.contentDirty, true);
        observer.facts.clear();
        observe();
        Fixtures.put(Fixtures.key(variant, model, prefix), new Fixtures.Fixture(images, memos, before.clone(),
                Map.copyOf(observer.facts), rig.registry.snapshot()));
    }

    /** Snapshot of a phone's SE (tests prove a restored fixture equal to the run it came from). */
    public String snapshot(int phone) {
        return rig.phones[phone].se.snapshot();
    }

    private void closePhones() {
        if (rig == null) {
            return;
        }
        for (PhoneSe p : rig.phones) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Override
    public void close() {
        if (rig == null) {
            return;
        }
        closePhones();
        rig.phones = new PhoneSe[0];
        if (rig.registry != null) {
            rig.registry.close();
            rig.registry = null;
        }
    }

    // ================================================================= actions

    @Override
    public Response apply(Model model, Action action, byte[] after) {
        ModelInfo.Event e = rig.view.info.events().get(action.event());
        String machine = rig.view.info.machines().get(e.machine()).name();
        int[] params = model.instanceParams(e.machine(), action.instance());
        try {
            Response r = perform(machine, e.name(), params, action, after);
            platform.consequences(after);
            if (r.accepted()) {
                r = rig.registry.perform(machine, e.name(), params, action, rig.before, after, ph -> rig.phones[ph].memo);
            }
            observer.stepBefore = rig.before.clone();
            observer.stepAfter = after.clone();
            return r;
        } catch (IOException | RuntimeException ex) {
            return Response.refused(ModelText.action(model, action) + " threw " + ex);
        } finally {
            rig.before = after.clone();
        }
    }

    private Response perform(String machine, String event, int[] p, Action a, byte[] after) throws IOException {
        switch (machine) {
            case "SecureElement":
                return issuer.secureElement(event, p[0], a, after);
            case "AccessRules":
                return issuer.accessRules(event, p[0], a);
            case "ScpSession":
                return platform.scpSession(event, p[0], p[1]);
            case "Omapi":
                return platform.omapi(event, p[0]);
            case "JpkiApplet":
                return applet.applet(event, p[0], a, after);
            case "Handset":
                return platform.handset(event, p[0], a);
            default:
                // the JPKI service's events (CardCert, PhoneCert, PushToken, Deletion, PinResetGrant): the registry's part
                return Response.OK;
        }
    }

    /** What the implementation must refuse: the model's refusal is a check the SE, the applet, a TSM or the registry makes. */
    @Override
    public boolean probes(Model model, Action action, byte[] s) {
        return probes.probes(model, action, s);
    }

    @Override
    public Response probe(Model model, Action action, byte[] s) {
        return probes.probe(model, action, s);
    }

    // ================================================================= observation

    @Override
    public Map<String, String> observe() {
        return observer.observe();
    }
}
