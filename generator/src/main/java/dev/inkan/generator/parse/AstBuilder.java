package dev.inkan.generator.parse;

import dev.inkan.generator.ast.Annotation;
import dev.inkan.generator.ast.Applet;
import dev.inkan.generator.ast.Decl;
import dev.inkan.generator.ast.Expr;
import dev.inkan.generator.ast.Member;
import dev.inkan.generator.ast.Name;
import dev.inkan.generator.ast.Param;
import dev.inkan.generator.ast.Protocol;
import dev.inkan.generator.ast.SpecFileAst;
import dev.inkan.generator.ast.Stmt;
import dev.inkan.generator.ast.TypeRef;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a syntax-error-free parse tree into the AST. Reads labelled parts only; value checks
 * that the grammar cannot express (numbers out of range, duplicate properties) are reported here.
 */
final class AstBuilder {
    private final SourceFile file;
    private final Diagnostics diagnostics;

    AstBuilder(SourceFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    SpecFileAst build(JsmParser.SpecFileContext ctx) {
        List<SpecFileAst.Import> imports = new ArrayList<>();
        for (JsmParser.ImportDeclContext i : ctx.imports) {
            imports.add(new SpecFileAst.Import(span(i.path), unquote(i.path.getText())));
        }
        List<Decl> decls = new ArrayList<>();
        for (JsmParser.DeclarationContext d : ctx.decls) {
            decls.add(declaration(d));
        }
        return new SpecFileAst(file, imports, decls);
    }

    // ------------------------------------------------------------------ positions

    Span span(Token t) {
        int len = t.getStopIndex() >= t.getStartIndex() ? t.getStopIndex() - t.getStartIndex() + 1 : 1;
        return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        int len = 1;
        if (stop != null && stop.getLine() == start.getLine() && stop.getStopIndex() >= start.getStartIndex()) {
            len = stop.getStopIndex() - start.getStartIndex() + 1;
        } else if (stop != null) {
            len = Math.max(1, start.getStopIndex() - start.getStartIndex() + 1);
        }
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1, len);
    }

    /** Span of a declaration: its keyword line, pointing at its name when it has one. */
    private Span declSpan(ParserRuleContext ctx, JsmParser.IdentContext name) {
        return name != null ? span(name) : span(ctx);
    }

    Name name(JsmParser.IdentContext ctx) {
        return ctx == null ? null : new Name(span(ctx), ctx.getText());
    }

    private List<Name> names(List<JsmParser.IdentContext> ctxs) {
        List<Name> out = new ArrayList<>();
        for (JsmParser.IdentContext c : ctxs) {
            out.add(name(c));
        }
        return out;
    }

    static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private long integer(Token t) {
        String text = t.getText();
        BigInteger v = text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        if (v.bitLength() > 31) {
            diagnostics.invalid(span(t), "number " + text + " is too large");
            return 0;
        }
        return v.longValue();
    }

    private long integer(JsmParser.IntLiteralContext ctx) {
        return integer(ctx.getStart());
    }

    private int smallInt(Token t) {
        return (int) integer(t);
    }

