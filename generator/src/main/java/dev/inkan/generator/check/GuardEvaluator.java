package dev.inkan.generator.check;

import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.Variable;
import java.util.HashMap;
import java.util.Map;

/** Evaluates a guard for one assignment of its unknowns (see {@link GuardOverlapCheck}). */
final class GuardEvaluator {
    private final Map<String, Integer> atoms;
    private final int ownState;
    private final Map<Variable, Integer> locals = new HashMap<>();

    GuardEvaluator(Map<String, Integer> atoms, int ownState) {
        this.atoms = atoms;
        this.ownState = ownState;
    }

    static String varKey(Variable v) {
        return v.kind() + ":" + v.name();
    }

    static String stateKey(Expr instance) {
        return "state:" + ExprPrinter.print(instance);
    }

    int eval(Expr e) {
        if (e instanceof Expr.Const c) {
            return c.value();
        }
        if (e instanceof Expr.Read r) {
            Integer local = locals.get(r.variable());
            return local != null ? local : atoms.getOrDefault(varKey(r.variable()), 0);
        }
        if (e instanceof Expr.InState s) {
            int state = s.instance() instanceof Expr.Self ? ownState : atoms.getOrDefault(stateKey(s.instance()), 0);
            boolean in = s.states().stream().anyMatch(x -> x.index() == state);
            return in != s.negated() ? 1 : 0;
        }
        if (e instanceof Expr.InstanceVar v) {
            String key = v.instance() instanceof Expr.Self ? varKey(v.variable()) : ExprPrinter.print(v);
            return atoms.getOrDefault(key, 0);
        }
        if (e instanceof Expr.InSet s) {
            boolean in = s.members().contains(eval(s.value()));
            return in != s.negated() ? 1 : 0;
        }
        if (e instanceof Expr.Quantified || e instanceof Expr.Count) {
            return atoms.getOrDefault(ExprPrinter.print(e), 0);
        }
        if (e instanceof Expr.Unary u) {
            int v = eval(u.operand());
            return u.op().equals("!") ? (v != 0 ? 0 : 1) : -v;
        }
        if (e instanceof Expr.Conditional c) {
            return eval(c.cond()) != 0 ? eval(c.thenValue()) : eval(c.elseValue());
        }
        if (e instanceof Expr.Call c) {
            FunctionDef f = c.function();
            Map<Variable, Integer> saved = new HashMap<>(locals);
            for (int i = 0; i < f.params().size(); i++) {
                locals.put(f.params().get(i), eval(c.args().get(i)));
            }
            int v = f.body() == null ? 0 : eval(f.body());
            locals.clear();
            locals.putAll(saved);
            return v;
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        return 0;
    }

    private int binary(Expr.Binary b) {
        switch (b.op()) {
            case "&&":
                return eval(b.left()) != 0 && eval(b.right()) != 0 ? 1 : 0;
            case "||":
                return eval(b.left()) != 0 || eval(b.right()) != 0 ? 1 : 0;
            case "=>":
                return eval(b.left()) == 0 || eval(b.right()) != 0 ? 1 : 0;
            default:
                break;
        }
        int l = eval(b.left());
        int r = eval(b.right());
        return switch (b.op()) {
            case "==" -> l == r ? 1 : 0;
            case "!=" -> l != r ? 1 : 0;
            case "<" -> l < r ? 1 : 0;
            case "<=" -> l <= r ? 1 : 0;
            case ">" -> l > r ? 1 : 0;
            case ">=" -> l >= r ? 1 : 0;
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> r == 0 ? 0 : l / r;
            default -> r == 0 ? 0 : l % r;
        };
    }
}
