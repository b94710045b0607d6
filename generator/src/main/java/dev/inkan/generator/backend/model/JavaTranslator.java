package dev.inkan.generator.backend.model;

import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.Stmt;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates checked expressions and statements into Java for the executable model. Values are
 * Java ints, except bool-typed expressions, which are Java booleans. Quantifiers and counts
 * become private helper methods of the class being generated; the reference {@code m} is the
 * model, {@code s} the state vector, {@code b} the own instance's base slot and {@code mb} a
 * monitor instance's base slot.
 */
final class JavaTranslator {
    private final Spec spec;
    private final List<String> helpers;
    private int helperCount;

    /** What is in scope where a piece of code is translated. */
    static final class Scope {
        final Map<Variable, String> names = new LinkedHashMap<>();
        /** The machine whose own variables and state {@code b} addresses, if any. */
        MachineDef self;
        /** Java expression of the own instance index. */
        String selfInstance = "instance";
        /** Monitor variables live at {@code mb}; the monitor's name and instance for fail. */
        String monitorName;

        Scope copy() {
            Scope s = new Scope();
            s.names.putAll(names);
            s.self = self;
            s.selfInstance = selfInstance;
            s.monitorName = monitorName;
            return s;
        }
    }

    JavaTranslator(Spec spec, List<String> helpers) {
        this.spec = spec;
        this.helpers = helpers;
    }

    // ------------------------------------------------------------------ naming

    static String machineConst(MachineDef m) {
        return "M_" + JavaNames.upperSnake(m.name());
    }

    static String domainIndex(Spec spec, DomainDef d) {
        return Integer.toString(spec.domains.indexOf(d));
    }

    static String local(Variable v) {
        String prefix = switch (v.kind()) {
            case MACHINE_PARAM -> "p_";
            case EVENT_PARAM -> "e_";
            case FUNCTION_PARAM -> "a_";
            case MONITOR_PARAM -> "q_";
            case OBSERVED_PARAM -> "o_";
            default -> "l_";
        };
        return prefix + v.name();
    }

    /** First and last value of a finite type as Java expressions (domain sizes are run-time). */
    String first(Type t) {
        if (t instanceof Type.Optional) {
            return "-1";
        }
        if (t instanceof Type.Int i) {
            return Long.toString(i.lo());
        }
        return "0";
    }

    String last(Type t) {
        if (t instanceof Type.Optional o) {
            return last(o.inner());
        }
        if (t instanceof Type.Bool) {
            return "1";
        }
        if (t instanceof Type.Int i) {
            return Long.toString(i.hi());
        }
        if (t instanceof Type.Enum e) {
            return Integer.toString(e.def().members().size() - 1);
        }
        if (t instanceof Type.Domain d) {
            return "(m.size(" + domainIndex(spec, d.def()) + ") - 1)";
        }
        throw new IllegalArgumentException("not finite: " + t.display());
    }

    /** Java expression for the number of values of a finite type. */
    String cardinality(Type t) {
        if (t instanceof Type.Optional o) {
            return "(" + cardinality(o.inner()) + " + 1)";
        }
        if (t instanceof Type.Domain d) {
            return "m.size(" + domainIndex(spec, d.def()) + ")";
        }
        if (t instanceof Type.Int i) {
            return Long.toString(i.hi() - i.lo() + 1);
        }
        if (t instanceof Type.Enum e) {
            return Integer.toString(e.def().members().size());
        }
        return "2";
    }

    // ------------------------------------------------------------------ slots

    /** Reads a stored value: ints minus their low bound, optionals plus one. */
    static String decode(Type t, String slotExpr) {
        String raw = "(s[" + slotExpr + "] & 0xFF)";
        if (t instanceof Type.Bool) {
            return "(s[" + slotExpr + "] != 0)";
        }
        if (t instanceof Type.Optional) {
            return "(" + raw + " - 1)";
        }
        if (t instanceof Type.Int i && i.lo() != 0) {
            return "(" + raw + " + " + i.lo() + ")";
        }
        return raw;
    }

