package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.Decl;
import dev.inkan.generator.ast.Name;
import dev.inkan.generator.ast.Param;
import dev.inkan.generator.ast.Protocol;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.RoleDef;
import dev.inkan.generator.ir.SecurityDomainDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import dev.inkan.generator.ast.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Resolves protocols: roles, messages with the model events they fire, and SE scripts. */
final class ProtocolResolver {
    private final Diagnostics diagnostics;
    private final GlobalNames globals;
    private final TypeResolver types;
    private final ExprResolver exprs;

    ProtocolResolver(Diagnostics diagnostics, GlobalNames globals, TypeResolver types, ExprResolver exprs) {
        this.diagnostics = diagnostics;
        this.globals = globals;
        this.types = types;
        this.exprs = exprs;
    }

    void resolve(ProtocolDef p, Decl.ProtocolDecl d) {
        SourceFile f = p.span().file();
        Scope scope = Scope.root(f, Scope.Context.PROTOCOL, null);
        Map<String, Span> seen = new HashMap<>();
        for (Param param : d.params()) {
            if (seen.containsKey(param.name().text())) {
                diagnostics.duplicate(param.name().span(), "protocol parameter", param.name().text(),
                        seen.get(param.name().text()));
                continue;
            }
            seen.put(param.name().text(), param.name().span());
            Type t = types.resolve(param.type(), f, false);
            if (!(t instanceof Type.Error) && !t.finite()) {
                diagnostics.badType(param.type().span(), "protocol parameter '" + param.name().text()
                        + "' must have a finite type");
            }
            Variable v = new Variable(param.name().text(), t, param.name().span(), Variable.Kind.PROTOCOL_PARAM,
                    p.params().size());
            p.params().add(v);
            scope.add(v);
        }
        for (Name r : d.roles()) {
            RoleDef role = globals.find(f, r.span(), r.text(), RoleDef.class, "role");
            if (role != null) {
                if (p.roles().contains(role)) {
                    diagnostics.invalid(r.span(), "role " + r.text() + " listed twice");
                } else {
                    p.roles().add(role);
                }
            }
        }
        p.steps().addAll(steps(p, d.steps(), scope));
        if (p.steps().isEmpty()) {
            diagnostics.invalid(p.span(), "protocol " + p.name() + " has no steps");
        }
    }

