package dev.inkan.generator.backend.suites;

import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sequences of model events a protocol fires, one per way through its blocks: the
 * sequence as written (every {@code alt} takes its first branch, every {@code opt} is taken,
 * every {@code loop} runs once), then one more for each other branch of each {@code alt} and
 * one without each {@code opt}. Sequences that fire nothing, or the same events as an earlier
 * one, are left out.
 */
final class ProtocolSequences {
    /** A sequence: a label saying which way it goes, its fired events as Java expressions and as the spec wrote them. */
    record Seq(String label, List<String> fired, List<String> display) {
    }

    /** A block with a choice: alt (first or else branch) or opt (taken or skipped). */
    private record Choice(ProtocolStep.Block block, String other) {
    }

    private ProtocolSequences() {
    }

    static List<Seq> of(ProtocolDef p) {
        List<Choice> choices = new ArrayList<>();
        collect(p.steps(), choices);
        Map<List<String>, Seq> out = new LinkedHashMap<>();
        add(out, "as written", p.steps(), null);
        for (Choice c : choices) {
            add(out, c.other(), p.steps(), c.block());
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<List<String>, Seq> out, String label, List<ProtocolStep> steps,
                            ProtocolStep.Block flipped) {
        List<ProtocolStep.Fired> fired = new ArrayList<>();
        walk(steps, flipped, fired);
        if (!fired.isEmpty()) {
            List<String> java = fired.stream().map(ProtocolSequences::fired).toList();
            List<String> text = fired.stream().map(ProtocolSequences::display).toList();
            out.putIfAbsent(java, new Seq(label, java, text));
        }
    }

    /** {@code PhoneCert(p, ph, Auth).issue()}, as the spec writes it. */
    private static String display(ProtocolStep.Fired f) {
        String inst = f.instanceArgs().stream().map(ExprPrinter::print).collect(java.util.stream.Collectors.joining(", "));
        String args = f.args().stream().map(ExprPrinter::print).collect(java.util.stream.Collectors.joining(", "));
        return f.machine().name() + (inst.isEmpty() ? "" : "(" + inst + ")") + "." + f.event().name() + "(" + args + ")";
    }

    private static void collect(List<ProtocolStep> steps, List<Choice> out) {
        for (ProtocolStep s : steps) {
            if (s instanceof ProtocolStep.Block b) {
                switch (b.kind()) {
                    case "alt" -> out.add(new Choice(b, b.elseLabel() == null
                            ? "alt \"" + label(b.label()) + "\" not taken"
                            : "else \"" + b.elseLabel() + "\" of alt \"" + label(b.label()) + "\""));
                    case "opt" -> out.add(new Choice(b, "without opt \"" + label(b.label()) + "\""));
                    default -> {
                    }
                }
                collect(b.steps(), out);
                collect(b.elseSteps(), out);
            }
        }
    }

    private static String label(String s) {
        return s == null ? "" : s;
    }

    /** The fired events along one way: the flipped block takes its other way, every other block its first. */
    private static void walk(List<ProtocolStep> steps, ProtocolStep.Block flipped, List<ProtocolStep.Fired> fired) {
        for (ProtocolStep s : steps) {
            if (s instanceof ProtocolStep.Message m) {
                fired.addAll(m.fired());
            } else if (s instanceof ProtocolStep.Block b) {
                boolean other = b == flipped;
                if (b.kind().equals("opt")) {
                    if (!other) {
                        walk(b.steps(), flipped, fired);
                    }
                } else if (b.kind().equals("alt")) {
                    walk(other ? b.elseSteps() : b.steps(), flipped, fired);
                } else {
                    walk(b.steps(), flipped, fired);
                }
            }
        }
    }

    /** {@code fired("PhoneCert", List.of(param("p"), param("ph")), "issue", List.of())}. */
    private static String fired(ProtocolStep.Fired f) {
        List<String> inst = new ArrayList<>();
        for (Expr e : f.instanceArgs()) {
            inst.add(term(e));
        }
        List<String> args = new ArrayList<>();
        for (Expr e : f.args()) {
            args.add(term(e));
        }
        return "fired(" + JavaNames.literal(f.machine().name()) + ", " + list(inst) + ", "
                + JavaNames.literal(f.event().name()) + ", " + list(args) + ")";
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "List.of()" : "List.of(" + String.join(", ", items) + ")";
    }

    /**
     * A protocol parameter, a constant, or any other expression, which the harness lets match
     * any value that enables the event.
     */
    private static String term(Expr e) {
        if (e instanceof Expr.Read r && r.variable().kind() == Variable.Kind.PROTOCOL_PARAM) {
            return "param(" + JavaNames.literal(r.variable().name()) + ")";
        }
        if (e instanceof Expr.Const c) {
            return "value(" + JavaNames.literal(ExprPrinter.constant(c.type(), c.value())) + ")";
        }
        return "any(" + JavaNames.literal(ExprPrinter.print(e)) + ")";
    }

    /** Requirement ids cited by the steps, blocks included. */
    static void stepRequirements(List<ProtocolStep> steps, Set<String> out) {
        for (ProtocolStep s : steps) {
            for (ReqCitation r : s.requirements()) {
                out.add(r.id());
            }
            if (s instanceof ProtocolStep.Block b) {
                stepRequirements(b.steps(), out);
                stepRequirements(b.elseSteps(), out);
            }
        }
    }
}