    /** Statement storing a value into a slot; ints are range-checked. */
    String store(Type t, String slotExpr, Expr value, Scope scope, String name) {
        if (t instanceof Type.Bool) {
            return "s[" + slotExpr + "] = (byte) (" + bool(value, scope) + " ? 1 : 0);";
        }
        if (t instanceof Type.Int i) {
            return "GeneratedModel.setInt(s, " + slotExpr + ", " + integer(value, scope) + ", " + i.lo() + ", "
                    + i.hi() + ", " + JavaNames.literal(name) + ");";
        }
        if (t instanceof Type.Optional) {
            return "s[" + slotExpr + "] = (byte) (" + integer(value, scope) + " + 1);";
        }
        return "s[" + slotExpr + "] = (byte) (" + integer(value, scope) + ");";
    }

    /** Java int expression for the index of {@code Machine(args)}. */
    String instance(Expr e, Scope scope) {
        if (e instanceof Expr.Self) {
            return scope.selfInstance;
        }
        Expr.Instance i = (Expr.Instance) e;
        if (i.args().isEmpty()) {
            return "0";
        }
        StringBuilder args = new StringBuilder();
        for (Expr a : i.args()) {
            args.append(args.length() > 0 ? ", " : "").append(integer(a, scope));
        }
        return "m.inst" + i.machine().name() + "(" + args + ")";
    }

    private String baseOf(Expr instanceExpr, Scope scope) {
        if (instanceExpr instanceof Expr.Self) {
            return "b";
        }
        MachineDef m = ((Type.Instance) instanceExpr.type()).def();
        return "m.base(SpecModel." + machineConst(m) + ", " + instance(instanceExpr, scope) + ")";
    }

    // ------------------------------------------------------------------ expressions

    /** A Java boolean expression. */
    String bool(Expr e, Scope scope) {
        if (e.type() instanceof Type.Bool) {
            return expr(e, scope);
        }
        throw new IllegalStateException("not a bool: " + e);
    }

    /** A Java int expression (bools become 0 and 1). */
    String integer(Expr e, Scope scope) {
        if (e instanceof Expr.Const c) {
            return Integer.toString(c.value());
        }
        String j = expr(e, scope);
        return e.type() instanceof Type.Bool ? "(" + j + " ? 1 : 0)" : j;
    }

    private String expr(Expr e, Scope scope) {
        if (e instanceof Expr.Const c) {
            return c.type() instanceof Type.Bool ? (c.value() != 0 ? "true" : "false") : Integer.toString(c.value());
        }
        if (e instanceof Expr.Read r) {
            return read(r.variable(), scope);
        }
        if (e instanceof Expr.InstanceVar v) {
            return decode(v.variable().type(), baseOf(v.instance(), scope) + " + " + (1 + v.variable().index()));
        }
        if (e instanceof Expr.InState s) {
            String state = "(s[" + baseOf(s.instance(), scope) + "] & 0xFF)";
            return (s.negated() ? "!" : "") + "GeneratedModel.in(" + state + ", " + mask(s.states().stream()
                    .mapToInt(StateDef::index).toArray()) + ")";
        }
        if (e instanceof Expr.InSet s) {
            return (s.negated() ? "!" : "") + "GeneratedModel.in(" + integer(s.value(), scope) + ", "
                    + mask(s.members().stream().mapToInt(Integer::intValue).toArray()) + ")";
        }
        if (e instanceof Expr.Unary u) {
            return u.op().equals("!") ? "!(" + bool(u.operand(), scope) + ")" : "-(" + integer(u.operand(), scope) + ")";
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Expr.Conditional c) {
            String t = c.type() instanceof Type.Bool ? bool(c.thenValue(), scope) : integer(c.thenValue(), scope);
            String f = c.type() instanceof Type.Bool ? bool(c.elseValue(), scope) : integer(c.elseValue(), scope);
            return "(" + bool(c.cond(), scope) + " ? " + t + " : " + f + ")";
        }
        if (e instanceof Expr.Quantified q) {
            return helper(q.universal() ? "forall" : "exists", q.binders(), q.body(), scope);
        }
        if (e instanceof Expr.Count c) {
            return helper("count", c.binders(), c.body(), scope);
        }
        if (e instanceof Expr.Call c) {
            StringBuilder args = new StringBuilder();
            for (Expr a : c.args()) {
                args.append(", ").append(integer(a, scope));
            }
            String call = "m.functions.fn" + JavaNames.upperCamel(c.function().name()) + "(" + args.substring(
                    args.length() > 0 ? 2 : 0) + ")";
            return c.type() instanceof Type.Bool ? "(" + call + " != 0)" : call;
        }
        throw new IllegalStateException("cannot translate " + e);
    }

