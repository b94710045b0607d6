package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.Expr;
import dev.inkan.generator.ast.Name;
import dev.inkan.generator.ast.Param;
import dev.inkan.generator.ast.Stmt;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/** Resolves names in expressions and statements and checks their types. */
final class ExprResolver {
    private final Diagnostics diagnostics;
    private final GlobalNames globals;
    private final TypeResolver types;

    ExprResolver(Diagnostics diagnostics, GlobalNames globals, TypeResolver types) {
        this.diagnostics = diagnostics;
        this.globals = globals;
        this.types = types;
    }

    // ------------------------------------------------------------------ typed entry points

    dev.inkan.generator.ir.Expr bool(Expr e, Scope scope, String context) {
        dev.inkan.generator.ir.Expr r = expr(e, scope, Type.BOOL);
        expect(r, Type.BOOL, context);
        return r;
    }

    /** Resolves a value that will be stored in or passed as {@code target}. */
    dev.inkan.generator.ir.Expr value(Expr e, Scope scope, Type target, String context) {
        dev.inkan.generator.ir.Expr r = expr(e, scope, target);
        if (!Type.assignable(r.type(), target)) {
            diagnostics.typeMismatch(e.span(), context, target.display(), r.type().display());
        } else if (Type.isInt(target) && target instanceof Type.Int t && r instanceof dev.inkan.generator.ir.Expr.Const c
                && (c.value() < t.lo() || c.value() > t.hi())) {
            diagnostics.badType(e.span(), context + ": " + c.value() + " is outside " + t.display());
        }
        return r;
    }

    private void expect(dev.inkan.generator.ir.Expr r, Type t, String context) {
        if (!Type.assignable(r.type(), t)) {
            diagnostics.typeMismatch(r.span(), context, t.display(), r.type().display());
        }
    }

    // ------------------------------------------------------------------ expressions

