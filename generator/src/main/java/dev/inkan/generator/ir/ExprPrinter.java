package dev.inkan.generator.ir;

import java.util.List;
import java.util.stream.Collectors;

/** Prints checked expressions back in DSL syntax: for diagrams, docs and diagnostics. */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr e) {
        if (e == null) {
            return "";
        }
        if (e instanceof Expr.Const c) {
            return constant(c.type(), c.value());
        }
        if (e instanceof Expr.Read r) {
            return r.variable().name();
        }
        if (e instanceof Expr.Instance i) {
            return i.machine().name() + (i.args().isEmpty() && i.machine().params().isEmpty() ? ""
                    : "(" + list(i.args()) + ")");
        }
        if (e instanceof Expr.Self) {
            return "self";
        }
        if (e instanceof Expr.InstanceVar v) {
            return print(v.instance()) + "." + v.variable().name();
        }
        if (e instanceof Expr.InState s) {
            String names = s.states().stream().map(StateDef::name).collect(Collectors.joining(", "));
            return s.states().size() == 1
                    ? print(s.instance()) + (s.negated() ? " is not " : " is ") + names
                    : print(s.instance()) + (s.negated() ? " not in {" : " in {") + names + "}";
        }
        if (e instanceof Expr.InSet s) {
            Type t = s.value().type() instanceof Type.Optional o ? o.inner() : s.value().type();
            String names = s.members().stream().map(m -> constant(t, m)).collect(Collectors.joining(", "));
            return print(s.value()) + (s.negated() ? " not in {" : " in {") + names + "}";
        }
        if (e instanceof Expr.Unary u) {
            return u.op() + atom(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return atom(b.left()) + " " + b.op() + " " + atom(b.right());
        }
        if (e instanceof Expr.Conditional c) {
            return "if " + print(c.cond()) + " then " + print(c.thenValue()) + " else " + print(c.elseValue());
        }
        if (e instanceof Expr.Quantified q) {
            return (q.universal() ? "forall " : "exists ") + binders(q.binders()) + ": " + print(q.body());
        }
        if (e instanceof Expr.Count c) {
            return "count(" + binders(c.binders()) + " | " + print(c.body()) + ")";
        }
        if (e instanceof Expr.Call c) {
            return c.function().name() + "(" + list(c.args()) + ")";
        }
        return "<invalid>";
    }

    private static String atom(Expr e) {
        String s = print(e);
        return e instanceof Expr.Binary || e instanceof Expr.Conditional || e instanceof Expr.Quantified
                || e instanceof Expr.InState || e instanceof Expr.InSet ? "(" + s + ")" : s;
    }

    private static String list(List<Expr> args) {
        return args.stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
    }

    private static String binders(List<Variable> binders) {
        return binders.stream().map(v -> v.name() + ": " + v.type().display()).collect(Collectors.joining(", "));
    }

    /** A value of a type in DSL syntax. */
    public static String constant(Type t, int value) {
        if (value == -1 && (t instanceof Type.Optional || t instanceof Type.None)) {
            return "none";
        }
        if (t instanceof Type.Optional o) {
            t = o.inner();
        }
        if (t instanceof Type.Bool) {
            return value != 0 ? "true" : "false";
        }
        if (t instanceof Type.Enum en && value >= 0 && value < en.def().members().size()) {
            return en.def().members().get(value).name();
        }
        if (t instanceof Type.Domain d) {
            return d.def().name() + "#" + value;
        }
        return Integer.toString(value);
    }
}