    private static String mask(int[] members) {
        long mask = 0;
        for (int m : members) {
            mask |= 1L << m;
        }
        return "0x" + Long.toHexString(mask) + "L";
    }

    private String read(Variable v, Scope scope) {
        if (v.kind() == Variable.Kind.MACHINE_VAR) {
            return decode(v.type(), "b + " + (1 + v.index()));
        }
        if (v.kind() == Variable.Kind.MONITOR_VAR) {
            return decode(v.type(), "mb + " + (1 + v.index()));
        }
        String name = scope.names.get(v);
        if (name == null) {
            throw new IllegalStateException("variable " + v.name() + " is not in scope");
        }
        return v.type() instanceof Type.Bool ? "(" + name + " != 0)" : name;
    }

    private String binary(Expr.Binary b, Scope scope) {
        return switch (b.op()) {
            case "&&", "||" -> "(" + bool(b.left(), scope) + " " + b.op() + " " + bool(b.right(), scope) + ")";
            case "=>" -> "(!(" + bool(b.left(), scope) + ") || " + bool(b.right(), scope) + ")";
            case "==", "!=" -> b.left().type() instanceof Type.Bool && b.right().type() instanceof Type.Bool
                    ? "(" + bool(b.left(), scope) + " " + b.op() + " " + bool(b.right(), scope) + ")"
                    : "(" + integer(b.left(), scope) + " " + b.op() + " " + integer(b.right(), scope) + ")";
            case "/" -> "GeneratedModel.div(" + integer(b.left(), scope) + ", " + integer(b.right(), scope) + ")";
            case "%" -> "GeneratedModel.mod(" + integer(b.left(), scope) + ", " + integer(b.right(), scope) + ")";
            default -> "(" + integer(b.left(), scope) + " " + b.op() + " " + integer(b.right(), scope) + ")";
        };
    }

    /** A quantifier or count as a helper method taking the variables it reads. */
    private String helper(String kind, List<Variable> binders, Expr body, Scope scope) {
        String name = kind + (helperCount++);
        Set<Variable> free = new LinkedHashSet<>();
        freeVariables(body, free);
        free.removeAll(binders);
        Scope inner = new Scope();
        inner.self = scope.self;
        inner.selfInstance = scope.selfInstance;
        inner.monitorName = scope.monitorName;
        StringBuilder params = new StringBuilder("byte[] s, int b, int mb, int instance");
        StringBuilder args = new StringBuilder("s, b, mb, instance");
        for (Variable v : free) {
            if (v.kind() == Variable.Kind.MACHINE_VAR || v.kind() == Variable.Kind.MONITOR_VAR) {
                continue;
            }
            String n = scope.names.get(v);
            params.append(", int ").append(n);
            args.append(", ").append(n);
            inner.names.put(v, n);
        }
        for (Variable v : binders) {
            inner.names.put(v, local(v) + "_" + name);
        }
        StringBuilder code = new StringBuilder();
        String ret = kind.equals("count") ? "int" : "boolean";
        code.append("    private ").append(ret).append(' ').append(name).append('(').append(params).append(") {\n");
        if (kind.equals("count")) {
            code.append("        int n = 0;\n");
        }
        String indent = "        ";
        for (Variable v : binders) {
            String n = inner.names.get(v);
            code.append(indent).append("for (int ").append(n).append(" = ").append(first(v.type())).append("; ")
                    .append(n).append(" <= ").append(last(v.type())).append("; ").append(n).append("++) {\n");
            indent += "    ";
        }
        String cond = bool(body, inner);
        switch (kind) {
            case "forall" -> code.append(indent).append("if (!").append(paren(cond)).append(") {\n")
                    .append(indent).append("    return false;\n").append(indent).append("}\n");
            case "exists" -> code.append(indent).append("if (").append(cond).append(") {\n")
                    .append(indent).append("    return true;\n").append(indent).append("}\n");
            default -> code.append(indent).append("if (").append(cond).append(") {\n")
                    .append(indent).append("    n++;\n").append(indent).append("}\n");
        }
        for (int i = 0; i < binders.size(); i++) {
            indent = indent.substring(4);
            code.append(indent).append("}\n");
        }
        code.append("        return ").append(switch (kind) {
            case "forall" -> "true";
            case "exists" -> "false";
            default -> "n";
        }).append(";\n    }\n");
        helpers.add(code.toString());
        return name + "(" + args + ")";
    }