    private byte[] hexBytes(Token t) {
        String digits = t.getText().substring(2);
        if (digits.length() % 2 != 0) {
            diagnostics.invalid(span(t), "hex string " + t.getText() + " has an odd number of digits");
            return new byte[0];
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    // ------------------------------------------------------------------ annotations and types

    private List<Annotation> annotations(List<JsmParser.AnnotationContext> ctxs) {
        List<Annotation> out = new ArrayList<>();
        for (JsmParser.AnnotationContext a : ctxs) {
            List<Annotation.ReqRef> refs = new ArrayList<>();
            for (JsmParser.ReqRefContext r : a.refs) {
                refs.add(new Annotation.ReqRef(span(r), r.prefix.getText() + "-" + r.number.getText()));
            }
            String text = a.text == null ? null : unquote(a.text.getText());
            Integer number = a.number == null ? null : smallInt(a.number);
            out.add(new Annotation(span(a), a.name.getText(), refs, text, number));
        }
        return out;
    }

    TypeRef type(JsmParser.TypeContext ctx) {
        Span s = span(ctx);
        if (ctx instanceof JsmParser.BoolTypeContext) {
            return new TypeRef.Bool(s);
        }
        if (ctx instanceof JsmParser.ByteTypeContext) {
            return new TypeRef.Byte(s);
        }
        if (ctx instanceof JsmParser.BytesTypeContext) {
            return new TypeRef.Bytes(s);
        }
        if (ctx instanceof JsmParser.RangeTypeContext r) {
            return new TypeRef.Range(s, signed(r.lo), signed(r.hi));
        }
        JsmParser.NamedTypeContext n = (JsmParser.NamedTypeContext) ctx;
        return new TypeRef.Named(s, name(n.name), n.optional != null);
    }

    private long signed(JsmParser.SignedIntContext ctx) {
        long v = integer(ctx.value);
        return ctx.minus != null ? -v : v;
    }

    private Param param(JsmParser.ParamContext ctx) {
        return new Param(name(ctx.name), type(ctx.paramType));
    }

    private List<Param> params(List<JsmParser.ParamContext> ctxs) {
        List<Param> out = new ArrayList<>();
        for (JsmParser.ParamContext p : ctxs) {
            out.add(param(p));
        }
        return out;
    }

    private List<Param> binders(List<JsmParser.BinderContext> ctxs) {
        List<Param> out = new ArrayList<>();
        for (JsmParser.BinderContext b : ctxs) {
            out.add(new Param(name(b.name), type(b.binderType)));
        }
        return out;
    }

    // ------------------------------------------------------------------ declarations

    private Decl declaration(JsmParser.DeclarationContext ctx) {
        ParserRuleContext d = (ParserRuleContext) ctx.getChild(0);
        if (d instanceof JsmParser.EnumDeclContext e) {
            List<Decl.EnumMember> members = new ArrayList<>();
            for (JsmParser.EnumMemberContext m : e.members) {
                members.add(new Decl.EnumMember(annotations(m.annotation()), name(m.name),
                        m.code == null ? null : integer(m.code)));
            }
            return new Decl.EnumDecl(declSpan(e, e.name), annotations(e.annotation()), name(e.name), members);
        }
        if (d instanceof JsmParser.DomainDeclContext dd) {
            return new Decl.DomainDecl(span(dd), annotations(dd.annotation()), names(dd.names));
        }
        if (d instanceof JsmParser.RoleDeclContext r) {
            return new Decl.RoleDecl(span(r), annotations(r.annotation()), names(r.names));
        }
        if (d instanceof JsmParser.FunctionDeclContext f) {
            return new Decl.FunctionDecl(declSpan(f, f.name), annotations(f.annotation()), name(f.name),
                    params(f.params), type(f.result), expr(f.body));
        }
        if (d instanceof JsmParser.MachineDeclContext m) {
            return machine(m);
        }
        if (d instanceof JsmParser.MonitorDeclContext m) {
            return monitor(m);
        }
        if (d instanceof JsmParser.InvariantDeclContext i) {
            return new Decl.InvariantDecl(declSpan(i, i.name), annotations(i.annotation()), name(i.name),
                    expr(i.body));
        }
        if (d instanceof JsmParser.SystemDeclContext s) {
            List<Decl.DomainSize> sizes = new ArrayList<>();
            for (JsmParser.DomainSizeContext z : s.sizes) {
                sizes.add(new Decl.DomainSize(name(z.domain), span(z.size), smallInt(z.size)));
            }
            return new Decl.SystemDecl(declSpan(s, s.name), annotations(s.annotation()), name(s.name), sizes);
        }
        if (d instanceof JsmParser.SecurityDomainDeclContext sd) {
            return securityDomain(sd);
        }
        if (d instanceof JsmParser.AppletDeclContext a) {
            return applet(a);
        }
        return protocol((JsmParser.ProtocolDeclContext) d);
    }

    private Decl.MachineDecl machine(JsmParser.MachineDeclContext ctx) {
        List<Member.Var> vars = new ArrayList<>();
        List<Member.States> states = new ArrayList<>();
        List<Member.Event> events = new ArrayList<>();
        List<Member.Transition> transitions = new ArrayList<>();
        List<Member.Ignore> ignores = new ArrayList<>();
        for (JsmParser.MachineMemberContext m : ctx.members) {
            if (m.varDecl() != null) {
                vars.add(var(m.varDecl()));
            } else if (m.stateDecl() != null) {
                states.add(states(m.stateDecl()));
            } else if (m.eventDecl() != null) {
                JsmParser.EventDeclContext e = m.eventDecl();
                events.add(new Member.Event(span(e.name), annotations(e.annotation()), name(e.name), params(e.params),
                        e.internal != null, name(e.role)));
            } else if (m.transition() != null) {
                JsmParser.TransitionContext t = m.transition();
                transitions.add(new Member.Transition(span(t.event), annotations(t.annotation()), name(t.event),
                        stateSet(t.source), name(t.target), t.guard == null ? null : expr(t.guard), block(t.body)));
            } else {
                JsmParser.IgnoreDeclContext i = m.ignoreDecl();
                ignores.add(new Member.Ignore(span(i), annotations(i.annotation()), names(i.events),
                        stateSet(i.states)));
            }
        }
        return new Decl.MachineDecl(declSpan(ctx, ctx.name), annotations(ctx.annotation()), name(ctx.name),
                params(ctx.params), vars, states, events, transitions, ignores);
    }

    private Decl.MonitorDecl monitor(JsmParser.MonitorDeclContext ctx) {
        List<Member.Var> vars = new ArrayList<>();
        List<Member.States> states = new ArrayList<>();
        List<Member.Observation> observations = new ArrayList<>();
        for (JsmParser.MonitorMemberContext m : ctx.members) {
            if (m.varDecl() != null) {
                vars.add(var(m.varDecl()));
            } else if (m.stateDecl() != null) {
                states.add(states(m.stateDecl()));
            } else {
                JsmParser.ObservationContext o = m.observation();
                List<Expr> patterns = new ArrayList<>();
                for (JsmParser.PatternContext p : o.patterns) {
                    patterns.add(p.wildcard != null ? null : expr(p.value));
                }
                observations.add(new Member.Observation(span(o.machine), annotations(o.annotation()), name(o.machine),
                        patterns, !o.patterns.isEmpty(), name(o.event), stateSet(o.source), name(o.target),
                        o.guard == null ? null : expr(o.guard), block(o.body)));
            }
        }
        return new Decl.MonitorDecl(declSpan(ctx, ctx.name), annotations(ctx.annotation()), name(ctx.name),
                params(ctx.params), vars, states, observations);
    }

    private Member.Var var(JsmParser.VarDeclContext v) {
        return new Member.Var(span(v.name), annotations(v.annotation()), name(v.name), type(v.varType),
                v.init == null ? null : expr(v.init));
    }

    private Member.States states(JsmParser.StateDeclContext s) {
        List<String> modifiers = new ArrayList<>();
        for (JsmParser.StateModifierContext m : s.modifiers) {
            modifiers.add(m.getText());
        }
        return new Member.States(span(s), annotations(s.annotation()), modifiers, names(s.names));
    }

    private Member.StateSet stateSet(JsmParser.StateSetContext ctx) {
        return new Member.StateSet(span(ctx), ctx.any != null, names(ctx.names));
    }

    private Decl.SecurityDomainDecl securityDomain(JsmParser.SecurityDomainDeclContext ctx) {
        byte[] aid = null;
        Span aidSpan = null;
        Name owner = null;
        Name parent = null;
        for (JsmParser.SdMemberContext m : ctx.members) {
            if (m instanceof JsmParser.SdAidContext a) {
                if (aid != null) {
                    diagnostics.invalid(span(a), "aid given twice");
                }
                aid = hexBytes(a.value);
                aidSpan = span(a.value);
            } else if (m instanceof JsmParser.SdOwnerContext o) {
                owner = name(o.role);
            } else {
                parent = name(((JsmParser.SdParentContext) m).parent);
            }
        }
        return new Decl.SecurityDomainDecl(declSpan(ctx, ctx.name), annotations(ctx.annotation()), name(ctx.name),
                aid, aidSpan, owner, parent);
    }

    private Decl.AppletDecl applet(JsmParser.AppletDeclContext ctx) {
        byte[] aid = null;
        Span aidSpan = null;
        Name domain = null;
        Name installed = null;
        List<Applet.Pin> pins = new ArrayList<>();
        List<Applet.File> files = new ArrayList<>();
        List<Applet.Command> commands = new ArrayList<>();
        for (JsmParser.AppletMemberContext m : ctx.members) {
            if (m.appletAid() != null) {
                if (aid != null) {
                    diagnostics.invalid(span(m), "aid given twice");
                }
                aid = hexBytes(m.appletAid().value);
                aidSpan = span(m.appletAid().value);
            } else if (m.appletDomain() != null) {
                domain = name(m.appletDomain().sd);
            } else if (m.appletInstalled() != null) {
                if (installed != null) {
                    diagnostics.invalid(span(m), "installed state given twice");
                }
                installed = name(m.appletInstalled().state);
            } else if (m.pinDecl() != null) {
                pins.add(pin(m.pinDecl()));
            } else if (m.fileDecl() != null) {
                files.add(file(m.fileDecl()));
            } else {
                commands.add(command(m.commandDecl()));
            }
        }
        return new Decl.AppletDecl(declSpan(ctx, ctx.name), annotations(ctx.annotation()), name(ctx.name),
                name(ctx.machine), aid, aidSpan, domain, installed, pins, files, commands);
    }

    private Applet.Pin pin(JsmParser.PinDeclContext ctx) {
        Integer tries = null;
        Integer min = null;
        Integer max = null;
        Name charset = null;
        Name model = null;
        List<Expr> modelArgs = List.of();
        for (JsmParser.PinPropContext p : ctx.props) {
            if (p instanceof JsmParser.PinTriesContext t) {
                tries = smallInt(t.value);
            } else if (p instanceof JsmParser.PinLengthContext l) {
                min = smallInt(l.min);
                max = smallInt(l.max);
            } else if (p instanceof JsmParser.PinCharsetContext c) {
                charset = name(c.charset);
            } else {
                JsmParser.InstanceRefContext i = ((JsmParser.PinModelContext) p).instance;
                model = i.self != null ? null : name(i.machine);
                modelArgs = exprs(i.args);
            }
        }
        return new Applet.Pin(span(ctx.name), annotations(ctx.annotation()), name(ctx.name), tries, min, max,
                charset, model, modelArgs);
    }

    private Applet.File file(JsmParser.FileDeclContext ctx) {
        Integer fid = null;
        Span fidSpan = null;
        Name kind = null;
        Name access = null;
        Name accessPin = null;
        Integer size = null;
        for (JsmParser.FilePropContext p : ctx.props) {
            if (p instanceof JsmParser.FileFidContext f) {
                fid = smallInt(f.value);
                fidSpan = span(f.value);
            } else if (p instanceof JsmParser.FileKindContext k) {
                kind = name(k.kind);
            } else if (p instanceof JsmParser.FileAccessContext a) {
                access = name(a.access);
                accessPin = name(a.pin);
            } else {
                size = smallInt(((JsmParser.FileSizeContext) p).value);
            }
        }
        return new Applet.File(span(ctx.name), annotations(ctx.annotation()), name(ctx.name), fid, fidSpan, kind,
                access, accessPin, size);
    }

    private Applet.Command command(JsmParser.CommandDeclContext ctx) {
        Applet.HeaderValue[] header = new Applet.HeaderValue[4];
        Name dataParam = null;
        byte[] dataConstant = null;
        boolean dataGiven = false;
        Integer le = null;
        boolean leNone = false;
        Member.StateSet states = null;
        List<Name> secure = new ArrayList<>();
        boolean secureGiven = false;
        Name pin = null;
        boolean pinSelected = false;
        boolean pinGiven = false;
        List<Applet.Refusal> refusals = new ArrayList<>();
        Name event = null;
        for (JsmParser.CommandPropContext p : ctx.props) {
            if (p instanceof JsmParser.CommandHeaderContext h) {
                int index = switch (h.field.getText()) {
                    case "cla" -> 0;
                    case "ins" -> 1;
                    case "p1" -> 2;
                    default -> 3;
                };
                if (header[index] != null) {
                    diagnostics.invalid(span(h), h.field.getText() + " given twice");
                }
                JsmParser.HeaderValueContext v = h.value;
                header[index] = new Applet.HeaderValue(span(v),
                        v.value == null ? null : (int) integer(v.value), v.any != null, name(v.paramName));
            } else if (p instanceof JsmParser.CommandDataContext d) {
                dataGiven = true;
                dataParam = name(d.paramName);
                dataConstant = d.value == null ? null : hexBytes(d.value);
            } else if (p instanceof JsmParser.CommandLeContext l) {
                le = l.value == null ? null : (int) integer(l.value);
                leNone = l.none != null;
            } else if (p instanceof JsmParser.CommandStatesContext s) {
                states = stateSet(s.states);
            } else if (p instanceof JsmParser.CommandSecureContext s) {
                secureGiven = true;
                secure.addAll(names(s.levels));
            } else if (p instanceof JsmParser.CommandPinContext pc) {
                pinGiven = true;
                pin = name(pc.pin);
                pinSelected = pc.selected != null;
            } else if (p instanceof JsmParser.CommandRefuseContext r) {
                for (JsmParser.RefusalContext x : r.refusals) {
                    refusals.add(new Applet.Refusal(span(x), x.reason == null ? null
                            : new Name(span(x.reason), x.reason.getText()), smallInt(x.sw)));
                }
            } else {
                event = name(((JsmParser.CommandEventContext) p).event);
            }
        }
        return new Applet.Command(span(ctx.name), annotations(ctx.annotation()), name(ctx.name), params(ctx.params),
                header[0], header[1], header[2], header[3], dataParam, dataConstant, dataGiven, le, leNone,
                states, secure, secureGiven, pin, pinSelected, pinGiven, refusals, event);
    }

    private Decl.ProtocolDecl protocol(JsmParser.ProtocolDeclContext ctx) {
        List<Protocol.Step> steps = new ArrayList<>();
        for (JsmParser.ProtocolStepContext s : ctx.steps) {
            steps.add(step(s));
        }
        return new Decl.ProtocolDecl(declSpan(ctx, ctx.name), annotations(ctx.annotation()), name(ctx.name),
                params(ctx.params), names(ctx.roles), steps);
    }

    private Protocol.Step step(JsmParser.ProtocolStepContext ctx) {
        if (ctx instanceof JsmParser.MessageStepContext m) {
            List<Protocol.Fired> fired = new ArrayList<>();
            for (JsmParser.FiredEventContext f : m.fired) {
                JsmParser.InstanceRefContext i = f.instance;
                fired.add(new Protocol.Fired(span(f), i.self != null ? null : name(i.machine), exprs(i.args),
                        name(f.event), exprs(f.args)));
            }
            return new Protocol.Message(span(m.from), annotations(m.annotation()), name(m.from), name(m.to),
                    name(m.message), exprs(m.args), fired);
        }
        if (ctx instanceof JsmParser.ScriptStepContext s) {
            List<Protocol.ScriptCommand> commands = new ArrayList<>();
            for (JsmParser.ScriptCommandContext c : s.commands) {
                List<Protocol.ScriptArg> args = new ArrayList<>();
                for (JsmParser.ScriptArgContext a : c.args) {
                    args.add(new Protocol.ScriptArg(span(a), name(a.name), a.value == null ? null : expr(a.value),
                            a.hex == null ? null : hexBytes(a.hex)));
                }
                List<Integer> expected = new ArrayList<>();
                for (Token sw : c.sws) {
                    expected.add(smallInt(sw));
                }
                commands.add(new Protocol.ScriptCommand(span(c.command), annotations(c.annotation()), name(c.command),
                        args, expected));
            }
            return new Protocol.Script(span(s.from), annotations(s.annotation()), name(s.from), name(s.to),
                    name(s.name), name(s.sd), name(s.applet), commands);
        }
        JsmParser.BlockStepContext b = (JsmParser.BlockStepContext) ctx;
        List<Protocol.Step> steps = new ArrayList<>();
        for (JsmParser.ProtocolStepContext s : b.steps) {
            steps.add(step(s));
        }
        List<Protocol.Step> elseSteps = new ArrayList<>();
        for (JsmParser.ProtocolStepContext s : b.elseSteps) {
            elseSteps.add(step(s));
        }
        return new Protocol.Block(span(b.kind), annotations(b.annotation()), b.kind.getText(),
                unquote(b.label.getText()), steps, b.elseLabel == null ? null : unquote(b.elseLabel.getText()),
                elseSteps);
    }

    // ------------------------------------------------------------------ statements and expressions

    private List<Stmt> block(JsmParser.BlockContext ctx) {
        List<Stmt> out = new ArrayList<>();
        if (ctx != null) {
            for (JsmParser.StmtContext s : ctx.stmts) {
                out.add(stmt(s));
            }
        }
        return out;
    }

    private Stmt stmt(JsmParser.StmtContext ctx) {
        if (ctx instanceof JsmParser.AssignStmtContext a) {
            return new Stmt.Assign(span(a.target), name(a.target), expr(a.value));
        }
        if (ctx instanceof JsmParser.EmitStmtContext e) {
            JsmParser.InstanceRefContext i = e.instance;
            return new Stmt.Emit(span(e), i.self != null ? null : name(i.machine), exprs(i.args), name(e.event),
                    exprs(e.args));
        }
        if (ctx instanceof JsmParser.ForStmtContext f) {
            return new Stmt.For(span(f), binders(f.binders), f.filter == null ? null : expr(f.filter), block(f.body));
        }
        if (ctx instanceof JsmParser.IfStmtContext i) {
            List<Stmt> elseBody;
            if (i.elseBlock != null) {
                elseBody = block(i.elseBlock);
            } else if (i.elseIf != null) {
                if (!(i.elseIf instanceof JsmParser.IfStmtContext)) {
                    diagnostics.syntax(span(i.elseIf), "'else' must be followed by a block or 'if'");
                }
                elseBody = List.of(stmt(i.elseIf));
            } else {
                elseBody = List.of();
            }
            return new Stmt.If(span(i), expr(i.cond), block(i.thenBlock), elseBody);
        }
        JsmParser.FailStmtContext f = (JsmParser.FailStmtContext) ctx;
        return new Stmt.Fail(span(f), unquote(f.message.getText()));
    }

    private List<Expr> exprs(List<JsmParser.ExprContext> ctxs) {
        List<Expr> out = new ArrayList<>();
        for (JsmParser.ExprContext e : ctxs) {
            out.add(expr(e));
        }
        return out;
    }

    Expr expr(JsmParser.ExprContext ctx) {
        Span s = span(ctx);
        if (ctx instanceof JsmParser.ParenExprContext p) {
            return expr(p.inner);
        }
        if (ctx instanceof JsmParser.IntExprContext i) {
            return new Expr.IntLit(s, integer(i.value));
        }
        if (ctx instanceof JsmParser.BoolExprContext b) {
            return new Expr.BoolLit(s, b.value.getText().equals("true"));
        }
        if (ctx instanceof JsmParser.NoneExprContext) {
            return new Expr.NoneLit(s);
        }
        if (ctx instanceof JsmParser.SelfExprContext) {
            return new Expr.Self(s);
        }
        if (ctx instanceof JsmParser.CountExprContext c) {
            return new Expr.Count(s, binders(c.binders), expr(c.body));
        }
        if (ctx instanceof JsmParser.CallExprContext c) {
            return new Expr.Call(span(c.name), name(c.name), exprs(c.args));
        }
        if (ctx instanceof JsmParser.NameExprContext n) {
            return new Expr.NameRef(s, name(n.name));
        }
        if (ctx instanceof JsmParser.FieldExprContext f) {
            return new Expr.Field(span(f.field), expr(f.target), name(f.field));
        }
        if (ctx instanceof JsmParser.UnaryExprContext u) {
            return new Expr.Unary(s, u.op.getText(), expr(u.operand));
        }
        if (ctx instanceof JsmParser.BinaryExprContext b) {
            return new Expr.Binary(span(b.op), b.op.getText(), expr(b.left), expr(b.right));
        }
        if (ctx instanceof JsmParser.InExprContext i) {
            return new Expr.In(s, expr(i.subject), names(i.members), i.negated != null);
        }
        if (ctx instanceof JsmParser.IsExprContext i) {
            return new Expr.In(s, expr(i.subject), List.of(name(i.member)), i.negated != null);
        }
        if (ctx instanceof JsmParser.ConditionalExprContext c) {
            return new Expr.Conditional(s, expr(c.cond), expr(c.thenValue), expr(c.elseValue));
        }
        JsmParser.QuantifiedExprContext q = (JsmParser.QuantifiedExprContext) ctx;
        return new Expr.Quantified(s, q.quantifier.getText().equals("forall"), binders(q.binders), expr(q.body));
    }
}
