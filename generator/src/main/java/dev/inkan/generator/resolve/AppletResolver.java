package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.Applet;
import dev.inkan.generator.ast.Decl;
import dev.inkan.generator.ast.Name;
import dev.inkan.generator.ast.Param;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.FileDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.PinDef;
import dev.inkan.generator.ir.SecurityDomainDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Resolves applet bindings: AID, PINs, files and commands against the bound machine. */
final class AppletResolver {
    private static final Set<Integer> SECURITY_LEVELS = Set.of(0x00, 0x01, 0x03, 0x11, 0x13, 0x33);

    private final Diagnostics diagnostics;
    private final GlobalNames globals;
    private final TypeResolver types;
    private final ExprResolver exprs;
    private final Annotations annotations;

    AppletResolver(Diagnostics diagnostics, GlobalNames globals, TypeResolver types, ExprResolver exprs,
                   Annotations annotations) {
        this.annotations = annotations;
        this.diagnostics = diagnostics;
        this.globals = globals;
        this.types = types;
        this.exprs = exprs;
    }

    /** Signature pass: the applet with its machine, AID, domain, PINs, files and command headers. */
    AppletDef declare(Decl.AppletDecl d) {
        SourceFile f = d.name().span().file();
        MachineDef machine = globals.find(f, d.machine().span(), d.machine().text(), MachineDef.class, "machine");
        if (machine == null) {
            return null;
        }
        if (d.aid() == null) {
            diagnostics.invalid(d.name().span(), "applet " + d.name().text() + " needs an 'aid'");
        } else if (d.aid().length < 5 || d.aid().length > 16) {
            diagnostics.invalid(d.aidSpan(), "an AID has 5 to 16 bytes, this one " + d.aid().length);
        }
        AppletDef a = new AppletDef(d.name().text(), d.name().span(), machine, d.aid() == null ? new byte[0] : d.aid());
        if (d.domain() != null) {
            a.setDomain(globals.find(f, d.domain().span(), d.domain().text(), SecurityDomainDef.class,
                    "security domain"));
        }
        if (d.installed() != null) {
            StateDef s = machine.state(d.installed().text());
            if (s == null) {
                diagnostics.unknown(d.installed().span(), "state", d.installed().text(), "of machine " + machine.name());
            } else if (s.isFinal()) {
                diagnostics.invalid(d.installed().span(), "an applet cannot be installed in final state '" + s.name() + "'");
            } else {
                a.setInstalledState(s);
            }
        }
        pins(a, d);
        files(a, d);
        Map<String, Span> seen = new HashMap<>();
        for (Applet.Command c : d.commands()) {
            if (seen.containsKey(c.name().text())) {
                diagnostics.duplicate(c.name().span(), "command", c.name().text(), seen.get(c.name().text()));
                continue;
            }
            seen.put(c.name().text(), c.name().span());
            a.commands().add(command(a, c, f));
        }
        return a;
    }