    dev.inkan.generator.ir.Expr expr(Expr e, Scope scope, Type expected) {
        if (e instanceof Expr.IntLit i) {
            return new dev.inkan.generator.ir.Expr.Const(i.span(),
                    new Type.Int(i.value(), i.value()), (int) i.value());
        }
        if (e instanceof Expr.BoolLit b) {
            return new dev.inkan.generator.ir.Expr.Const(b.span(), Type.BOOL, b.value() ? 1 : 0);
        }
        if (e instanceof Expr.NoneLit n) {
            return new dev.inkan.generator.ir.Expr.Const(n.span(),
                    expected instanceof Type.Optional ? expected : Type.NONE, -1);
        }
        if (e instanceof Expr.Self s) {
            return self(s.span(), scope);
        }
        if (e instanceof Expr.NameRef n) {
            return name(n.name(), scope, expected);
        }
        if (e instanceof Expr.Call c) {
            return call(c, scope);
        }
        if (e instanceof Expr.Field f) {
            return field(f, scope);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u, scope);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Expr.In i) {
            return in(i, scope);
        }
        if (e instanceof Expr.Conditional c) {
            return conditional(c, scope, expected);
        }
        if (e instanceof Expr.Quantified q) {
            Scope inner = scope.child();
            List<Variable> binders = binders(q.binders(), inner);
            return new dev.inkan.generator.ir.Expr.Quantified(q.span(), q.universal(), binders,
                    bool(q.body(), inner, "quantified condition"));
        }
        if (e instanceof Expr.Count c) {
            Scope inner = scope.child();
            List<Variable> binders = binders(c.binders(), inner);
            return new dev.inkan.generator.ir.Expr.Count(c.span(), binders,
                    bool(c.body(), inner, "count condition"));
        }
        throw new IllegalStateException("unhandled " + e);
    }

    List<Variable> binders(List<Param> params, Scope scope) {
        List<Variable> out = new ArrayList<>();
        for (Param p : params) {
            Type t = types.resolve(p.type(), scope.file, false);
            if (!(t instanceof Type.Error) && (!t.finite() || t instanceof Type.Optional)) {
                diagnostics.badType(p.type().span(), "cannot range over " + t.display()
                        + ": binders take bool, a bounded int, an enum or a domain");
            }
            Variable v = new Variable(p.name().text(), t, p.name().span(), Variable.Kind.LOCAL, out.size());
            scope.add(v);
            out.add(v);
        }
        return out;
    }

    private dev.inkan.generator.ir.Expr invalid(Span span) {
        return new dev.inkan.generator.ir.Expr.Invalid(span);
    }

    private dev.inkan.generator.ir.Expr self(Span span, Scope scope) {
        if (scope.self == null) {
            diagnostics.invalid(span, "'self' is only meaningful inside a machine");
            return invalid(span);
        }
        return new dev.inkan.generator.ir.Expr.Self(span, scope.self);
    }

    private dev.inkan.generator.ir.Expr name(Name name, Scope scope, Type expected) {
        List<Variable> vars = scope.lookup(name.text());
        if (vars.size() > 1) {
            diagnostics.ambiguous(name.span(), name.text(), describe(vars.get(0)), describe(vars.get(1)));
            return invalid(name.span());
        }
        if (vars.size() == 1) {
            return new dev.inkan.generator.ir.Expr.Read(name.span(), vars.get(0));
        }
        EnumDef wanted = enumOf(expected);
        if (wanted != null && wanted.member(name.text()) != null) {
            return member(name.span(), wanted.member(name.text()));
        }
        List<EnumDef.Member> members = globals.members(scope.file, name.text());
        if (members.size() == 1) {
            return member(name.span(), members.get(0));
        }
        if (members.size() > 1) {
            diagnostics.ambiguous(name.span(), name.text(), "a member of " + members.get(0).owner().name(),
                    "a member of " + members.get(1).owner().name() + " (write " + members.get(0).owner().name()
                            + "." + name.text() + ")");
            return invalid(name.span());
        }
        Element e = globals.peek(scope.file, name.text());
        if (e instanceof MachineDef m) {
            return instance(name.span(), m, List.of(), scope);
        }
        if (e != null) {
            diagnostics.wrongKind(name.span(), name.text(), "a value", Resolver.describe(e));
        } else {
            diagnostics.unknown(name.span(), "name", name.text());
        }
        return invalid(name.span());
    }

    private static String describe(Variable v) {
        return switch (v.kind()) {
            case MACHINE_PARAM -> "a machine parameter";
            case MACHINE_VAR -> "a machine variable";
            case EVENT_PARAM -> "an event parameter";
            case FUNCTION_PARAM -> "a function parameter";
            case MONITOR_PARAM -> "a monitor parameter";
            case MONITOR_VAR -> "a monitor variable";
            case OBSERVED_PARAM -> "a parameter of the observed machine";
            case PROTOCOL_PARAM -> "a protocol parameter";
            case COMMAND_PARAM -> "a command parameter";
            case LOCAL -> "a bound variable";
        };
    }

    static EnumDef enumOf(Type t) {
        if (t instanceof Type.Optional o) {
            t = o.inner();
        }
        return t instanceof Type.Enum e ? e.def() : null;
    }

    private dev.inkan.generator.ir.Expr member(Span span, EnumDef.Member m) {
        return new dev.inkan.generator.ir.Expr.Const(span, new Type.Enum(m.owner()), m.index());
    }

    private dev.inkan.generator.ir.Expr call(Expr.Call c, Scope scope) {
        Element e = globals.peek(scope.file, c.name().text());
        if (e instanceof FunctionDef f) {
            if (f.params().size() != c.args().size()) {
                diagnostics.arity(c.span(), "function " + f.name(), f.params().size(), c.args().size());
                return invalid(c.span());
            }
            List<dev.inkan.generator.ir.Expr> args = new ArrayList<>();
            for (int i = 0; i < c.args().size(); i++) {
                args.add(value(c.args().get(i), scope, f.params().get(i).type(),
                        "argument '" + f.params().get(i).name() + "' of " + f.name()));
            }
            return new dev.inkan.generator.ir.Expr.Call(c.span(), f, args);
        }
        if (e instanceof MachineDef m) {
            return instance(c.span(), m, c.args(), scope);
        }
        if (e != null) {
            diagnostics.wrongKind(c.name().span(), c.name().text(), "a function or machine", Resolver.describe(e));
        } else {
            globals.find(scope.file, c.name().span(), c.name().text(), FunctionDef.class, "function or machine");
        }
        return invalid(c.span());
    }

    /** {@code Machine(args)}, checked against the machine's parameters. */
    dev.inkan.generator.ir.Expr instance(Span span, MachineDef m, List<Expr> argExprs, Scope scope) {
        if (!scope.readsState()) {
            diagnostics.invalid(span, "functions cannot read machine state ('" + m.name() + "')");
            return invalid(span);
        }
        if (m.params().size() != argExprs.size()) {
            diagnostics.arity(span, "machine " + m.name(), m.params().size(), argExprs.size());
            return invalid(span);
        }
        List<dev.inkan.generator.ir.Expr> args = new ArrayList<>();
        for (int i = 0; i < argExprs.size(); i++) {
            args.add(value(argExprs.get(i), scope, m.params().get(i).type(),
                    "parameter '" + m.params().get(i).name() + "' of " + m.name()));
        }
        return new dev.inkan.generator.ir.Expr.Instance(span, m, args);
    }

    private dev.inkan.generator.ir.Expr field(Expr.Field f, Scope scope) {
        if (f.target() instanceof Expr.NameRef n && scope.lookup(n.name().text()).isEmpty()
                && globals.peek(scope.file, n.name().text()) instanceof EnumDef en) {
            EnumDef.Member m = en.member(f.field().text());
            if (m == null) {
                diagnostics.unknown(f.field().span(), "member", f.field().text(), "of enum " + en.name());
                return invalid(f.span());
            }
            return member(f.span(), m);
        }
        dev.inkan.generator.ir.Expr target = expr(f.target(), scope, null);
        if (target.type() instanceof Type.Error) {
            return invalid(f.span());
        }
        if (!(target.type() instanceof Type.Instance inst)) {
            diagnostics.badType(f.field().span(), "'" + f.field().text() + "': only machine instances have fields, not "
                    + target.type().display());
            return invalid(f.span());
        }
        for (Variable v : inst.def().vars()) {
            if (v.name().equals(f.field().text())) {
                return new dev.inkan.generator.ir.Expr.InstanceVar(f.span(), target, v);
            }
        }
        diagnostics.unknown(f.field().span(), "variable", f.field().text(), "of machine " + inst.def().name());
        return invalid(f.span());
    }

    private dev.inkan.generator.ir.Expr unary(Expr.Unary u, Scope scope) {
        if (u.op().equals("!")) {
            return new dev.inkan.generator.ir.Expr.Unary(u.span(), Type.BOOL, "!", bool(u.operand(), scope, "operand of '!'"));
        }
        dev.inkan.generator.ir.Expr operand = expr(u.operand(), scope, null);
        if (!(operand.type() instanceof Type.Int t)) {
            if (!(operand.type() instanceof Type.Error)) {
                diagnostics.typeMismatch(u.operand().span(), "operand of '-'", "an int", operand.type().display());
            }
            return invalid(u.span());
        }
        return new dev.inkan.generator.ir.Expr.Unary(u.span(), new Type.Int(-t.hi(), -t.lo()), "-", operand);
    }

    private dev.inkan.generator.ir.Expr binary(Expr.Binary b, Scope scope) {
        String op = b.op();
        switch (op) {
            case "&&", "||", "=>" -> {
                var l = bool(b.left(), scope, "left of '" + op + "'");
                var r = bool(b.right(), scope, "right of '" + op + "'");
                return new dev.inkan.generator.ir.Expr.Binary(b.span(), Type.BOOL, op, l, r);
            }
            case "==", "!=" -> {
                var l = expr(b.left(), scope, null);
                var r = expr(b.right(), scope, l.type());
                if (l instanceof dev.inkan.generator.ir.Expr.Invalid && !(r instanceof dev.inkan.generator.ir.Expr.Invalid)
                        && b.left() instanceof Expr.NameRef) {
                    l = expr(b.left(), scope, r.type());
                }
                if (l.type() instanceof Type.Instance || r.type() instanceof Type.Instance) {
                    diagnostics.badType(b.span(), "machine instances cannot be compared with '" + op
                            + "'; test their state with 'in' or 'is'");
                } else if (!Type.comparable(l.type(), r.type())) {
                    diagnostics.badType(b.span(), "cannot compare " + l.type().display() + " with " + r.type().display());
                }
                return new dev.inkan.generator.ir.Expr.Binary(b.span(), Type.BOOL, op, l, r);
            }
            default -> {
                var l = expr(b.left(), scope, null);
                var r = expr(b.right(), scope, null);
                Type.Int lt = intOperand(l, b.left().span(), op);
                Type.Int rt = intOperand(r, b.right().span(), op);
                if (lt == null || rt == null) {
                    return invalid(b.span());
                }
                Type result = switch (op) {
                    case "<", "<=", ">", ">=" -> Type.BOOL;
                    case "+" -> range(lt.lo() + rt.lo(), lt.hi() + rt.hi());
                    case "-" -> range(lt.lo() - rt.hi(), lt.hi() - rt.lo());
                    case "*" -> {
                        long[] p = {lt.lo() * rt.lo(), lt.lo() * rt.hi(), lt.hi() * rt.lo(), lt.hi() * rt.hi()};
                        yield range(Math.min(Math.min(p[0], p[1]), Math.min(p[2], p[3])),
                                Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3])));
                    }
                    default -> {
                        if (r instanceof dev.inkan.generator.ir.Expr.Const c && c.value() == 0) {
                            diagnostics.badType(b.right().span(), "division by zero");
                        }
                        yield range(Math.min(0, lt.lo()), Math.max(0, lt.hi()));
                    }
                };
                return new dev.inkan.generator.ir.Expr.Binary(b.span(), result, op, l, r);
            }
        }
    }

    private static Type.Int range(long lo, long hi) {
        long cap = Type.Int.UNBOUNDED;
        return new Type.Int(Math.max(-cap, lo), Math.min(cap, hi));
    }

    private Type.Int intOperand(dev.inkan.generator.ir.Expr e, Span span, String op) {
        if (e.type() instanceof Type.Int t) {
            return t;
        }
        if (e.type() instanceof Type.Byte) {
            return new Type.Int(0, 255);
        }
        if (!(e.type() instanceof Type.Error)) {
            diagnostics.typeMismatch(span, "operand of '" + op + "'", "an int", e.type().display());
        }
        return null;
    }

    private dev.inkan.generator.ir.Expr in(Expr.In i, Scope scope) {
        dev.inkan.generator.ir.Expr subject = expr(i.subject(), scope, null);
        Type t = subject.type();
        if (t instanceof Type.Error) {
            return invalid(i.span());
        }
        if (t instanceof Type.Instance inst) {
            List<StateDef> states = new ArrayList<>();
            for (Name n : i.members()) {
                StateDef s = inst.def().state(n.text());
                if (s == null) {
                    diagnostics.unknown(n.span(), "state", n.text(), "of machine " + inst.def().name());
                } else if (!states.contains(s)) {
                    states.add(s);
                }
            }
            return new dev.inkan.generator.ir.Expr.InState(i.span(), subject, states, i.negated());
        }
        EnumDef en = enumOf(t);
        if (en != null) {
            List<Integer> members = new ArrayList<>();
            for (Name n : i.members()) {
                EnumDef.Member m = en.member(n.text());
                if (m == null) {
                    diagnostics.unknown(n.span(), "member", n.text(), "of enum " + en.name());
                } else if (!members.contains(m.index())) {
                    members.add(m.index());
                }
            }
            return new dev.inkan.generator.ir.Expr.InSet(i.span(), subject, members, i.negated());
        }
        diagnostics.badType(i.subject().span(), "'in' and 'is' test machine instances and enum values, not "
                + t.display());
        return invalid(i.span());
    }

    private dev.inkan.generator.ir.Expr conditional(Expr.Conditional c, Scope scope, Type expected) {
        var cond = bool(c.cond(), scope, "condition of 'if'");
        var a = expr(c.thenValue(), scope, expected);
        var b = expr(c.elseValue(), scope, a.type() instanceof Type.Error ? expected : a.type());
        Type t;
        if (a.type() instanceof Type.Int x && b.type() instanceof Type.Int y) {
            t = new Type.Int(Math.min(x.lo(), y.lo()), Math.max(x.hi(), y.hi()));
        } else if (Type.assignable(b.type(), a.type())) {
            t = a.type();
        } else if (Type.assignable(a.type(), b.type())) {
            t = b.type();
        } else {
            diagnostics.badType(c.span(), "branches of 'if' have different types: " + a.type().display() + " and "
                    + b.type().display());
            t = Type.ERROR;
        }
        return new dev.inkan.generator.ir.Expr.Conditional(c.span(), t, cond, a, b);
    }

    // ------------------------------------------------------------------ statements

    List<dev.inkan.generator.ir.Stmt> stmts(List<Stmt> body, Scope scope) {
        List<dev.inkan.generator.ir.Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            dev.inkan.generator.ir.Stmt r = stmt(s, scope);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private dev.inkan.generator.ir.Stmt stmt(Stmt s, Scope scope) {
        if (s instanceof Stmt.Assign a) {
            return assign(a, scope);
        }
        if (s instanceof Stmt.Emit e) {
            return emit(e, scope);
        }
        if (s instanceof Stmt.For f) {
            Scope inner = scope.child();
            List<Variable> binders = binders(f.binders(), inner);
            var filter = f.filter() == null ? null : bool(f.filter(), inner, "filter of 'for'");
            return new dev.inkan.generator.ir.Stmt.For(f.span(), binders, filter, stmts(f.body(), inner));
        }
        if (s instanceof Stmt.If i) {
            return new dev.inkan.generator.ir.Stmt.If(i.span(), bool(i.cond(), scope, "condition of 'if'"),
                    stmts(i.thenBody(), scope), stmts(i.elseBody(), scope));
        }
        if (s instanceof Stmt.Fail f) {
            if (scope.context != Scope.Context.MONITOR) {
                diagnostics.invalid(f.span(), "'fail' is only allowed in monitors");
            }
            return new dev.inkan.generator.ir.Stmt.Fail(f.span(), f.message());
        }
        throw new IllegalStateException("unhandled " + s);
    }

    private dev.inkan.generator.ir.Stmt assign(Stmt.Assign a, Scope scope) {
        List<Variable> vars = scope.lookup(a.target().text());
        Variable.Kind wanted = scope.context == Scope.Context.MONITOR ? Variable.Kind.MONITOR_VAR
                : Variable.Kind.MACHINE_VAR;
        Variable target = vars.stream().filter(v -> v.kind() == wanted).findFirst().orElse(null);
        if (target == null) {
            if (vars.isEmpty()) {
                diagnostics.unknown(a.target().span(), "variable", a.target().text());
            } else {
                diagnostics.invalid(a.target().span(), "cannot assign to '" + a.target().text() + "': it is "
                        + describe(vars.get(0)) + ", only own state variables can be assigned");
            }
            return null;
        }
        return new dev.inkan.generator.ir.Stmt.Assign(a.span(), target,
                value(a.value(), scope, target.type(), "assignment to '" + target.name() + "'"));
    }

    private dev.inkan.generator.ir.Stmt emit(Stmt.Emit e, Scope scope) {
        if (scope.context != Scope.Context.MACHINE) {
            diagnostics.invalid(e.span(), "only machines can emit events");
            return null;
        }
        dev.inkan.generator.ir.Expr target;
        MachineDef machine;
        if (e.machine() == null) {
            target = new dev.inkan.generator.ir.Expr.Self(e.span(), scope.self);
            machine = scope.self;
        } else {
            machine = globals.find(scope.file, e.machine().span(), e.machine().text(), MachineDef.class, "machine");
            if (machine == null) {
                return null;
            }
            target = instance(e.machine().span(), machine, e.instanceArgs(), scope);
        }
        EventDef event = machine.event(e.event().text());
        if (event == null) {
            diagnostics.unknown(e.event().span(), "event", e.event().text(), "of machine " + machine.name());
            return null;
        }
        return new dev.inkan.generator.ir.Stmt.Emit(e.span(), target, event, eventArgs(e.span(), event, e.args(), scope));
    }

    /** Arguments of an event, checked against its parameters. */
    List<dev.inkan.generator.ir.Expr> eventArgs(Span span, EventDef event, List<Expr> argExprs, Scope scope) {
        if (event.params().size() != argExprs.size()) {
            diagnostics.arity(span, "event " + event.machine().name() + "." + event.name(), event.params().size(),
                    argExprs.size());
            return List.of();
        }
        List<dev.inkan.generator.ir.Expr> args = new ArrayList<>();
        for (int i = 0; i < argExprs.size(); i++) {
            args.add(value(argExprs.get(i), scope, event.params().get(i).type(),
                    "parameter '" + event.params().get(i).name() + "' of " + event.name()));
        }
        return args;
    }
}
