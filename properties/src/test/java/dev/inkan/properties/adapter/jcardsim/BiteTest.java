package dev.inkan.properties.adapter.jcardsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.phone.app.AppFaults;
import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.chain.ChainConfig;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.Failure;
import dev.inkan.properties.chain.RandomChains;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.inkan.tsm.jpki.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Proof that the suite bites (issue 5): for each invariant and monitor an implementation fault
 * can break, a deliberate fault is switched on through a test-only seam (a mutated applet class
 * defined by {@link AppletFault}'s loader, or a platform fault injected into the adapter), and
 * seeded random chains on the full system, every property checked and every step compared, must
 * find a violation and shrink it to at most 10 steps (the start prefix, a protocol of the spec
 * the chain begins from, counted as one step). A report table goes to
 * {@code target/inkan-bites.md}.
 */
class BiteTest {
    static final int MAX_SHRUNK = 10;
    /** Share of steps that probe a refusal. */
    static final double PROBES = 0.3;
    /** Weight of the events in a fault's area (the spec's weights are 1 to 5). */
    static final int HOT = 50;
    private static final List<String> ROWS = new ArrayList<>();

    /** Which start, which fault, which weights: one row of the report. */
    record Bite(String property, String fault, String start, Supplier<? extends Implementation> impl, Map<String, Integer> weights) {
    }

    static Map<String, Integer> weights(Object... kv) {
        Map<String, Integer> w = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            w.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return w;
    }

    static JcardsimSystem faulty(AppletFault f) {
        return new JcardsimSystem(f.name(), f.loader());
    }

    /** The starts: protocols of the spec, cut where the fault's area begins, the app's channel closed. */
    static List<Action> start(Model model, String name) {
        return switch (name) {
            case "FirstUse" -> SystemSpec.firstUse(model);
            // the SEI-TSM prepared the SE: SP domain taken over by the SP-TSM, ARA rule, applet installed (26 events)
            case "FirstUse[prepared]" -> SystemSpec.prefix(model, "FirstUse", "as written", 26);
            // the SP domain personalized (SET STATUS under the ISD session, which stays open), no ARA rule, no applet
            case "FirstUse[personalized]" -> {
                List<Action> all = SystemSpec.firstUse(model);
                int at = 0;
                while (!ModelText.action(model, all.get(at)).equals("SecureElement(phone1).setStatus")) {
                    at++;
                }
                yield new ArrayList<>(all.subList(0, at + 1));
            }
            // keys generated and certified by the CA, certificates not stored (39 events), channel closed
            case "FirstUse[certified]" -> closing(model, SystemSpec.prefix(model, "FirstUse", "as written", 39));
            // certificates stored, no PIN yet (43 events), channel closed
            case "FirstUse[stored]" -> closing(model, SystemSpec.prefix(model, "FirstUse", "as written", 43));
            // phone1 in use, phone2 prepared, person1 applied on phone2 and its keys generated there (HandsetChange
            // up to the public keys, 11 events), phone2's channel closed
            case "HandsetChange[keys]" -> {
                List<Action> c = new ArrayList<>(SystemSpec.firstUse(model));
                c = then(model, c, "AppletPreparation", "as written", -1);
                c = then(model, c, "HandsetChange", "as written", 11);
                c.add(ModelText.parseAction(model, "Omapi(phone2).closeChannel"));
                yield c;
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code chain} followed by a protocol's events (cut after {@code events}), for its first binding that replays there. */
    static List<Action> then(Model model, List<Action> chain, String protocol, String label, int events) {
        byte[] state = model.initialState();
        for (Action a : chain) {
            model.step(state, a, dev.inkan.runtime.model.StepObserver.NONE);
        }
        dev.inkan.properties.protocol.ProtocolSequence seq = dev.inkan.generated.suites.ProtocolCatalog.sequences()
                .stream().filter(x -> x.protocol().equals(protocol) && x.label().equals(label)).findFirst().orElseThrow();
        List<List<Action>> replays = new dev.inkan.properties.protocol.ProtocolReplayer(model,
                events < 0 ? seq.events() : seq.events().subList(0, events)).replays(state);
        List<Action> out = new ArrayList<>(chain);
        out.addAll(replays.get(0));
        return out;
    }

    static JcardsimSystem faulty(Faults.Fault f, Faults.Fault... more) {
        Faults faults = Faults.of(f, more);
        return new JcardsimSystem("registry-" + String.join("-", faults.active().stream().map(Enum::name).toList()),
                null, false, faults);
    }

    private static List<Action> closing(Model model, List<Action> prefix) {
        List<Action> out = new ArrayList<>(prefix);
        out.add(ModelText.parseAction(model, "Omapi(phone1).closeChannel"));
        return out;
    }

    /**
     * The control: each fault's start and weights on the real applet and platform find nothing,
     * so what the bites find is the fault, not the adapter or the profile.
     */
    @Test
    void withoutTheFaultsTheSameProfilesPass() {
        for (java.lang.reflect.Method m : BiteTest.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) && !m.getName().equals("withoutTheFaultsTheSameProfilesPass")
                    && !m.getName().equals("everyInvariantAndMonitorOfTheSpecHasABite")) {
                control = true;
                try {
                    m.invoke(this);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(m.getName() + " without its fault: " + e.getCause(), e.getCause());
                } finally {
                    control = false;
                }
            }
        }
    }

    private boolean control;

    /** Each invariant and monitor of the spec has its bite here: a test method named after it. */
    @Test
    void everyInvariantAndMonitorOfTheSpecHasABite() {
        Model model = SystemSpec.model();
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : BiteTest.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                methods.add(m.getName());
            }
        }
        List<String> properties = new ArrayList<>();
        model.info().invariants().forEach(i -> properties.add(i.name()));
        model.info().monitors().forEach(m -> properties.add(m.name()));
        List<String> missing = properties.stream()
                .filter(p -> !methods.contains(Character.toLowerCase(p.charAt(0)) + p.substring(1))).toList();
        assertTrue(missing.isEmpty(), () -> "no bite for " + missing);
        assertEquals(27, properties.size(), "the spec's invariants and monitors");
    }

    void bite(Bite b) {
        if (control) {
            Model model = SystemSpec.model();
            ChainConfig config = ChainConfig.fromSystemProperties("Control." + b.property()).withTries(60).withLength(30);
            for (Map.Entry<String, Integer> w : b.weights().entrySet()) {
                config = config.withWeight(w.getKey(), w.getValue());
            }
            RandomChains.Result r;
            try (JcardsimSystem impl = new JcardsimSystem()) {
                r = new RandomChains(model, impl, Checks.all(model.info()), config, null,
                        List.of(start(model, b.start()))).alwaysStart().probes(PROBES).run();
            }
            assertTrue(r.passed(), () -> b.property() + "'s profile fails without the fault: " + r.failure().property()
                    + ": " + r.failure().violation().message() + "\n" + TracePrinter.print(model, r.failure().shrunk(), -1));
            System.out.printf("control %s: %d chains, %d steps, no failure%n", b.property(), r.chains(), r.steps());
            return;
        }
        Model model = SystemSpec.model();
        List<Action> start = start(model, b.start());
        ChainConfig config = ChainConfig.fromSystemProperties("Bite." + b.property() + "." + b.fault());
        if (System.getProperty("inkan.tries") == null) {
            config = config.withTries(200);
        }
        if (System.getProperty("inkan.length") == null) {
            config = config.withLength(30);
        }
        config = config.withBudgetMillis(Math.max(config.budgetMillis(), 120_000));
        for (Map.Entry<String, Integer> w : b.weights().entrySet()) {
            config = config.withWeight(w.getKey(), w.getValue());
        }
        long t0 = System.nanoTime();
        RandomChains.Result r;
        try (Implementation impl = b.impl().get()) {
            r = new RandomChains(model, impl, Checks.all(model.info()), config, null, List.of(start)).alwaysStart()
                    .probes(PROBES).run();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Failure f = r.failure();
        assertNotNull(f, () -> b.property() + ": fault " + b.fault() + " went unnoticed in " + r.chains() + " chains ("
                + r.steps() + " steps)");
        List<Action> suffix = f.shrunk().subList(f.prefix(), f.shrunk().size());
        String trace = TracePrinter.print(model, f.shrunk(), -1);
        System.out.printf("%s, fault %s: found as %s after %d chains, %d steps, shrunk to %d steps (%s + %d): %s%n%s%n",
                b.property(), b.fault(), f.property(), f.chainIndex() + 1, f.stepsToFind(), f.shrunkSteps(), b.start(),
                suffix.size(), f.violation().message(), trace);
        List<String> steps = new ArrayList<>();
        for (Action a : suffix) {
            steps.add(ModelText.action(model, a));
        }
        synchronized (ROWS) {
            ROWS.add(String.format("| %s | %s | %s | %d | %d | %d (%s + %s) | %.1f s find, %.1f s shrink (%.1f s in all) |",
                    b.property(), b.fault(), f.property(), f.chainIndex() + 1, f.stepsToFind(), f.shrunkSteps(),
                    b.start(), String.join(", ", steps), f.nanosToFind() / 1e9, f.nanosToShrink() / 1e9, seconds));
        }
        assertTrue(f.violation().step() >= f.prefix(), () -> b.property() + ": the fault already breaks the start "
                + b.start() + " at its step " + (f.violation().step() + 1) + ": choose an earlier start\n" + trace);
        assertTrue(f.prefix() > 0 && f.shrunkSteps() <= MAX_SHRUNK, () -> b.property() + ": shrunk to "
                + f.shrunkSteps() + " steps (start kept: " + f.prefix() + " actions)\n" + trace);
    }

    @AfterAll
    static void report() throws IOException {
        Path dir = Path.of(System.getProperty("inkan.failures.dir", "target/inkan-failures")).getParent();
        Path file = (dir == null ? Path.of("target") : dir).resolve("inkan-bites.md");
        List<String> lines = new ArrayList<>();
        lines.add("| invariant / monitor | fault (test-only seam) | found as | chains | steps to find | shrunk steps "
                + "(start + steps after it) | time |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.addAll(ROWS);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(String.join("\n", lines));
    }

    // ------------------------------------------------------------------ monitors

    @Test
    void lockedKeyNeverSigns() {
        bite(new Bite("LockedKeyNeverSigns", AppletFault.SIGN_WITH_LOCKED_KEY.mutation, "FirstUse",
                () -> faulty(AppletFault.SIGN_WITH_LOCKED_KEY), weights("PhoneCert.revoke", HOT, "Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.lockKey", HOT, "JpkiApplet.verify", HOT, "JpkiApplet.sign", HOT, "JpkiApplet.wipeKey", 0)));
    }

    @Test
    void noSignatureUnderTemporaryPin() {
        bite(new Bite("NoSignatureUnderTemporaryPin", AppletFault.TEMPORARY_PIN_COUNTS_AS_SET.mutation, "FirstUse[stored]",
                () -> faulty(AppletFault.TEMPORARY_PIN_COUNTS_AS_SET), weights("PinResetGrant.grant", HOT, "Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.setTempPin", HOT)));
    }

    @Test
    void pinTryLimit() {
        bite(new Bite("PinTryLimit", AppletFault.WRONG_ENTRY_COSTS_NO_TRY.mutation, "FirstUse",
                () -> faulty(AppletFault.WRONG_ENTRY_COSTS_NO_TRY), weights("JpkiApplet.verify", HOT)));
    }

    @Test
    void issuanceOnlyUnderScp03() {
        bite(new Bite("IssuanceOnlyUnderScp03", AppletFault.ISSUANCE_WITHOUT_SCP03.mutation, "FirstUse[prepared]",
                () -> faulty(AppletFault.ISSUANCE_WITHOUT_SCP03), weights("ScpSession.unprotectedCommand", HOT)));
    }

    // ------------------------------------------------------------------ invariants

    @Test
    void pinTriesWithinLimit() {
        bite(new Bite("PinTriesWithinLimit", AppletFault.PIN_TRIES_RAISED.mutation, "FirstUse[stored]",
                () -> faulty(AppletFault.PIN_TRIES_RAISED), weights("Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.setTempPin", HOT)));
    }

    @Test
    void appletStateSummarisesSlots() {
        bite(new Bite("AppletStateSummarisesSlots", AppletFault.LOCK_KEEPS_APPLET_STATE.mutation, "FirstUse",
                () -> faulty(AppletFault.LOCK_KEEPS_APPLET_STATE), weights("PhoneCert.revoke", HOT, "Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.lockKey", HOT, "JpkiApplet.wipeKey", 0)));
    }

    @Test
    void pinFollowsKeySlot() {
        bite(new Bite("PinFollowsKeySlot", AppletFault.WIPE_KEEPS_PIN.mutation, "FirstUse",
                () -> faulty(AppletFault.WIPE_KEEPS_PIN), weights("PhoneCert.revoke", HOT, "Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.wipeKey", HOT)));
    }

    @Test
    void caCertificateStoredFirst() {
        bite(new Bite("CaCertificateStoredFirst", AppletFault.END_ENTITY_BEFORE_CA.mutation, "FirstUse[certified]",
                () -> faulty(AppletFault.END_ENTITY_BEFORE_CA), weights("Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.storeCert", HOT)));
    }

    @Test
    void channelOnlyForWhitelistedApp() {
        bite(new Bite("ChannelOnlyForWhitelistedApp", "platform: OMAPI reports every app with the JPKI app's "
                + "certificate hash", "FirstUse", () -> new JcardsimSystem("misidentified-callers", null, true),
                weights("Omapi.rogueOpenChannel", HOT)));
    }

    // ------------------------------------------------------------------ the JPKI service (tsm-reference's fault seams)

    @Test
    void onePhonePerCertificate() {
        bite(new Bite("OnePhonePerCertificate", "JPKI service: SKIP_REVOKE_OLD_PHONE (issuing on the new phone leaves "
                + "the old one active)", "HandsetChange[keys]", () -> faulty(Faults.Fault.SKIP_REVOKE_OLD_PHONE),
                weights("PhoneCert.issue", HOT)));
    }

    /** Two layers keep LIFE-1 (the service's check and the database's index): the bite needs both faults. */
    @Test
    void oneApplicationAtATime() {
        bite(new Bite("OneApplicationAtATime", "JPKI service: SKIP_ONE_PHONE_CHECKS + DROP_ONE_APPLICATION_INDEX (no "
                + "running-application check, and the database's index one_application_per_certificate dropped)",
                "HandsetChange[keys]", () -> faulty(Faults.Fault.SKIP_ONE_PHONE_CHECKS,
                        Faults.Fault.DROP_ONE_APPLICATION_INDEX), weights("PhoneCert.revoke", HOT, "PhoneCert.apply", HOT)));
    }

    /** Two layers keep PRE-3's one person per phone (the one-phone checks and the per-handset holder check): both off. */
    @Test
    void onePersonPerPhone() {
        bite(new Bite("OnePersonPerPhone", "JPKI service: SKIP_ONE_PHONE_CHECKS + SKIP_HOLDER_CHECK (an application on a "
                + "phone that holds another person's certificates accepted)", "FirstUse",
                () -> faulty(Faults.Fault.SKIP_ONE_PHONE_CHECKS, Faults.Fault.SKIP_HOLDER_CHECK),
                weights("CardCert.issueCard", HOT, "PhoneCert.apply", HOT)));
    }

    @Test
    void noPhoneCertificateWithoutValidCard() {
        bite(new Bite("NoPhoneCertificateWithoutValidCard", "JPKI service: ACCEPT_INACTIVE_CARD (applications "
                + "with a revoked or expired card certificate accepted)", "FirstUse",
                () -> faulty(Faults.Fault.ACCEPT_INACTIVE_CARD), weights("CardCert.revoke", HOT, "CardCert.expire", HOT,
                        "PhoneCert.apply", HOT)));
    }

    @Test
    void cardRevocationRevokesPhoneCertificates() {
        bite(new Bite("CardRevocationRevokesPhoneCertificates", "JPKI service: SKIP_CARD_REVOCATION_CASCADE",
                "FirstUse", () -> faulty(Faults.Fault.SKIP_CARD_REVOCATION_CASCADE), weights("CardCert.revoke", HOT)));
    }

    @Test
    void sameExpiry() {
        bite(new Bite("SameExpiry", "JPKI service: SKIP_CARD_EXPIRY_CASCADE", "FirstUse",
                () -> faulty(Faults.Fault.SKIP_CARD_EXPIRY_CASCADE), weights("CardCert.expire", HOT)));
    }

    @Test
    void signatureCertificateNeverReleased() {
        bite(new Bite("SignatureCertificateNeverReleased", "JPKI service: RELEASE_SIGNATURE_CERTIFICATE", "FirstUse",
                () -> faulty(Faults.Fault.RELEASE_SIGNATURE_CERTIFICATE), weights("PhoneCert.suspend", HOT,
                        "PhoneCert.release", HOT)));
    }

    @Test
    void deadKeysAreScheduledForDeletion() {
        bite(new Bite("DeadKeysAreScheduledForDeletion", "JPKI service: SKIP_DELETION_REQUEST", "FirstUse",
                () -> faulty(Faults.Fault.SKIP_DELETION_REQUEST), weights("PhoneCert.revoke", HOT,
                        "PhoneCert.revokeByCallCentre", HOT)));
    }

    @Test
    void noAcceptedSignatureAfterRevocation() {
        bite(new Bite("NoAcceptedSignatureAfterRevocation", "relying party: IGNORE_SIGNING_TIME_STATUS (status now "
                + "only)", "FirstUse", () -> faulty(Faults.Fault.IGNORE_SIGNING_TIME_STATUS), weights("PhoneCert.suspend",
                        HOT, "PhoneCert.release", HOT, "Omapi.openChannel", HOT, "JpkiApplet.verify", HOT,
                        "JpkiApplet.sign", HOT, "Signature.accept", HOT, "Signature.reject", HOT)));
    }

    @Test
    void deletionOwedOnlyForPresentKeys() {
        bite(new Bite("DeletionOwedOnlyForPresentKeys", "JPKI service: KEEP_DELETION_AFTER_KEY_GONE (a wiped key or a "
                + "deleted applet leaves the deletion open)", "FirstUse", () -> faulty(Faults.Fault.KEEP_DELETION_AFTER_KEY_GONE),
                weights("PhoneCert.revoke", HOT, "Handset.factoryReset", HOT, "Omapi.openChannel", HOT,
                        "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT, "JpkiApplet.wipeKey", HOT)));
    }

    @Test
    void registeredTokenBelongsToInstalledApp() {
        bite(new Bite("RegisteredTokenBelongsToInstalledApp", "JPKI service: KEEP_TOKENS_ON_UNINSTALL (removing the app "
                + "or resetting the phone leaves its push tokens registered)", "FirstUse",
                () -> faulty(Faults.Fault.KEEP_TOKENS_ON_UNINSTALL), weights("Handset.uninstallApp", HOT,
                        "Handset.factoryReset", HOT)));
    }

    // ------------------------------------------------------------------ the TSMs' policies (tsm-reference's fault seams)

    @Test
    void appletNeverWithoutAccessRule() {
        bite(new Bite("AppletNeverWithoutAccessRule", "SEI-TSM: INSTALL_APPLET_WITHOUT_RULE (InstallApplet without "
                + "reading the ARA-M)", "FirstUse[personalized]", () -> faulty(Faults.Fault.INSTALL_APPLET_WITHOUT_RULE),
                weights("SecureElement.install", HOT)));
    }

    @Test
    void validCertificateKeyNotLocked() {
        bite(new Bite("ValidCertificateKeyNotLocked", "SP-TSM: LOCK_KEY_OF_VALID_CERTIFICATE (LOCK KEY without "
                + "checking the slot's certificate)", "FirstUse", () -> faulty(Faults.Fault.LOCK_KEY_OF_VALID_CERTIFICATE),
                weights("Omapi.openChannel", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT,
                        "JpkiApplet.lockKey", HOT, "JpkiApplet.wipeKey", 0)));
    }

    // ------------------------------------------------------------------ the JPKI app (phone's AppFaults seams)

    static JcardsimSystem faulty(AppFaults.Fault f) {
        return new JcardsimSystem("app-" + f.name(), null, false, Faults.NONE, AppFaults.of(f));
    }

    @Test
    void businessAppsOnlyUse() {
        bite(new Bite("BusinessAppsOnlyUse", "JPKI app: SERVE_MANAGEMENT_INTENTS (the intent gate passes issuance and "
                + "management requests of business apps to the user)", "FirstUse",
                () -> faulty(AppFaults.Fault.SERVE_MANAGEMENT_INTENTS), weights("Handset.businessIntent", HOT)));
    }

    @Test
    void biometricsOnlyForAuthentication() {
        bite(new Bite("BiometricsOnlyForAuthentication", "JPKI app: BIOMETRIC_SIGNATURE_PASSWORD (enrolment seals the "
                + "signature password too, and a fingerprint releases it)", "FirstUse",
                () -> faulty(AppFaults.Fault.BIOMETRIC_SIGNATURE_PASSWORD), weights("Handset.enrollBiometric", HOT,
                        "Handset.biometricUnlock", HOT)));
    }

    /**
     * A liveness monitor: chains cannot show "never", but they show the first step where the key's
     * road to deletion leaves the model's (the notice the model delivers is not acted on).
     */
    @Test
    void deletionEventuallyHappens() {
        bite(new Bite("DeletionEventuallyHappens", "JPKI app: DROP_DELETION_NOTICES (the push receiver drops deletion "
                + "notices, so no deletion script is ever asked for)", "FirstUse",
                () -> faulty(AppFaults.Fault.DROP_DELETION_NOTICES), weights("PhoneCert.revoke", HOT, "Deletion.push", HOT)));
    }

    // ------------------------------------------------------------------ the secure element (SeFault's mutated SE)

    @Test
    void contentManagementOnlyUnderScp03() {
        bite(new Bite("ContentManagementOnlyUnderScp03", SeFault.CONTENT_MANAGEMENT_WITHOUT_SCP03.mutation, "FirstUse",
                SeFault.CONTENT_MANAGEMENT_WITHOUT_SCP03::system, weights("SecureElement.install", HOT,
                        "SecureElement.delete", HOT, "SecureElement.setStatus", HOT, "SecureElement.putKey", HOT,
                        "SecureElement.storeData", HOT, "AccessRules.updateRules", HOT, "ScpSession.unprotectedCommand", HOT)));
    }

    @Test
    void spSessionOnlyThroughTheApp() {
        bite(new Bite("SpSessionOnlyThroughTheApp", SeFault.SESSION_OUTLIVES_CHANNEL.mutation, "FirstUse",
                SeFault.SESSION_OUTLIVES_CHANNEL::system, weights("Omapi.openChannel", HOT, "Omapi.closeChannel", HOT,
                        "JpkiApplet.selectAp", HOT, "JpkiApplet.initializeUpdate", HOT, "JpkiApplet.externalAuthenticate", HOT,
                        "JpkiApplet.setTempPin", HOT, "JpkiApplet.wipeKey", HOT)));
    }
}
