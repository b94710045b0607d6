package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.SystemDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two transitions of one event from one state whose guards can hold together would make the
 * machine nondeterministic. Decided by enumerating every value of what the guards read: event
 * parameters, state variables, machine parameters, and each distinct read of another machine
 * (taken as an independent unknown of its type, so a reported overlap may need a state the
 * rest of the model never reaches; rewrite the guards to exclude each other explicitly).
 */
final class GuardOverlapCheck implements Check {
    /** Give up on a pair beyond this many assignments (never reached by the JPKI specs). */
    private static final long LIMIT = 1 << 18;

    private Map<DomainDef, Integer> sizes = Map.of();
    /** Texts of the expressions met, keyed by identity: printed once per run. */
    private final Map<Expr, String> texts = new java.util.IdentityHashMap<>();

    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        SystemDef system = spec.systems.isEmpty() ? null : spec.systems.get(0);
        sizes = system == null ? Map.of() : system.sizes();
        for (MachineDef m : spec.machines) {
            for (EventDef e : m.events()) {
                List<TransitionDef> ts = m.transitionsOf(e);
                for (StateDef s : m.states()) {
                    List<TransitionDef> from = ts.stream().filter(t -> t.sources().contains(s)).toList();
                    for (int i = 0; i < from.size(); i++) {
                        for (int j = 0; j < i; j++) {
                            String witness = overlap(from.get(j), from.get(i), s);
                            if (witness != null) {
                                diagnostics.overlappingGuards(from.get(i).span(), e.name(), s.name(),
                                        from.get(j).span(), witness);
                            }
                        }
                    }
                }
            }
        }
    }

    private int size(Type t) {
        if (t instanceof Type.Bool) {
            return 2;
        }
        if (t instanceof Type.Int i) {
            return i.finite() ? (int) (i.hi() - i.lo() + 1) : 4;
        }
        if (t instanceof Type.Enum e) {
            return e.def().members().size();
        }
        if (t instanceof Type.Domain d) {
            return sizes.getOrDefault(d.def(), 2);
        }
        if (t instanceof Type.Optional o) {
            return size(o.inner()) + 1;
        }
        return 1;
    }

    private int first(Type t) {
        if (t instanceof Type.Int i) {
            return (int) Math.max(i.lo(), -1000);
        }
        return t instanceof Type.Optional ? -1 : 0;
    }

    /** An unknown of the guards: a variable, or a read of another machine keyed by its text. */
    private record Atom(String key, int size, int first, String shown) {
    }

    /** A witness assignment when both guards hold together, else null. */
    private String overlap(TransitionDef a, TransitionDef b, StateDef state) {
        if (a.guard() == null || b.guard() == null) {
            return a.guard() == null && b.guard() == null ? "always (neither has a guard)"
                    : "the other guard holds (one transition has no guard)";
        }
        Map<String, Atom> atoms = new LinkedHashMap<>();
        collect(a.guard(), atoms);
        collect(b.guard(), atoms);
        List<Atom> list = new ArrayList<>(atoms.values());
        int[] values = new int[list.size()];
        Map<String, Integer> env = new HashMap<>();
        budget = LIMIT;
        if (!search(a, b, state, list, 0, values, env)) {
            return null;
        }
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            Atom x = list.get(i);
            if (!env.containsKey(x.key())) {
                continue;
            }
            w.append(w.length() > 0 ? ", " : "").append(x.shown()).append(" = ")
                    .append(x.shown().startsWith("state of ") ? stateName(x, values[i]) : show(atomType(x), values[i]));
        }
        return w.length() == 0 ? "always" : w.toString();
    }

    /** Assignments the search may still try for the current pair; beyond it gives up (no report). */
    private long budget;

    /**
     * Depth-first search for an assignment under which both guards hold, assigning one unknown
     * at a time and pruning as soon as either guard is false whatever the rest.
     */
    private boolean search(TransitionDef a, TransitionDef b, StateDef state, List<Atom> list, int depth,
                           int[] values, Map<String, Integer> env) {
        if (--budget < 0) {
            return false;
        }
        GuardEvaluator ev = new GuardEvaluator(env, state.index(), texts);
        int ga = ev.eval(a.guard());
        if (ga == 0) {
            return false;
        }
        int gb = ev.eval(b.guard());
        if (gb == 0) {
            return false;
        }
        if (ga != GuardEvaluator.UNKNOWN && gb != GuardEvaluator.UNKNOWN) {
            return true;
        }
        if (depth == list.size()) {
            return false;
        }
        Atom x = list.get(depth);
        for (int v = 0; v < x.size(); v++) {
            values[depth] = x.first() + v;
            env.put(x.key(), values[depth]);
            if (search(a, b, state, list, depth + 1, values, env)) {
                return true;
            }
        }
        env.remove(x.key());
        return false;
    }

    private final Map<String, Type> atomTypes = new HashMap<>();
    private final Map<String, MachineDef> atomMachines = new HashMap<>();

    private Type atomType(Atom a) {
        return atomTypes.get(a.key());
    }

    private String stateName(Atom a, int value) {
        MachineDef m = atomMachines.get(a.key());
        return m != null && value < m.states().size() ? m.states().get(value).name() : Integer.toString(value);
    }

    private static String show(Type t, int value) {
        return ExprPrinter.constant(t, value);
    }

    private void add(Map<String, Atom> atoms, String key, Type t, String shown) {
        atomTypes.put(key, t);
        atoms.putIfAbsent(key, new Atom(key, size(t), first(t), shown));
    }

    private void collect(Expr e, Map<String, Atom> atoms) {
        if (e instanceof Expr.Read r) {
            if (r.variable().kind() != Variable.Kind.LOCAL) {
                add(atoms, GuardEvaluator.varKey(r.variable()), r.variable().type(), r.variable().name());
            }
        } else if (e instanceof Expr.InState s && !(s.instance() instanceof Expr.Self)) {
            MachineDef m = ((Type.Instance) s.instance().type()).def();
            String key = "state:" + GuardEvaluator.text(texts, s.instance());
            atomMachines.put(key, m);
            atomTypes.put(key, new Type.Int(0, m.states().size() - 1));
            atoms.putIfAbsent(key, new Atom(key, m.states().size(), 0, "state of " + ExprPrinter.print(s.instance())));
        } else if (e instanceof Expr.InstanceVar v && !(v.instance() instanceof Expr.Self)) {
            add(atoms, GuardEvaluator.text(texts, v), v.variable().type(), GuardEvaluator.text(texts, v));
        } else if (e instanceof Expr.InstanceVar v) {
            add(atoms, GuardEvaluator.varKey(v.variable()), v.variable().type(), v.variable().name());
        } else if (e instanceof Expr.Quantified q) {
            add(atoms, GuardEvaluator.text(texts, q), Type.BOOL, GuardEvaluator.text(texts, q));
        } else if (e instanceof Expr.Count c) {
            int n = 1;
            for (Variable b : c.binders()) {
                n *= size(b.type());
            }
            add(atoms, GuardEvaluator.text(texts, c), new Type.Int(0, Math.min(n, 255)), GuardEvaluator.text(texts, c));
        } else if (e instanceof Expr.Unary u) {
            collect(u.operand(), atoms);
        } else if (e instanceof Expr.Binary b) {
            collect(b.left(), atoms);
            collect(b.right(), atoms);
        } else if (e instanceof Expr.Conditional c) {
            collect(c.cond(), atoms);
            collect(c.thenValue(), atoms);
            collect(c.elseValue(), atoms);
        } else if (e instanceof Expr.InSet s) {
            collect(s.value(), atoms);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(x -> collect(x, atoms));
        }
    }
}