    private static String paren(String s) {
        return s.startsWith("(") && s.endsWith(")") ? s : "(" + s + ")";
    }

    static void freeVariables(Expr e, Set<Variable> out) {
        if (e instanceof Expr.Read r) {
            out.add(r.variable());
        } else if (e instanceof Expr.Instance i) {
            i.args().forEach(a -> freeVariables(a, out));
        } else if (e instanceof Expr.InstanceVar v) {
            freeVariables(v.instance(), out);
        } else if (e instanceof Expr.InState s) {
            freeVariables(s.instance(), out);
        } else if (e instanceof Expr.InSet s) {
            freeVariables(s.value(), out);
        } else if (e instanceof Expr.Unary u) {
            freeVariables(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            freeVariables(b.left(), out);
            freeVariables(b.right(), out);
        } else if (e instanceof Expr.Conditional c) {
            freeVariables(c.cond(), out);
            freeVariables(c.thenValue(), out);
            freeVariables(c.elseValue(), out);
        } else if (e instanceof Expr.Quantified q) {
            Set<Variable> inner = new LinkedHashSet<>();
            freeVariables(q.body(), inner);
            inner.removeAll(q.binders());
            out.addAll(inner);
        } else if (e instanceof Expr.Count c) {
            Set<Variable> inner = new LinkedHashSet<>();
            freeVariables(c.body(), inner);
            inner.removeAll(c.binders());
            out.addAll(inner);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> freeVariables(a, out));
        }
    }

    // ------------------------------------------------------------------ statements

    /** Java statements for a body, one per line, indented by {@code indent}. */
    List<String> stmts(List<Stmt> body, Scope scope, String indent) {
        List<String> out = new ArrayList<>();
        for (Stmt s : body) {
            stmt(s, scope, indent, out);
        }
        return out;
    }

    private void stmt(Stmt s, Scope scope, String indent, List<String> out) {
        if (s instanceof Stmt.Assign a) {
            String base = a.target().kind() == Variable.Kind.MONITOR_VAR ? "mb" : "b";
            String owner = scope.monitorName != null ? scope.monitorName : scope.self.name();
            out.add(indent + store(a.target().type(), base + " + " + (1 + a.target().index()), a.value(), scope,
                    owner + "." + a.target().name()));
        } else if (s instanceof Stmt.Emit e) {
            MachineDef target = e.event().machine();
            StringBuilder args = new StringBuilder();
            for (Expr x : e.args()) {
                args.append(", ").append(integer(x, scope));
            }
            out.add(indent + "m.emit(SpecModel." + machineConst(target) + ", " + instance(e.target(), scope) + ", "
                    + globalEvent(e.event()) + args + ");");
        } else if (s instanceof Stmt.For f) {
            Scope inner = scope.copy();
            String ind = indent;
            for (Variable v : f.binders()) {
                String n = local(v) + "_" + (helperCount++);
                inner.names.put(v, n);
                out.add(ind + "for (int " + n + " = " + first(v.type()) + "; " + n + " <= " + last(v.type()) + "; "
                        + n + "++) {");
                ind += "    ";
            }
            if (f.filter() != null) {
                out.add(ind + "if (" + bool(f.filter(), inner) + ") {");
                out.addAll(stmts(f.body(), inner, ind + "    "));
                out.add(ind + "}");
            } else {
                out.addAll(stmts(f.body(), inner, ind));
            }
            for (int i = 0; i < f.binders().size(); i++) {
                ind = ind.substring(4);
                out.add(ind + "}");
            }
        } else if (s instanceof Stmt.If i) {
            out.add(indent + "if (" + bool(i.cond(), scope) + ") {");
            out.addAll(stmts(i.thenBody(), scope, indent + "    "));
            if (!i.elseBody().isEmpty()) {
                out.add(indent + "} else {");
                out.addAll(stmts(i.elseBody(), scope, indent + "    "));
            }
            out.add(indent + "}");
        } else if (s instanceof Stmt.Fail f) {
            out.add(indent + "m.fail(" + JavaNames.literal(scope.monitorName) + ", instance, "
                    + JavaNames.literal(f.message()) + ");");
        }
    }

    /** The model-wide number of an event. */
    int globalEvent(dev.inkan.generator.ir.EventDef e) {
        int n = 0;
        for (MachineDef m : spec.machines) {
            if (m == e.machine()) {
                return n + e.index();
            }
            n += m.events().size();
        }
        throw new IllegalStateException();
    }
}
