package dev.inkan.generator.backend.dispatch;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.backend.Templates;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.FileDef;
import dev.inkan.generator.ir.PinDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java Card applet dispatch: per applet an abstract base applet holding the spec's tables
 * (commands, states, transitions, files, PINs) and one abstract handler per command, on one
 * shared {@code DispatchingApplet} whose {@code process(APDU)} decodes the command, checks the
 * bound machine's state, the secure messaging level and the PIN against those tables, answers
 * the spec's status word on refusal, and calls the hand-written handler (generation gap).
 * Java Card subset only: bytes, shorts, arrays.
 */
public final class DispatchBackend implements Backend {
    /** Most states a bound machine may have: state sets are 16-bit masks on the card. */
    public static final int MAX_STATES = 16;

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        List<GeneratedFile> out = new ArrayList<>();
        Set<SourceFile> sources = new LinkedHashSet<>();
        for (AppletDef a : spec.applets) {
            sources.add(a.span().file());
        }
        if (!sources.isEmpty()) {
            // what every applet's dispatch does, once: the per-applet classes hand it their tables
            out.add(new GeneratedFile("dispatch/common/java/dev/inkan/generated/dispatch/DispatchingApplet.java",
                    Templates.render("dispatch/dispatching-applet.vm", Map.of("header", SourceHeader.java(sources)))));
        }
        for (AppletDef a : spec.applets) {
            if (a.machine().states().size() > MAX_STATES) {
                throw new IllegalStateException("applet " + a.name() + ": machine " + a.machine().name() + " has more than "
                        + MAX_STATES + " states");
            }
            String cls = className(a);
            out.add(new GeneratedFile("dispatch/" + a.name() + "/java/dev/inkan/generated/dispatch/" + cls + ".java",
                    Templates.render("dispatch/dispatch.vm", Map.of("applet", view(a)))));
        }
        return out;
    }

    public static String className(AppletDef a) {
        return a.name() + "Dispatch";
    }

    public record Constant(String name, String value, String comment) {
    }

    public record CommandView(String constName, int index, String name, String handler, String doc, String cla,
                              String ins, String p1, String p2, String level, String levelComment, boolean handshake,
                              String refuseState,
                              String refuseSecure, String refusePin, String pin, String allowed, String allowedComment,
                              List<String> targets) {
    }

    /** Commands sharing one INS, tried in declaration order. */
    public record InsGroup(String ins, List<CommandView> commands) {
    }

    public record AppletView(String header, String className, String name, String machine, String aid, int stateCount,
                             String initialState,
                             List<Constant> states, List<Constant> pins, List<Constant> files,
                             List<CommandView> commands, List<InsGroup> groups, String fileFids, String fileKinds,
                             String fileAccess, String filePins, String pinTries, String pinMin, String pinMax,
                             String pinCharsets) {
    }

    private static String hexByte(int b) {
        return String.format("(byte) 0x%02X", b & 0xFF);
    }

    private static String sw(int sw) {
        return String.format("(short) 0x%04X", sw);
    }

    private AppletView view(AppletDef a) {
        List<Constant> states = new ArrayList<>();
        for (StateDef s : a.machine().states()) {
            states.add(new Constant("STATE_" + JavaNames.upperSnake(s.name()), "(byte) " + s.index(), s.name()));
        }
        List<Constant> pins = new ArrayList<>();
        StringBuilder tries = new StringBuilder();
        StringBuilder min = new StringBuilder();
        StringBuilder max = new StringBuilder();
        StringBuilder charsets = new StringBuilder();
        for (PinDef p : a.pins()) {
            pins.add(new Constant("PIN_" + JavaNames.upperSnake(p.name()), "(byte) " + p.index(),
                    p.name() + ": " + p.tries() + " tries, " + p.minLength() + ".." + p.maxLength() + " "
                            + p.charset().name().toLowerCase(java.util.Locale.ROOT)));
            sep(tries).append(p.tries());
            sep(min).append(p.minLength());
            sep(max).append(p.maxLength());
            sep(charsets).append("CHARSET_").append(p.charset().name());
        }
        List<Constant> files = new ArrayList<>();
        StringBuilder fids = new StringBuilder();
        StringBuilder kinds = new StringBuilder();
        StringBuilder access = new StringBuilder();
        StringBuilder filePins = new StringBuilder();
        for (FileDef f : a.files()) {
            files.add(new Constant("FID_" + JavaNames.upperSnake(f.name()), String.format("(short) 0x%04X", f.fid()),
                    f.name() + " (" + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ", access "
                            + f.access().name().toLowerCase(java.util.Locale.ROOT)
                            + (f.pin() == null ? "" : " " + f.pin().name()) + ")"));
            sep(fids).append(String.format("(short) 0x%04X", f.fid()));
            sep(kinds).append("FILE_").append(f.kind().name());
            sep(access).append("ACCESS_").append(f.access().name());
            sep(filePins).append(f.pin() == null ? "NO_PIN" : "(byte) " + f.pin().index());
        }
        List<CommandView> commands = new ArrayList<>();
        Map<String, List<CommandView>> byIns = new LinkedHashMap<>();
        for (CommandDef c : a.commands()) {
            CommandView v = command(a, c);
            commands.add(v);
            byIns.computeIfAbsent(v.ins(), k -> new ArrayList<>()).add(v);
        }
        List<InsGroup> groups = new ArrayList<>();
        byIns.forEach((ins, cs) -> groups.add(new InsGroup(ins, cs)));
        StringBuilder aid = new StringBuilder();
        for (byte b : a.aid()) {
            sep(aid).append(hexByte(b));
        }
        return new AppletView(SourceHeader.java(new java.util.LinkedHashSet<>(List.of(a.span().file(), a.machine().span().file()))), className(a),
                a.name(), a.machine().name(), aid.toString(), a.machine().states().size(),
                "STATE_" + JavaNames.upperSnake(a.installedState().name()), states, pins, files,
                commands, groups, fids.toString(), kinds.toString(), access.toString(), filePins.toString(),
                tries.toString(), min.toString(), max.toString(), charsets.toString());
    }

    private static StringBuilder sep(StringBuilder s) {
        return s.length() > 0 ? s.append(", ") : s;
    }

    private CommandView command(AppletDef a, CommandDef c) {
        int allowed = 0;
        for (StateDef s : c.states()) {
            allowed |= 1 << s.index();
        }
        List<String> targets = new ArrayList<>();
        for (StateDef s : a.machine().states()) {
            int mask = 0;
            if (c.event() != null) {
                for (TransitionDef t : a.machine().transitionsOf(c.event())) {
                    if (t.sources().contains(s)) {
                        mask |= 1 << t.target().index();
                    }
                }
            }
            // staying is always allowed: a refused or failed command leaves the state as it is
            mask |= 1 << s.index();
            targets.add(String.format("(short) 0x%04X", mask));
        }
        String pin = c.pinOfSelectedFile() ? "PIN_OF_SELECTED_FILE" : c.pin() == null ? "NO_PIN"
                : "PIN_" + JavaNames.upperSnake(c.pin().name());
        String levelComment = c.securityLevelNames();
        String allowedComment = String.join(", ", c.states().stream().map(StateDef::name).toList());
        return new CommandView("CMD_" + JavaNames.upperSnake(c.name()), c.index(), c.name(),
                "on" + JavaNames.upperCamel(c.name()), c.doc().isEmpty() ? c.name() : c.doc(),
                claHeader(c.cla()), header(c.ins()), header(c.p1()), header(c.p2()),
                String.format("(byte) 0x%02X", c.securityLevel()), levelComment, c.handshake(), sw(c.stateRefusal()),
                sw(c.secureRefusal()), sw(c.pinRefusal()), pin, String.format("(short) 0x%04X", allowed),
                allowedComment, targets);
    }

    /** The class byte as the dispatcher compares it: without channel, secure messaging and chaining bits. */
    static int normalizedCla(int cla) {
        return (cla & 0x40) != 0 ? cla & 0x80 : cla & 0xE0;
    }

    private static String claHeader(CommandDef.Header h) {
        return String.format("(short) 0x%02X", normalizedCla(h.constant()));
    }

    private static String header(CommandDef.Header h) {
        return h.constant() != null ? String.format("(short) 0x%02X", h.constant()) : "ANY";
    }
}
