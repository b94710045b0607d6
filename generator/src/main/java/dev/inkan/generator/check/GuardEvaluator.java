package dev.inkan.generator.check;

import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.Variable;
import java.util.HashMap;
import java.util.Map;

/**
 * Evaluates a guard for a partial assignment of its unknowns (see {@link GuardOverlapCheck}):
 * an unassigned unknown makes a result {@link #UNKNOWN} unless the known parts decide it, as
 * {@code false && x} does. This lets the search prune early.
 */
final class GuardEvaluator {
    /** A value that depends on unknowns not yet assigned. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private final Map<String, Integer> atoms;
    private final int ownState;
    private final Map<Variable, Integer> locals = new HashMap<>();

    private final Map<Expr, String> texts;

    /** @param texts cache of expression texts, identity-keyed, shared by one check run */
    GuardEvaluator(Map<String, Integer> atoms, int ownState, Map<Expr, String> texts) {
        this.atoms = atoms;
        this.ownState = ownState;
        this.texts = texts;
    }

    static String varKey(Variable v) {
        return v.kind() + ":" + v.name();
    }

    String stateKey(Expr instance) {
        return "state:" + text(texts, instance);
    }

    /** The text of an expression, the key of an unknown, printed once per expression object. */
    static String text(Map<Expr, String> texts, Expr e) {
        return texts.computeIfAbsent(e, ExprPrinter::print);
    }

    int eval(Expr e) {
        if (e instanceof Expr.Const c) {
            return c.value();
        }
        if (e instanceof Expr.Read r) {
            Integer local = locals.get(r.variable());
            return local != null ? local : atoms.getOrDefault(varKey(r.variable()), UNKNOWN);
        }
        if (e instanceof Expr.InState s) {
            int state = s.instance() instanceof Expr.Self ? ownState
                    : atoms.getOrDefault(stateKey(s.instance()), UNKNOWN);
            if (state == UNKNOWN) {
                return UNKNOWN;
            }
            boolean in = s.states().stream().anyMatch(x -> x.index() == state);
            return in != s.negated() ? 1 : 0;
        }
        if (e instanceof Expr.InstanceVar v) {
            String key = v.instance() instanceof Expr.Self ? varKey(v.variable()) : text(texts, v);
            return atoms.getOrDefault(key, UNKNOWN);
        }
        if (e instanceof Expr.InSet s) {
            int v = eval(s.value());
            if (v == UNKNOWN) {
                return UNKNOWN;
            }
            boolean in = s.members().contains(v);
            return in != s.negated() ? 1 : 0;
        }
        if (e instanceof Expr.Quantified || e instanceof Expr.Count) {
            return atoms.getOrDefault(text(texts, e), UNKNOWN);
        }
        if (e instanceof Expr.Unary u) {
            int v = eval(u.operand());
            if (v == UNKNOWN) {
                return UNKNOWN;
            }
            return u.op().equals("!") ? (v != 0 ? 0 : 1) : -v;
        }
        if (e instanceof Expr.Conditional c) {
            int cond = eval(c.cond());
            if (cond == UNKNOWN) {
                return UNKNOWN;
            }
            return cond != 0 ? eval(c.thenValue()) : eval(c.elseValue());
        }
        if (e instanceof Expr.Call c) {
            FunctionDef f = c.function();
            Map<Variable, Integer> saved = new HashMap<>(locals);
            for (int i = 0; i < f.params().size(); i++) {
                int v = eval(c.args().get(i));
                if (v == UNKNOWN) {
                    return UNKNOWN;
                }
                locals.put(f.params().get(i), v);
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

    private int and(int left, Expr right) {
        if (left == 0) {
            return 0;
        }
        int r = eval(right);
        if (r == 0) {
            return 0;
        }
        return left == UNKNOWN || r == UNKNOWN ? UNKNOWN : 1;
    }

    private int or(int left, Expr right) {
        if (left != UNKNOWN && left != 0) {
            return 1;
        }
        int r = eval(right);
        if (r != UNKNOWN && r != 0) {
            return 1;
        }
        return left == UNKNOWN || r == UNKNOWN ? UNKNOWN : 0;
    }

    private int binary(Expr.Binary b) {
        switch (b.op()) {
            case "&&":
                return and(eval(b.left()), b.right());
            case "||":
                return or(eval(b.left()), b.right());
            case "=>":
                int l0 = eval(b.left());
                return or(l0 == UNKNOWN ? UNKNOWN : (l0 != 0 ? 0 : 1), b.right());
            default:
                break;
        }
        int l = eval(b.left());
        int r = eval(b.right());
        if (l == UNKNOWN || r == UNKNOWN) {
            return UNKNOWN;
        }
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
