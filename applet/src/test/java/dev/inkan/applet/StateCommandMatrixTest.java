package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every machine state x every command of the spec's applet binding (spec/applet.jsm, read through
 * the generator's IR, so a new command or state is covered without touching this test): the real
 * applet, driven into each state with the real issuance commands, answers the binding's status
 * words. For each pair: sent without secure messaging (a command that needs it gets the secure
 * refusal whatever the state), sent properly (outside the command's states: the state refusal;
 * inside: success when the spec's guard can hold, and the state reached is a target of the spec's
 * transitions for that event, otherwise the state refusal), and without its PIN (the PIN refusal).
 */
class StateCommandMatrixTest {
    static final String AUTH_PIN = "1234";
    static final String SIGN_PASSWORD = "ABC123";
    static final String AUTH_TEMP = "0000";
    static final String SIGN_TEMP = "TEMP00";

    @TempDir
    static Path images;
    static AppletDef binding;
    static MachineDef machine;
    /** Card image per machine state name, built once with the real commands. */
    static final Map<String, Path> IMAGES = new LinkedHashMap<>();
    /** Commands seen succeeding (a transition of the spec taken), to show the matrix is not vacuous. */
    static final Set<String> SUCCEEDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void load() throws IOException {
        Path spec = Path.of("").toAbsolutePath().getParent().resolve("spec");
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(spec), spec.getParent(), null);
        assertTrue(c.ok(), () -> "spec/ does not compile: " + c.diagnostics());
        binding = c.spec().applets.stream().filter(a -> a.name().equals("JpkiAp")).findFirst().orElseThrow();
        machine = binding.machine();
        recipe("Installed", j -> { });
        recipe("KeysGenerated", j -> j.generate(j.openSp(), CertType.AUTH));
        recipe("CertsStored", j -> {
            SecureChannelTransport sc = j.openSp();
            j.generate(sc, CertType.AUTH);
            j.generate(sc, CertType.SIGN);
            j.certify(sc, CertType.AUTH);
            j.certify(sc, CertType.SIGN);
        });
        recipe("TemporaryPin", j -> {
            SecureChannelTransport sc = j.openSp();
            j.generate(sc, CertType.AUTH);
            j.generate(sc, CertType.SIGN);
            j.certify(sc, CertType.AUTH);
            j.certify(sc, CertType.SIGN);
            JpkiSe.ok(sc, JpkiApCommands.setTempPin(CertType.AUTH, JpkiSe.ascii(AUTH_TEMP)));
            JpkiSe.ok(sc, JpkiApCommands.setTempPin(CertType.SIGN, JpkiSe.ascii(SIGN_TEMP)));
        });
        recipe("Active", j -> j.issue(AUTH_PIN, SIGN_PASSWORD));
        recipe("KeysLocked", j -> {
            j.issue(AUTH_PIN, SIGN_PASSWORD);
            SecureChannelTransport sc = j.openSp();
            JpkiSe.ok(sc, JpkiApCommands.lockKey(CertType.AUTH));
            JpkiSe.ok(sc, JpkiApCommands.lockKey(CertType.SIGN));
        });
        recipe("Wiped", j -> {
            SecureChannelTransport sc = j.openSp();
            j.generate(sc, CertType.AUTH);
            JpkiSe.ok(sc, JpkiApCommands.wipeKey(CertType.AUTH));
        });
    }

    /** Builds the card image of {@code state} with the real commands and checks READ STATUS says so. */
    static void recipe(String state, Consumer<JpkiSe> steps) {
        Path image = images.resolve(state + ".json");
        SeConfig config = JpkiSe.config(false);
        config.persistence = image.toString();
        try (JpkiSe j = JpkiSe.start(config, false)) {
            steps.accept(j);
            j.selectAp();
            assertEquals(machine.state(state).index(), j.status()[0], "recipe for " + state);
        }
        IMAGES.put(state, image);
    }

    /** A fresh power-up of the card in {@code state}. */
    static JpkiSe restore(String state) {
        try {
            Path copy = Files.createTempFile(images, state, ".json");
            Files.copy(IMAGES.get(state), copy, StandardCopyOption.REPLACE_EXISTING);
            SeConfig config = JpkiSe.config(false);
            config.persistence = copy.toString();
            return JpkiSe.start(config, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyStateOfTheMachineIsCovered() {
        Set<String> states = machine.states().stream().map(StateDef::name).collect(Collectors.toCollection(TreeSet::new));
        states.remove(machine.initialState().name()); // Absent: no instance (see absentAppletIsNotFound)
        assertEquals(states, new TreeSet<>(IMAGES.keySet()));
    }

    /** Absent, the machine's initial state, is an SE without the JPKI instance: the AID is not found. */
    @Test
    void absentAppletIsNotFound() throws IOException {
        try (dev.inkan.se.SecureElement se = dev.inkan.se.SecureElement.start(new SeConfig())) {
            assertEquals(0x6A82, Sw.of(se.transmit(JpkiSe.SELECT_AP)));
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void everyCommandSucceededSomewhere() {
        Set<String> all = binding.commands().stream().map(CommandDef::name).collect(Collectors.toCollection(TreeSet::new));
        if (SUCCEEDED.isEmpty()) {
            return; // the matrix did not run (a single other test was selected)
        }
        assertEquals(all, new TreeSet<>(SUCCEEDED), "every command takes a spec transition in some state");
    }

    @TestFactory
    List<DynamicTest> stateTimesCommand() {
        List<DynamicTest> out = new ArrayList<>();
        for (String state : IMAGES.keySet()) {
            for (CommandDef c : binding.commands()) {
                out.add(DynamicTest.dynamicTest(state + " x " + c.name(), () -> pair(machine.state(state), c)));
            }
        }
        return out;
    }

    static void pair(StateDef s, CommandDef c) {
        boolean allowed = c.states().contains(s);
        if (c.securityLevel() != 0) {
            try (JpkiSe j = restore(s.name())) {
                j.selectAp();
                assertEquals(c.secureRefusal(), j.sw(plain(c)), "without secure messaging");
                assertEquals(s.index(), j.status()[0]);
            }
        }
        try (JpkiSe j = restore(s.name())) {
            for (Probe p : probes(c, j)) {
                int sw = p.send();
                byte state = j.status()[0];
                if (!allowed) {
                    assertEquals(c.stateRefusal(), sw, p.name + ": state refusal outside " + c.states());
                    assertEquals(s.index(), state, p.name + ": a refused command changes nothing");
                } else if (p.guard) {
                    assertEquals(p.success, sw, p.name + ": the spec's transition is enabled");
                    SUCCEEDED.add(c.name());
                    Set<String> targets = targets(c, s);
                    assertTrue(targets.contains(machine.states().get(state).name()),
                            () -> p.name + ": reached " + machine.states().get(state).name() + ", spec allows " + targets);
                } else {
                    assertEquals(c.stateRefusal(), sw, p.name + ": the spec's guard is false");
                    assertEquals(s.index(), state);
                }
                if (p.stop) {
                    break;
                }
            }
        }
        if (allowed && (c.pin() != null || c.pinOfSelectedFile())) {
            try (JpkiSe j = restore(s.name())) {
                j.selectAp();
                j.selectEf(guardedFile(c));
                assertEquals(c.pinRefusal(), j.sw(command(c, j, null)), "without the PIN");
            }
        }
    }

    /** The spec's targets of the command's event from {@code s}. */
    static Set<String> targets(CommandDef c, StateDef s) {
        Set<String> out = new TreeSet<>();
        for (TransitionDef t : machine.transitionsOf(c.event())) {
            if (t.sources().contains(s)) {
                out.add(t.target().name());
            }
        }
        return out;
    }

    /** One way of sending a command, after its setup: whether the spec's guard holds, and the SW of success. */
    static final class Probe {
        final String name;
        final boolean guard;
        final int success;
        final java.util.function.IntSupplier sender;
        boolean stop;

        Probe(String name, boolean guard, int success, java.util.function.IntSupplier sender) {
            this.name = name;
            this.guard = guard;
            this.success = success;
            this.sender = sender;
        }

        int send() {
            return sender.getAsInt();
        }
    }

    /** The slot and PIN states READ STATUS reports, indexed Auth 0, Sign 1. */
    record Slots(int[] keys, int[] pins) {
        static Slots of(JpkiSe j) {
            byte[] s = j.status();
            return new Slots(new int[] {s[1], s[3]}, new int[] {s[2], s[4]});
        }

        int firstKey(int... states) {
            for (int i = 0; i < 2; i++) {
                for (int st : states) {
                    if (keys[i] == st) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    static CertType type(int slot) {
        return slot == 1 ? CertType.SIGN : CertType.AUTH;
    }

    static String pinOf(int slot, int pinStatus) {
        if (pinStatus == KeySlot.PIN_TEMPORARY) {
            return slot == 0 ? AUTH_TEMP : SIGN_TEMP;
        }
        return slot == 0 ? AUTH_PIN : SIGN_PASSWORD;
    }

    /** The probes of a command; they share one restored card and run in order. */
    static List<Probe> probes(CommandDef c, JpkiSe j) {
        j.selectAp();
        Slots slots = Slots.of(j);
        String state = machine.states().get(j.status()[0]).name();
        List<Probe> out = new ArrayList<>();
        switch (c.name()) {
            case "SELECT_AP" -> {
                out.add(new Probe("SELECT of the AP", true, 0x9000, () -> j.sw(JpkiSe.SELECT_AP)));
            }
            case "SELECT_EF" -> out.add(new Probe("SELECT EF 000A", true, 0x9000, () -> j.sw("00A4020C02000A")));
            case "READ_BINARY" -> {
                out.add(new Probe("READ BINARY of the token info", true, 0x9000, () -> {
                    j.selectEf(0x0006);
                    return j.sw("00B0000000");
                }));
                boolean certified = slots.keys[0] == KeySlot.CERTIFIED || slots.keys[0] == KeySlot.LOCKED;
                out.add(new Probe("READ BINARY of the auth certificate", certified, 0x9000, () -> {
                    j.selectEf(0x000A);
                    return j.sw("00B0000004");
                }));
            }
            case "VERIFY" -> {
                int tries = slots.pins[0] == KeySlot.PIN_UNSET || slots.pins[0] == KeySlot.PIN_BLOCKED ? 0 : 3;
                out.add(new Probe("empty VERIFY", true, 0x63C0 | tries, () -> j.verify(CertType.AUTH, null)));
                boolean reachable = slots.pins[0] == KeySlot.PIN_TEMPORARY || slots.pins[0] == KeySlot.PIN_SET;
                out.add(new Probe("VERIFY of the right PIN", true, reachable ? 0x9000 : 0x6984,
                        () -> j.verify(CertType.AUTH, pinOf(0, slots.pins[0]))));
            }
            case "CHANGE_REFERENCE_DATA" -> {
                int slot = -1;
                for (int i = 0; i < 2 && slot < 0; i++) {
                    if (slots.keys[i] == KeySlot.CERTIFIED && (slots.pins[i] == KeySlot.PIN_TEMPORARY
                            || slots.pins[i] == KeySlot.PIN_SET)) {
                        slot = i;
                    }
                }
                int t = Math.max(slot, 0);
                out.add(new Probe("CHANGE REFERENCE DATA after VERIFY", slot >= 0, 0x9000, () -> {
                    j.verify(type(t), pinOf(t, slots.pins[t]));
                    return j.sw(command(c, j, type(t)));
                }));
            }
            case "COMPUTE_DIGITAL_SIGNATURE" -> {
                int slot = -1;
                for (int i = 0; i < 2 && slot < 0; i++) {
                    if (slots.keys[i] == KeySlot.CERTIFIED && slots.pins[i] == KeySlot.PIN_SET) {
                        slot = i;
                    }
                }
                int t = Math.max(slot, 0);
                out.add(new Probe("COMPUTE DIGITAL SIGNATURE after VERIFY", slot >= 0, 0x9000, () -> {
                    j.verify(type(t), pinOf(t, slots.pins[t]));
                    j.selectEf(t == 0 ? 0x0017 : 0x001A);
                    return j.sw(command(c, j, type(t)));
                }));
            }
            case "READ_STATUS" -> out.add(new Probe("READ STATUS", true, 0x9000, () -> j.sw(command(c, j, null))));
            case "INITIALIZE_UPDATE" -> out.add(new Probe("INITIALIZE UPDATE", true, 0x9000,
                    () -> j.sw(Scp03Host.initializeUpdate(0, JpkiSe.SP_KEYS.kvn(), new byte[8]))));
            case "EXTERNAL_AUTHENTICATE" -> out.add(new Probe("INITIALIZE UPDATE + EXTERNAL AUTHENTICATE", true,
                    0x9000, () -> {
                        try {
                            j.openSp();
                            return 0x9000;
                        } catch (dev.inkan.se.apdu.StatusWordException e) {
                            return e.sw();
                        }
                    }));
            default -> out.add(issuance(c, j, slots, state));
        }
        return out;
    }

    /** An issuance command under SCP03 level 33, for the slot that makes the spec's guard true if any. */
    static Probe issuance(CommandDef c, JpkiSe j, Slots slots, String state) {
        int slot;
        switch (c.name()) {
            case "GENERATE_KEY" -> slot = slots.firstKey(KeySlot.EMPTY);
            case "READ_PUBLIC_KEY", "STORE_CERT" -> slot = slots.firstKey(KeySlot.GENERATED);
            case "LOCK_KEY" -> slot = slots.firstKey(KeySlot.CERTIFIED);
            case "WIPE_KEY" -> slot = slots.firstKey(KeySlot.GENERATED, KeySlot.CERTIFIED, KeySlot.LOCKED);
            case "SET_TEMP_PIN" -> {
                slot = -1;
                for (int i = 0; i < 2 && slot < 0; i++) {
                    boolean unset = slots.pins[i] == KeySlot.PIN_UNSET;
                    boolean reset = !unset && (state.equals("TemporaryPin") || state.equals("Active"));
                    if (slots.keys[i] == KeySlot.CERTIFIED && (unset || reset)) {
                        slot = i;
                    }
                }
            }
            default -> throw new AssertionError("no probe for command " + c.name() + ": add one");
        }
        int t = Math.max(slot, 0);
        return new Probe(c.name() + " of " + type(t) + " under SCP03", slot >= 0, 0x9000, () -> {
            SecureChannelTransport sc = j.openSp();
            try {
                return Sw.of(sc.transmit(command(c, j, type(t))));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The file whose PIN a PIN-guarded command needs. */
    static int guardedFile(CommandDef c) {
        return switch (c.name()) {
            case "READ_BINARY" -> 0x0001;
            case "CHANGE_REFERENCE_DATA" -> 0x0018;
            case "COMPUTE_DIGITAL_SIGNATURE" -> 0x0017;
            default -> throw new AssertionError("no PIN-guarded file for " + c.name());
        };
    }

    /** The command of the binding, built with the generated script builders and valid parameters. */
    static byte[] command(CommandDef c, JpkiSe j, CertType t) {
        CertType key = t == null ? CertType.AUTH : t;
        ScriptCommand s = switch (c.name()) {
            case "SELECT_AP" -> JpkiApCommands.selectAp();
            case "SELECT_EF" -> JpkiApCommands.selectEf(Hex.decode("000A"));
            case "READ_BINARY" -> JpkiApCommands.readBinary(0, 0);
            case "VERIFY" -> JpkiApCommands.verify(JpkiSe.ascii(AUTH_PIN));
            case "CHANGE_REFERENCE_DATA" -> JpkiApCommands.changeReferenceData(
                    JpkiSe.ascii(key == CertType.AUTH ? "7777" : "NEWPASS7"));
            case "COMPUTE_DIGITAL_SIGNATURE" -> JpkiApCommands.computeDigitalSignature(new byte[35]);
            case "READ_STATUS" -> JpkiApCommands.readStatus();
            case "INITIALIZE_UPDATE" -> JpkiApCommands.initializeUpdate(JpkiSe.SP_KEYS.kvn(), new byte[8]);
            case "EXTERNAL_AUTHENTICATE" -> JpkiApCommands.externalAuthenticate(new byte[16]);
            case "GENERATE_KEY" -> JpkiApCommands.generateKey(key);
            case "READ_PUBLIC_KEY" -> JpkiApCommands.readPublicKey(0, key);
            case "STORE_CERT" -> {
                CertFile f = key == CertType.AUTH ? CertFile.AUTH_CA_FILE : CertFile.SIGN_CA_FILE;
                yield JpkiSe.storeCertCommands(f, TestCa.shared().caCertificate(key)).get(0);
            }
            case "SET_TEMP_PIN" -> JpkiApCommands.setTempPin(key, JpkiSe.ascii(key == CertType.AUTH ? "4444" : "RESET1"));
            case "LOCK_KEY" -> JpkiApCommands.lockKey(key);
            case "WIPE_KEY" -> JpkiApCommands.wipeKey(key);
            default -> throw new AssertionError("no builder for command " + c.name() + ": add one");
        };
        assertNotNull(s);
        assertEquals(c.ins().constant(), s.apdu()[1] & 0xFF, "the builder and the IR agree on INS");
        return s.apdu();
    }

    /** The command without secure messaging (CLA as the binding has it). */
    static byte[] plain(CommandDef c) {
        return command(c, null, CertType.AUTH);
    }
}