    private void pins(AppletDef a, Decl.AppletDecl d) {
        Map<String, Span> seen = new HashMap<>();
        for (Applet.Pin p : d.pins()) {
            if (seen.containsKey(p.name().text())) {
                diagnostics.duplicate(p.name().span(), "PIN", p.name().text(), seen.get(p.name().text()));
                continue;
            }
            seen.put(p.name().text(), p.name().span());
            int tries = p.tries() == null ? 3 : p.tries();
            if (tries < 1 || tries > 15) {
                diagnostics.invalid(p.name().span(), "PIN " + p.name().text() + ": tries range from 1 to 15");
            }
            int min = p.minLength() == null ? 4 : p.minLength();
            int max = p.maxLength() == null ? Math.max(min, 8) : p.maxLength();
            if (min < 1 || max < min || max > 64) {
                diagnostics.invalid(p.name().span(), "PIN " + p.name().text() + ": length " + min + ".." + max
                        + " is not a valid range (1 to 64)");
            }
            PinDef.Charset charset = PinDef.Charset.ANY;
            if (p.charset() != null) {
                try {
                    charset = PinDef.Charset.valueOf(p.charset().text().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    diagnostics.invalid(p.charset().span(), "unknown charset '" + p.charset().text()
                            + "' (digits, upper_alnum or any)");
                }
            }
            PinDef pin = new PinDef(p.name().text(), p.name().span(), a.pins().size(), tries, min, max, charset);
            annotations.apply(pin, p.annotations());
            a.pins().add(pin);
        }
    }

    private void files(AppletDef a, Decl.AppletDecl d) {
        Map<String, Span> seen = new HashMap<>();
        Map<Integer, Span> fids = new HashMap<>();
        for (Applet.File file : d.files()) {
            if (seen.containsKey(file.name().text())) {
                diagnostics.duplicate(file.name().span(), "file", file.name().text(), seen.get(file.name().text()));
                continue;
            }
            seen.put(file.name().text(), file.name().span());
            if (file.fid() == null) {
                diagnostics.invalid(file.name().span(), "file " + file.name().text() + " needs a 'fid'");
                continue;
            }
            if (file.fid() < 0 || file.fid() > 0xFFFF) {
                diagnostics.invalid(file.fidSpan(), "a file id has two bytes");
            }
            if (fids.containsKey(file.fid())) {
                diagnostics.duplicate(file.fidSpan(), "file id", String.format("%04X", file.fid()), fids.get(file.fid()));
            }
            fids.put(file.fid(), file.fidSpan());
            FileDef.Kind kind = FileDef.Kind.DATA;
            if (file.kind() != null) {
                kind = switch (file.kind().text()) {
                    case "data" -> FileDef.Kind.DATA;
                    case "key" -> FileDef.Kind.KEY;
                    case "pin" -> FileDef.Kind.PIN;
                    default -> {
                        diagnostics.invalid(file.kind().span(), "unknown file kind '" + file.kind().text()
                                + "' (data, key or pin)");
                        yield FileDef.Kind.DATA;
                    }
                };
            }
            FileDef.Access access = FileDef.Access.FREE;
            PinDef pin = null;
            if (file.access() != null) {
                switch (file.access().text()) {
                    case "free" -> access = FileDef.Access.FREE;
                    case "never" -> access = FileDef.Access.NEVER;
                    case "pin" -> {
                        access = FileDef.Access.PIN;
                        if (file.accessPin() == null) {
                            diagnostics.invalid(file.access().span(), "'access pin' needs the PIN's name");
                        } else {
                            pin = a.pin(file.accessPin().text());
                            if (pin == null) {
                                diagnostics.unknown(file.accessPin().span(), "PIN", file.accessPin().text(),
                                        "of applet " + a.name());
                            }
                        }
                    }
                    default -> diagnostics.invalid(file.access().span(), "unknown access '" + file.access().text()
                            + "' (free, pin NAME or never)");
                }
            }
            if ((kind == FileDef.Kind.KEY || kind == FileDef.Kind.PIN) && pin == null) {
                diagnostics.invalid(file.name().span(), "a " + kind.name().toLowerCase(Locale.ROOT)
                        + " file needs 'access pin NAME' to say which PIN it belongs to");
            }
            FileDef def = new FileDef(file.name().text(), file.name().span(), a.files().size(), file.fid(), kind,
                    access, pin, file.size() == null ? 0 : file.size());
            annotations.apply(def, file.annotations());
            a.files().add(def);
        }
    }

    private CommandDef command(AppletDef a, Applet.Command c, SourceFile f) {
        CommandDef cmd = new CommandDef(a, c.name().text(), c.name().span(), a.commands().size());
        annotations.apply(cmd, c.annotations());
        Map<String, Span> seen = new HashMap<>();
        for (Param p : c.params()) {
            if (seen.containsKey(p.name().text())) {
                diagnostics.duplicate(p.name().span(), "command parameter", p.name().text(), seen.get(p.name().text()));
                continue;
            }
            seen.put(p.name().text(), p.name().span());
            Type t = types.resolve(p.type(), f, true);
            if (!(t instanceof Type.Error) && !(t instanceof Type.Byte) && !(t instanceof Type.Bytes)
                    && !(t instanceof Type.Enum)) {
                diagnostics.badType(p.type().span(), "command parameters are byte, bytes or an enum with codes");
            }
            cmd.params().add(new Variable(p.name().text(), t, p.name().span(), Variable.Kind.COMMAND_PARAM,
                    cmd.params().size()));
        }
        cmd.setHeader(header(cmd, c.cla(), "cla", c.name()), header(cmd, c.ins(), "ins", c.name()),
                header(cmd, c.p1(), "p1", c.name()), header(cmd, c.p2(), "p2", c.name()));
        if (c.dataParam() != null) {
            Variable v = param(cmd, c.dataParam());
            if (v != null && !(v.type() instanceof Type.Bytes)) {
                diagnostics.badType(c.dataParam().span(), "command data must be a 'bytes' parameter");
            }
            cmd.setData(v, null);
        } else if (c.dataConstant() != null) {
            cmd.setData(null, c.dataConstant());
        }
        if (c.le() != null && (c.le() < 0 || c.le() > 255)) {
            diagnostics.invalid(c.span(), "Le is one byte");
        }
        cmd.setLe(c.leNone() ? null : c.le());
        if (c.secureGiven() && c.secure().size() == 1 && c.secure().get(0).text().equals("handshake")) {
            cmd.setHandshake(true);
        } else if (c.secureGiven()) {
            int level = 0;
            for (Name n : c.secure()) {
                int bit = switch (n.text()) {
                    case "C_MAC" -> CommandDef.C_MAC;
                    case "C_DEC" -> CommandDef.C_DEC;
                    case "R_MAC" -> CommandDef.R_MAC;
                    case "R_ENC" -> CommandDef.R_ENC;
                    default -> {
                        diagnostics.invalid(n.span(), "unknown secure messaging '" + n.text()
                                + "' (none, handshake, or C_MAC, C_DEC, R_MAC, R_ENC joined with +)");
                        yield 0;
                    }
                };
                level |= bit;
            }
            if (!SECURITY_LEVELS.contains(level)) {
                diagnostics.invalid(c.secure().isEmpty() ? c.span() : c.secure().get(0).span(),
                        String.format("security level %02X is not one GP SCP03 defines (00, 01, 03, 11, 13, 33)", level));
            }
            cmd.setSecurityLevel(level);
        }
        if (c.pinGiven() && c.pin() != null) {
            PinDef pin = a.pin(c.pin().text());
            if (pin == null) {
                diagnostics.unknown(c.pin().span(), "PIN", c.pin().text(), "of applet " + a.name());
            }
            cmd.setPin(pin, false);
        } else if (c.pinSelected()) {
            cmd.setPin(null, true);
        }
        int state = 0x6985;
        int secure = 0x6982;
        int pin = 0x6982;
        for (Applet.Refusal r : c.refusals()) {
            if (r.sw() < 0x6000 || r.sw() > 0x6FFF || (r.sw() & 0xFF00) == 0x6100 || (r.sw() & 0xFF00) == 0x6C00) {
                diagnostics.invalid(r.span(), String.format("%04X is not an error status word", r.sw()));
            }
            String reason = r.reason() == null ? "state" : r.reason().text();
            switch (reason) {
                case "state" -> state = r.sw();
                case "secure" -> secure = r.sw();
                case "pin" -> pin = r.sw();
                default -> diagnostics.invalid(r.reason().span(), "unknown refusal reason '" + reason
                        + "' (state, secure or pin)");
            }
        }
        cmd.setRefusals(state, secure, pin);
        if (c.states() == null) {
            diagnostics.invalid(c.name().span(), "command " + c.name().text() + " needs 'states' (where it is allowed)");
        } else if (c.states().any()) {
            cmd.states().addAll(a.machine().states());
        } else {
            for (Name n : c.states().names()) {
                StateDef s = a.machine().state(n.text());
                if (s == null) {
                    diagnostics.unknown(n.span(), "state", n.text(), "of machine " + a.machine().name());
                } else if (!cmd.states().contains(s)) {
                    cmd.states().add(s);
                }
            }
        }
        if (c.event() != null) {
            EventDef ev = a.machine().event(c.event().text());
            if (ev == null) {
                diagnostics.unknown(c.event().span(), "event", c.event().text(), "of machine " + a.machine().name());
            }
            cmd.setEvent(ev);
        }
        return cmd;
    }

    private Variable param(CommandDef cmd, Name n) {
        Variable v = cmd.params().stream().filter(p -> p.name().equals(n.text())).findFirst().orElse(null);
        if (v == null) {
            diagnostics.unknown(n.span(), "parameter", n.text(), "of command " + cmd.name());
        }
        return v;
    }

    private CommandDef.Header header(CommandDef cmd, Applet.HeaderValue v, String field, Name command) {
        if (v == null) {
            diagnostics.invalid(command.span(), "command " + command.text() + " needs '" + field + "'");
            return new CommandDef.Header(0, false, null);
        }
        if (v.constant() != null) {
            if (v.constant() < 0 || v.constant() > 255) {
                diagnostics.invalid(v.span(), field + " is one byte");
            }
            return new CommandDef.Header(v.constant(), false, null);
        }
        if (v.any()) {
            if (field.equals("cla") || field.equals("ins")) {
                diagnostics.invalid(v.span(), field + " cannot be '*': every command has a fixed CLA and INS");
            }
            return new CommandDef.Header(null, true, null);
        }
        Variable p = param(cmd, v.param());
        if (p != null) {
            if (field.equals("cla") || field.equals("ins")) {
                diagnostics.invalid(v.span(), field + " cannot be a parameter");
            } else if (p.type() instanceof Type.Enum e) {
                for (EnumDef.Member m : e.def().members()) {
                    if (m.code() == null || m.code() < 0 || m.code() > 255) {
                        diagnostics.badType(v.span(), "parameter '" + p.name() + "' is sent as " + field
                                + ", so every member of " + e.def().name() + " needs a one-byte code ('"
                                + m.name() + "' has none)");
                        break;
                    }
                }
            } else if (!(p.type() instanceof Type.Byte)) {
                diagnostics.badType(v.span(), "parameter '" + p.name() + "' is sent as " + field
                        + ", so it must be a byte or an enum with codes");
            }
        }
        return new CommandDef.Header(null, false, p);
    }

    /** Body pass: PIN model instances, which may read the applet machine's parameters. */
    void body(AppletDef a, Decl.AppletDecl d) {
        for (Applet.Pin p : d.pins()) {
            PinDef pin = a.pin(p.name().text());
            if (pin == null || p.modelMachine() == null) {
                continue;
            }
            MachineDef m = globals.find(a.span().file(), p.modelMachine().span(), p.modelMachine().text(),
                    MachineDef.class, "machine");
            if (m == null) {
                continue;
            }
            Scope scope = Scope.root(a.span().file(), Scope.Context.APPLET, a.machine());
            a.machine().params().forEach(scope::add);
            Expr inst = exprs.instance(p.modelMachine().span(), m, p.modelArgs(), scope);
            if (inst instanceof Expr.Instance i) {
                pin.setModel(m, i.args());
            }
        }
    }
}
