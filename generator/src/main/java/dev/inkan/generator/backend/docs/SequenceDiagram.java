package dev.inkan.generator.backend.docs;

import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.RoleDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mermaid {@code sequenceDiagram} of a protocol: the roles as participants, one message per
 * step, {@code alt/else}, {@code opt} and {@code loop} blocks, a step's {@code @doc}, the model
 * events a message fires and the requirement ids it cites as notes, and every script as one message to the SE with a
 * note naming the security domain whose keys protect it and each APDU with its expected status
 * words.
 */
final class SequenceDiagram {
    private static final String INDENT = "    ";

    private final List<String> lines = new ArrayList<>();
    private final Mermaid.Ids ids;
    private final ProtocolDef protocol;

    private SequenceDiagram(ProtocolDef p) {
        this.protocol = p;
        this.ids = new Mermaid.Ids(p.roles().stream().map(RoleDef::name).toList());
    }

    static List<String> of(ProtocolDef p) {
        SequenceDiagram d = new SequenceDiagram(p);
        d.lines.add("sequenceDiagram");
        for (RoleDef r : p.roles()) {
            String id = d.ids.id(r.name());
            d.lines.add(INDENT + "participant " + (id.equals(r.name()) ? id : id + " as " + r.name()));
        }
        d.steps(p.steps(), INDENT);
        return List.copyOf(d.lines);
    }

    private void steps(List<ProtocolStep> steps, String indent) {
        if (steps.isEmpty() && !protocol.roles().isEmpty()) {
            lines.add(indent + "Note over " + ids.id(protocol.roles().get(0).name()) + ": nothing");
        }
        for (ProtocolStep s : steps) {
            step(s, indent);
        }
    }

    private void step(ProtocolStep s, String indent) {
        if (s instanceof ProtocolStep.Message m) {
            String args = m.args().isEmpty() ? "" : "(" + list(m.args()) + ")";
            message(indent, m.from(), m.to(), m.message() + args);
            List<String> note = new ArrayList<>();
            if (m.doc() != null) {
                note.add(m.doc());
            }
            if (!m.fired().isEmpty()) {
                note.add("fires " + m.fired().stream().map(SequenceDiagram::fired).collect(Collectors.joining(", ")));
            }
            note(indent, m.from(), m.to(), note, m.requirements());
        } else if (s instanceof ProtocolStep.Script sc) {
            message(indent, sc.from(), sc.to(), "script " + sc.name() + " to " + sc.applet().name());
            List<String> note = new ArrayList<>();
            if (sc.doc() != null) {
                note.add(sc.doc());
            }
            note.add("keys of " + sc.domain().name()
                    + (sc.domain().owner() == null ? "" : " held by " + sc.domain().owner().name()));
            for (ProtocolStep.ScriptCommand c : sc.commands()) {
                note.add(apdu(c));
            }
            note(indent, sc.from(), sc.to(), note, sc.requirements());
        } else if (s instanceof ProtocolStep.Block b) {
            String reqs = b.requirements().isEmpty() ? "" : " (REQ " + ids(b.requirements()) + ")";
            String doc = b.doc() == null ? "" : " - " + b.doc();
            lines.add(indent + b.kind() + " " + label(b.label() + doc + reqs));
            steps(b.steps(), indent + INDENT);
            if (b.elseLabel() != null || !b.elseSteps().isEmpty()) {
                lines.add(indent + "else " + label(b.elseLabel() == null ? "otherwise" : b.elseLabel()));
                steps(b.elseSteps(), indent + INDENT);
            }
            lines.add(indent + "end");
        } else {
            throw new IllegalStateException("docs: no diagram for protocol step " + s);
        }
    }

    private static String label(String s) {
        String text = Mermaid.text(s);
        return text.isEmpty() ? "-" : text;
    }

    private void message(String indent, RoleDef from, RoleDef to, String text) {
        lines.add(indent + ids.id(from.name()) + "->>" + ids.id(to.name()) + ": " + Mermaid.text(text));
    }

    private void note(String indent, RoleDef from, RoleDef to, List<String> parts, List<ReqCitation> reqs) {
        List<String> all = new ArrayList<>(parts);
        if (!reqs.isEmpty()) {
            all.add("REQ " + ids(reqs));
        }
        if (all.isEmpty()) {
            return;
        }
        String over = from == to ? ids.id(from.name()) : ids.id(from.name()) + "," + ids.id(to.name());
        lines.add(indent + "Note over " + over + ": "
                + all.stream().map(Mermaid::text).collect(Collectors.joining("<br/>")));
    }

    private static String ids(List<ReqCitation> reqs) {
        return reqs.stream().map(ReqCitation::id).distinct().sorted().collect(Collectors.joining(", "));
    }

    /** {@code PhoneCert(p, ph, t).issue()}. */
    static String fired(ProtocolStep.Fired f) {
        String inst = f.machine().params().isEmpty() ? f.machine().name()
                : f.machine().name() + "(" + list(f.instanceArgs()) + ")";
        return inst + "." + f.event().name() + "(" + list(f.args()) + ")";
    }

    /** {@code GENERATE_KEY 80 46 00 17 expect 9000}: the header as sent, the status words expected. */
    static String apdu(ProtocolStep.ScriptCommand c) {
        return c.command().name() + " " + header(c) + " expect " + sws(c.expected());
    }

    /** CLA INS P1 P2 in hex; a parameter shows its value when the script gives a constant, else its name. */
    static String header(ProtocolStep.ScriptCommand c) {
        CommandDef cmd = c.command();
        return List.of(cmd.cla(), cmd.ins(), cmd.p1(), cmd.p2()).stream().map(h -> headerByte(h, c.args()))
                .collect(Collectors.joining(" "));
    }

    private static String headerByte(CommandDef.Header h, List<Object> args) {
        if (h.constant() != null) {
            return String.format("%02X", h.constant());
        }
        if (h.any()) {
            return "*";
        }
        Object arg = args.get(h.param().index());
        if (arg instanceof Expr.Const k) {
            if (k.type() instanceof Type.Enum en && k.value() >= 0 && k.value() < en.def().members().size()) {
                EnumDef.Member m = en.def().members().get(k.value());
                return m.code() == null ? m.name() : String.format("%02X", m.code());
            }
            return String.format("%02X", k.value() & 0xFF);
        }
        return arg instanceof Expr e ? ExprPrinter.print(e) : h.param().name();
    }

    /** A script argument as written: an expression, or a byte string in hex. */
    static String argument(Variable param, Object arg) {
        if (arg instanceof byte[] b) {
            return "0x" + HexFormat.of().withUpperCase().formatHex(b);
        }
        if (arg instanceof Expr.Const k && param.type() instanceof Type.Byte) {
            return String.format("0x%02X", k.value() & 0xFF);
        }
        return arg instanceof Expr e ? ExprPrinter.print(e) : "";
    }

    static String sws(List<Integer> sws) {
        return sws.stream().map(sw -> String.format("%04X", sw)).collect(Collectors.joining(", "));
    }

    private static String list(List<Expr> args) {
        return args.stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
    }
}
