package dev.inkan.generator.backend.docs;

import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.Stmt;
import dev.inkan.generator.ir.Variable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Statements of transition and observation bodies in DSL syntax, on one line, for tables and labels. */
final class StmtPrinter {
    private StmtPrinter() {
    }

    /** The whole body: {@code tries = 0; emit Pin(p, Auth).verify(false)}; empty for none. */
    static String print(List<Stmt> body) {
        return body.stream().map(StmtPrinter::print).collect(Collectors.joining("; "));
    }

    static String print(Stmt s) {
        if (s instanceof Stmt.Assign a) {
            return a.target().name() + " = " + ExprPrinter.print(a.value());
        }
        if (s instanceof Stmt.Emit e) {
            return "emit " + ExprPrinter.print(e.target()) + "." + e.event().name() + "("
                    + e.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + ")";
        }
        if (s instanceof Stmt.For f) {
            return "for " + binders(f.binders()) + (f.filter() == null ? "" : " where " + ExprPrinter.print(f.filter()))
                    + " { " + print(f.body()) + " }";
        }
        if (s instanceof Stmt.If i) {
            return "if " + ExprPrinter.print(i.cond()) + " { " + print(i.thenBody()) + " }"
                    + (i.elseBody().isEmpty() ? "" : " else { " + print(i.elseBody()) + " }");
        }
        if (s instanceof Stmt.Fail f) {
            return "fail " + JavaNames.literal(f.message());
        }
        throw new IllegalStateException("docs: no printer for statement " + s);
    }

    /**
     * What a body emits, short: {@code Pin.verify}, {@code self.wipe}, in order and without
     * repeats, looking into {@code for} and {@code if}.
     */
    static List<String> emits(List<Stmt> body) {
        Set<String> out = new LinkedHashSet<>();
        collect(body, out);
        return List.copyOf(out);
    }

    /** Whether a body may {@code fail}. */
    static boolean fails(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Fail
                    || s instanceof Stmt.For f && fails(f.body())
                    || s instanceof Stmt.If i && (fails(i.thenBody()) || fails(i.elseBody()))) {
                return true;
            }
        }
        return false;
    }

    private static void collect(List<Stmt> body, Set<String> out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Emit e) {
                String target = e.target() instanceof Expr.Instance i ? i.machine().name()
                        : ExprPrinter.print(e.target());
                out.add(target + "." + e.event().name());
            } else if (s instanceof Stmt.For f) {
                collect(f.body(), out);
            } else if (s instanceof Stmt.If i) {
                collect(i.thenBody(), out);
                collect(i.elseBody(), out);
            }
        }
    }

    static String binders(List<Variable> binders) {
        return binders.stream().map(v -> v.name() + ": " + v.type().display()).collect(Collectors.joining(", "));
    }

    /** {@code (a: T, b: U)}, or empty when there are no parameters. */
    static String params(List<Variable> params) {
        return params.isEmpty() ? "" : "(" + binders(params) + ")";
    }
}
