package dev.inkan.generator.backend.model;

import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine fields an expression reads: a machine's state ({@code instance in {...}}, field 0)
 * or a variable ({@code instance.var}, field 1 + its index), of whichever instances, since the
 * instance may depend on quantified values. An explorer re-evaluates an invariant only on states
 * where one of these changed.
 */
final class InvariantReads {
    private final Spec spec;
    private final Set<Long> reads = new TreeSet<>();
    private final Set<FunctionDef> functions = new HashSet<>();
    private boolean unknown;

    private InvariantReads(Spec spec) {
        this.spec = spec;
    }

    /** Sorted {@code {machine index, field}} pairs, or null when some part of the expression is not understood. */
    static List<int[]> of(Spec spec, Expr e) {
        InvariantReads r = new InvariantReads(spec);
        r.walk(e);
        if (r.unknown) {
            return null;
        }
        List<int[]> out = new ArrayList<>();
        for (long x : r.reads) {
            out.add(new int[] {(int) (x >> 32), (int) x});
        }
        return out;
    }

    private void read(Expr instance, int field) {
        if (instance.type() instanceof Type.Instance t && spec.machines.contains(t.def())) {
            MachineDef m = t.def();
            reads.add((long) spec.machines.indexOf(m) << 32 | field);
        } else {
            unknown = true;
        }
        walk(instance);
    }

    private void walk(Expr e) {
        if (e instanceof Expr.InState s) {
            read(s.instance(), 0);
        } else if (e instanceof Expr.InstanceVar v) {
            read(v.instance(), 1 + v.variable().index());
        } else if (e instanceof Expr.Instance i) {
            i.args().forEach(this::walk);
        } else if (e instanceof Expr.InSet s) {
            walk(s.value());
        } else if (e instanceof Expr.Unary u) {
            walk(u.operand());
        } else if (e instanceof Expr.Binary b) {
            walk(b.left());
            walk(b.right());
        } else if (e instanceof Expr.Conditional c) {
            walk(c.cond());
            walk(c.thenValue());
            walk(c.elseValue());
        } else if (e instanceof Expr.Quantified q) {
            walk(q.body());
        } else if (e instanceof Expr.Count c) {
            walk(c.body());
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(this::walk);
            // functions are pure, but their bodies are walked all the same
            if (functions.add(c.function()) && c.function().body() != null) {
                walk(c.function().body());
            }
        } else if (e instanceof Expr.Read r) {
            // binders and parameters; a machine's own variable (no instance to name) is not understood here
            Variable.Kind k = r.variable().kind();
            unknown |= k == Variable.Kind.MACHINE_VAR || k == Variable.Kind.MONITOR_VAR;
        } else if (!(e instanceof Expr.Const)) {
            unknown = true;
        }
    }
}