    private List<ProtocolStep> steps(ProtocolDef p, List<Protocol.Step> steps, Scope scope) {
        List<ProtocolStep> out = new ArrayList<>();
        for (Protocol.Step s : steps) {
            ProtocolStep r = step(p, s, scope);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private List<ReqCitation> reqs(List<Annotation> annotations) {
        List<ReqCitation> out = new ArrayList<>();
        for (Annotation a : annotations) {
            if (a.name().equals("doc")) {
                continue; // read by doc()
            }
            if (!a.name().equals("req")) {
                diagnostics.invalid(a.span(), "@" + a.name() + " does not apply to protocol steps");
                continue;
            }
            for (Annotation.ReqRef r : a.refs()) {
                out.add(new ReqCitation(r.id(), r.span()));
            }
        }
        return out;
    }

    /** A step's {@code @doc "..."} (one at most), or null. */
    private String doc(List<Annotation> annotations) {
        String doc = null;
        for (Annotation a : annotations) {
            if (!a.name().equals("doc")) {
                continue;
            }
            if (a.text() == null) {
                diagnostics.invalid(a.span(), "@doc needs a string: @doc \"what this step does\"");
            } else if (doc != null) {
                diagnostics.invalid(a.span(), "a protocol step has one @doc");
            } else {
                doc = a.text();
            }
        }
        return doc;
    }

    private RoleDef role(ProtocolDef p, Name n) {
        RoleDef r = p.roles().stream().filter(x -> x.name().equals(n.text())).findFirst().orElse(null);
        if (r == null) {
            diagnostics.unknown(n.span(), "role", n.text(), "in protocol " + p.name() + " (list it after 'roles')");
        }
        return r;
    }

    private ProtocolStep step(ProtocolDef p, Protocol.Step s, Scope scope) {
        if (s instanceof Protocol.Message m) {
            RoleDef from = role(p, m.from());
            RoleDef to = role(p, m.to());
            List<Expr> args = new ArrayList<>();
            for (var a : m.args()) {
                args.add(exprs.expr(a, scope, null));
            }
            List<ProtocolStep.Fired> fired = new ArrayList<>();
            for (Protocol.Fired fe : m.fired()) {
                ProtocolStep.Fired r = fired(fe, scope);
                if (r != null) {
                    fired.add(r);
                }
            }
            return from == null || to == null ? null
                    : new ProtocolStep.Message(m.span(), reqs(m.annotations()), doc(m.annotations()), from, to,
                    m.message().text(), args, fired);
        }
        if (s instanceof Protocol.Script sc) {
            return script(p, sc, scope);
        }
        if (s instanceof Protocol.Block b) {
            if (b.elseLabel() != null && !b.kind().equals("alt")) {
                diagnostics.invalid(b.span(), "only 'alt' blocks have an 'else' branch");
            }
            return new ProtocolStep.Block(b.span(), reqs(b.annotations()), doc(b.annotations()), b.kind(), b.label(),
                    steps(p, b.steps(), scope), b.elseLabel(), steps(p, b.elseSteps(), scope));
        }
        throw new IllegalStateException("unhandled " + s);
    }

    private ProtocolStep.Fired fired(Protocol.Fired fe, Scope scope) {
        if (fe.machine() == null) {
            diagnostics.invalid(fe.span(), "protocols fire events of machine instances, not 'self'");
            return null;
        }
        MachineDef m = globals.find(scope.file, fe.machine().span(), fe.machine().text(), MachineDef.class, "machine");
        if (m == null) {
            return null;
        }
        Expr inst = exprs.instance(fe.machine().span(), m, fe.instanceArgs(), scope);
        EventDef ev = m.event(fe.event().text());
        if (ev == null) {
            diagnostics.unknown(fe.event().span(), "event", fe.event().text(), "of machine " + m.name());
            return null;
        }
        List<Expr> args = exprs.eventArgs(fe.span(), ev, fe.args(), scope);
        return inst instanceof Expr.Instance i ? new ProtocolStep.Fired(fe.span(), m, i.args(), ev, args) : null;
    }

    private ProtocolStep script(ProtocolDef p, Protocol.Script sc, Scope scope) {
        RoleDef from = role(p, sc.from());
        RoleDef to = role(p, sc.to());
        SecurityDomainDef sd = globals.find(scope.file, sc.domain().span(), sc.domain().text(), SecurityDomainDef.class,
                "security domain");
        AppletDef applet = globals.find(scope.file, sc.applet().span(), sc.applet().text(), AppletDef.class, "applet");
        if (from == null || to == null || sd == null || applet == null) {
            return null;
        }
        List<ProtocolStep.ScriptCommand> commands = new ArrayList<>();
        for (Protocol.ScriptCommand c : sc.commands()) {
            CommandDef cmd = applet.command(c.command().text());
            if (cmd == null) {
                diagnostics.unknown(c.command().span(), "command", c.command().text(), "of applet " + applet.name());
                continue;
            }
            List<Object> values = new ArrayList<>(Arrays.asList(new Object[cmd.params().size()]));
            for (Protocol.ScriptArg a : c.args()) {
                Variable param = cmd.params().stream().filter(x -> x.name().equals(a.name().text())).findFirst()
                        .orElse(null);
                if (param == null) {
                    diagnostics.unknown(a.name().span(), "parameter", a.name().text(), "of command " + cmd.name());
                    continue;
                }
                if (values.get(param.index()) != null) {
                    diagnostics.invalid(a.name().span(), "parameter '" + param.name() + "' given twice");
                    continue;
                }
                if (a.bytes() != null && !(param.type() instanceof Type.Bytes) && a.bytes().length <= 1) {
                    // a one-byte hex literal for a byte or enum parameter is a number
                    int v = a.bytes().length == 0 ? 0 : a.bytes()[0] & 0xFF;
                    values.set(param.index(), exprs.value(new dev.inkan.generator.ast.Expr.IntLit(a.span(), v), scope,
                            param.type(), "parameter '" + param.name() + "'"));
                } else if (a.bytes() != null) {
                    if (!(param.type() instanceof Type.Bytes)) {
                        diagnostics.typeMismatch(a.span(), "parameter '" + param.name() + "'", param.type().display(),
                                "a byte string");
                    }
                    values.set(param.index(), a.bytes());
                } else {
                    if (param.type() instanceof Type.Bytes) {
                        diagnostics.typeMismatch(a.span(), "parameter '" + param.name() + "'", "a byte string (0x...)",
                                "an expression");
                        continue;
                    }
                    values.set(param.index(), exprs.value(a.value(), scope, param.type(),
                            "parameter '" + param.name() + "'"));
                }
            }
            for (Annotation an : c.annotations()) {
                diagnostics.invalid(an.span(), "@" + an.name() + " does not apply to script commands");
            }
            List<Integer> expected = c.expected().isEmpty() ? List.of(0x9000) : c.expected();
            commands.add(new ProtocolStep.ScriptCommand(c.span(), cmd, values, expected));
        }
        if (commands.isEmpty()) {
            diagnostics.invalid(sc.name().span(), "script " + sc.name().text() + " has no commands");
        }
        return new ProtocolStep.Script(sc.span(), reqs(sc.annotations()), doc(sc.annotations()), from, to,
                sc.name().text(), sd, applet, commands);
    }
}
