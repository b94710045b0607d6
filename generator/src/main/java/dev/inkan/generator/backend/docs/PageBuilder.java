package dev.inkan.generator.backend.docs;

import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.backend.docs.PageView.AppletView;
import dev.inkan.generator.backend.docs.PageView.CommandRow;
import dev.inkan.generator.backend.docs.PageView.DeclarationRow;
import dev.inkan.generator.backend.docs.PageView.EventRow;
import dev.inkan.generator.backend.docs.PageView.FileRow;
import dev.inkan.generator.backend.docs.PageView.Intro;
import dev.inkan.generator.backend.docs.PageView.InvariantView;
import dev.inkan.generator.backend.docs.PageView.MachineView;
import dev.inkan.generator.backend.docs.PageView.MonitorView;
import dev.inkan.generator.backend.docs.PageView.ObservationRow;
import dev.inkan.generator.backend.docs.PageView.PinRow;
import dev.inkan.generator.backend.docs.PageView.ProtocolView;
import dev.inkan.generator.backend.docs.PageView.ScriptRow;
import dev.inkan.generator.backend.docs.PageView.TransitionRow;
import dev.inkan.generator.backend.docs.PageView.VariableRow;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.FileDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.RoleDef;
import dev.inkan.generator.ir.SecurityDomainDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the view of one spec file's page: its machines, monitors, invariants, applets, protocols and the rest. */
final class PageBuilder {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Pages pages;
    private final SourceFile file;

    private PageBuilder(Pages pages, SourceFile file) {
        this.pages = pages;
        this.file = file;
    }

    static PageView build(Spec spec, Pages pages, SourceFile file) {
        return new PageBuilder(pages, file).page(spec);
    }

    private PageView page(Spec spec) {
        List<MachineDef> machines = here(spec.machines);
        List<MonitorDef> monitors = here(spec.monitors);
        List<InvariantDef> invariants = here(spec.invariants);
        List<AppletDef> applets = here(spec.applets);
        List<ProtocolDef> protocols = here(spec.protocols);
        List<String> contents = new ArrayList<>();
        contents(contents, "Machines", "Machine", machines);
        contents(contents, "Monitors", "Monitor", monitors);
        contents(contents, "Invariants", "Invariant", invariants);
        contents(contents, "Applets", "Applet", applets);
        contents(contents, "Protocols", "Protocol", protocols);
        List<DeclarationRow> declarations = declarations(spec);
        if (!declarations.isEmpty()) {
            contents.add(Markdown.link(Pages.DECLARATIONS, "#" + Markdown.anchor(Pages.DECLARATIONS))
                    + ": types, roles, functions, systems, security domains");
        }
        return new PageView(SourceHeader.markdown(List.of(file)), file.displayName(),
                Markdown.link("Index", Pages.INDEX) + " \u00b7 " + Markdown.link("Requirements", Pages.REQUIREMENTS),
                contents, machines.stream().map(this::machine).toList(), monitors.stream().map(this::monitor).toList(),
                invariants.stream().map(this::invariant).toList(), applets.stream().map(this::applet).toList(),
                protocols.stream().map(this::protocol).toList(), declarations);
    }

    /** The elements declared in this file, in source order. */
    private <T extends Element> List<T> here(List<T> all) {
        return all.stream().filter(e -> e.span().file() == file).sorted(Comparator.comparing(Element::span)).toList();
    }

    private void contents(List<String> out, String title, String kind, List<? extends Element> elements) {
        if (!elements.isEmpty()) {
            out.add(title + ": " + elements.stream()
                    .map(e -> Markdown.link(e.name(), "#" + Markdown.anchor(Pages.heading(kind, e.name()))))
                    .collect(Collectors.joining(", ")));
        }
    }

    static String location(Span span) {
        return span.file().displayName() + ":" + span.line();
    }

    private static Intro intro(String signature, Element e) {
        String line = Markdown.code(signature) + " at " + location(e.span())
                + (e.requirementIds().isEmpty() ? "" : " \u00b7 requirements " + Markdown.ids(e.requirementIds()));
        return new Intro(line, e.doc().strip());
    }

    // ------------------------------------------------------------------ machines

    private MachineView machine(MachineDef m) {
        List<EventRow> events = new ArrayList<>();
        for (EventDef e : m.events()) {
            List<String> notes = new ArrayList<>();
            if (!e.doc().isBlank()) {
                notes.add(e.doc().strip());
            }
            if (e.weight() != 1) {
                notes.add("weight " + e.weight());
            }
            events.add(new EventRow(Markdown.code(e.name()), Markdown.code(StmtPrinter.binders(e.params())),
                    e.role() == null ? Markdown.NONE : e.role().name(), e.internal() ? "yes" : "no",
                    Markdown.ids(e.requirementIds()), Markdown.cell(String.join("; ", notes))));
        }
        List<String> ignored = new ArrayList<>();
        m.ignored().forEach((e, states) -> ignored.add(Markdown.code(e.name()) + " in "
                + states.stream().sorted(Comparator.comparingInt(StateDef::index)).map(StateDef::name)
                        .collect(Collectors.joining(", "))));
        List<TransitionRow> transitions = new ArrayList<>();
        for (TransitionDef t : m.transitions()) {
            List<String> notes = new ArrayList<>();
            if (!t.doc().isBlank()) {
                notes.add(t.doc().strip());
            }
            if (t.unreachableReason() != null) {
                notes.add("unreachable: " + t.unreachableReason());
            }
            transitions.add(new TransitionRow(t.index(), states(t.sources()), t.target().name(),
                    Markdown.code(t.event().name()), Markdown.code(ExprPrinter.print(t.guard())),
                    Markdown.code(StmtPrinter.print(t.body())), Markdown.ids(t.requirementIds()),
                    location(t.span()), Markdown.cell(String.join("; ", notes))));
        }
        StateDiagram.Diagram diagram = StateDiagram.of(m);
        return new MachineView(Pages.heading("Machine", m.name()),
                intro("machine " + m.name() + StmtPrinter.params(m.params()), m), variables(m.vars()),
                diagram.lines(), notDrawn(diagram), "Events of " + m.name(), events, ignored,
                "Transitions of " + m.name(),
                transitions);
    }

    private static String notDrawn(StateDiagram.Diagram d) {
        return d.notDrawn().isEmpty() ? "" : "Not drawn, as they leave the state unchanged wherever they are taken: "
                + d.notDrawn().stream().map(Markdown::cell).collect(Collectors.joining(", ")) + ".";
    }

    private static String states(List<StateDef> states) {
        return states.stream().map(StateDef::name).collect(Collectors.joining(", "));
    }

    private static List<VariableRow> variables(List<Variable> vars) {
        return vars.stream().map(v -> new VariableRow(Markdown.code(v.name()), Markdown.code(v.type().display()),
                Markdown.code(v.init() != null ? ExprPrinter.print(v.init()) : initial(v.type()))
                        + (v.init() != null ? "" : " (default)"))).toList();
    }

    /** The value a variable without initialiser starts with: false, the low bound, the first member, none. */
    private static String initial(Type t) {
        if (t instanceof Type.Optional) {
            return "none";
        }
        if (t instanceof Type.Int i) {
            return Long.toString(i.lo());
        }
        return ExprPrinter.constant(t, 0);
    }

    // ------------------------------------------------------------------ monitors and invariants

    private MonitorView monitor(MonitorDef m) {
        List<ObservationRow> rows = new ArrayList<>();
        for (ObservationDef o : m.observations()) {
            rows.add(new ObservationRow(o.index(), states(o.sources()), o.target().name(),
                    Markdown.code(StateDiagram.observed(o)), Markdown.code(ExprPrinter.print(o.guard())),
                    Markdown.code(StmtPrinter.print(o.body())), Markdown.ids(o.requirementIds()),
                    location(o.span())));
        }
        String hot = m.states().stream().filter(StateDef::hot).map(StateDef::name).collect(Collectors.joining(", "));
        StateDiagram.Diagram diagram = StateDiagram.of(m);
        return new MonitorView(Pages.heading("Monitor", m.name()),
                intro("monitor " + m.name() + StmtPrinter.params(m.params()), m), variables(m.vars()),
                diagram.lines(), notDrawn(diagram), hot, "Observations of " + m.name(), rows);
    }

    private InvariantView invariant(InvariantDef i) {
        return new InvariantView(Pages.heading("Invariant", i.name()), intro("invariant " + i.name(), i),
                ExprPrinter.print(i.body()));
    }

    // ------------------------------------------------------------------ applets

    private AppletView applet(AppletDef a) {
        SecurityDomainDef sd = a.domain();
        String domain = sd == null ? Markdown.NONE : pages.declaration(sd)
                + " (AID " + HEX.formatHex(sd.aid()) + (sd.owner() == null ? "" : ", keys held by " + sd.owner().name())
                + ")";
        List<PinRow> pins = a.pins().stream().map(p -> new PinRow(Markdown.code(p.name()), Integer.toString(p.tries()),
                p.minLength() == p.maxLength() ? Integer.toString(p.minLength()) : p.minLength() + ".." + p.maxLength(),
                p.charset().name().toLowerCase(Locale.ROOT),
                p.model() == null ? Markdown.NONE : Markdown.code(p.model().name() + "("
                        + p.modelArgs().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + ")"),
                Markdown.ids(p.requirementIds()))).toList();
        List<FileRow> files = a.files().stream().map(f -> new FileRow(Markdown.code(f.name()),
                String.format("%04X", f.fid()), f.kind().name().toLowerCase(Locale.ROOT), access(f),
                f.size() == 0 ? "default" : Integer.toString(f.size()), Markdown.ids(f.requirementIds()))).toList();
        List<CommandRow> commands = a.commands().stream().map(c -> command(a, c)).toList();
        return new AppletView(Pages.heading("Applet", a.name()),
                intro("applet " + a.name() + " binds " + a.machine().name(), a), HEX.formatHex(a.aid()), domain,
                pages.link(a.machine(), "Machine"), "PINs of " + a.name(), pins, "Files of " + a.name(), files,
                "Commands of " + a.name(), commands);
    }

    private static String access(FileDef f) {
        return switch (f.access()) {
            case FREE -> "free";
            case NEVER -> "never";
            case PIN -> "pin " + (f.pin() == null ? "?" : f.pin().name());
        };
    }

    private static CommandRow command(AppletDef a, CommandDef c) {
        String data = c.dataParam() != null ? Markdown.code(c.dataParam().name())
                : c.dataConstant() != null ? HEX.formatHex(c.dataConstant()) : Markdown.NONE;
        String states = c.states().size() == a.machine().states().size() && c.states().size() > 1
                ? "* (every state)"
                : c.states().stream().map(StateDef::name).collect(Collectors.joining(", "));
        String pin = c.pin() != null ? Markdown.code(c.pin().name()) : c.pinOfSelectedFile() ? "selected file's"
                : Markdown.NONE;
        List<String> refusals = new ArrayList<>();
        refusals.add(String.format("state %04X", c.stateRefusal()));
        if (c.securityLevel() != 0) {
            refusals.add(String.format("secure %04X", c.secureRefusal()));
        }
        if (c.pin() != null || c.pinOfSelectedFile()) {
            refusals.add(String.format("pin %04X", c.pinRefusal()));
        }
        return new CommandRow(Markdown.code(c.name() + StmtPrinter.params(c.params())), header(c.cla()),
                header(c.ins()), header(c.p1()), header(c.p2()), data,
                c.le() == null ? Markdown.NONE : String.format("%02X", c.le()), states,
                securityLevel(c.securityLevel()),
                pin, String.join(", ", refusals), c.event() == null ? Markdown.NONE : Markdown.code(c.event().name()),
                Markdown.ids(c.requirementIds()), location(c.span()));
    }

    private static String header(CommandDef.Header h) {
        if (h.constant() != null) {
            return String.format("%02X", h.constant());
        }
        return h.any() ? "*" : Markdown.code(h.param().name());
    }

    /** A GP security level in hex with the names of its bits: {@code 33 (C_MAC + C_DEC + R_MAC + R_ENC)}. */
    static String securityLevel(int level) {
        List<String> names = new ArrayList<>();
        if ((level & CommandDef.C_MAC) != 0) {
            names.add("C_MAC");
        }
        if ((level & CommandDef.C_DEC) != 0) {
            names.add("C_DEC");
        }
        if ((level & CommandDef.R_MAC) != 0) {
            names.add("R_MAC");
        }
        if ((level & CommandDef.R_ENC) != 0) {
            names.add("R_ENC");
        }
        return String.format("%02X", level) + " (" + (names.isEmpty() ? "none" : String.join(" + ", names)) + ")";
    }

    // ------------------------------------------------------------------ protocols

    private ProtocolView protocol(ProtocolDef p) {
        List<ScriptRow> scripts = new ArrayList<>();
        scripts(p.steps(), scripts);
        return new ProtocolView(Pages.heading("Protocol", p.name()),
                intro("protocol " + p.name() + StmtPrinter.params(p.params()), p),
                p.roles().stream().map(RoleDef::name).collect(Collectors.joining(", ")), SequenceDiagram.of(p),
                "Scripts of " + p.name(), scripts);
    }

    private static void scripts(List<ProtocolStep> steps, List<ScriptRow> out) {
        for (ProtocolStep s : steps) {
            if (s instanceof ProtocolStep.Script sc) {
                for (ProtocolStep.ScriptCommand c : sc.commands()) {
                    List<String> args = new ArrayList<>();
                    for (Variable param : c.command().params()) {
                        Object arg = c.args().get(param.index());
                        args.add(param.name() + " = " + (arg == null ? "(builder parameter)"
                                : SequenceDiagram.argument(param, arg)));
                    }
                    out.add(new ScriptRow(Markdown.code(sc.name()), sc.from().name() + " \u2192 " + sc.to().name(),
                            sc.domain().name(), sc.applet().name(), Markdown.code(c.command().name()),
                            SequenceDiagram.header(c), Markdown.code(String.join(", ", args)),
                            securityLevel(c.command().securityLevel()), SequenceDiagram.sws(c.expected()),
                            location(c.span())));
                }
            } else if (s instanceof ProtocolStep.Block b) {
                scripts(b.steps(), out);
                scripts(b.elseSteps(), out);
            }
        }
    }

    // ------------------------------------------------------------------ the rest

    private List<DeclarationRow> declarations(Spec spec) {
        List<DeclarationRow> rows = new ArrayList<>();
        rows(rows, spec.enums, "enum", e -> "enum " + e.name() + " { " + e.members().stream()
                .map(m -> m.name() + (m.code() == null ? "" : String.format(" = 0x%02X", m.code())))
                .collect(Collectors.joining(", ")) + " }");
        rows(rows, spec.domains, "domain", d -> "domain " + d.name());
        rows(rows, spec.roles, "role", r -> "role " + r.name());
        rows(rows, spec.functions, "function", f -> "fun " + f.name() + "(" + StmtPrinter.binders(f.params()) + "): "
                + f.result().display() + " = " + ExprPrinter.print(f.body()));
        rows(rows, spec.systems, "system", s -> "system " + s.name() + " { " + s.sizes().entrySet().stream()
                .map(e -> e.getKey().name() + " = " + e.getValue()).collect(Collectors.joining(", ")) + " }");
        rows(rows, spec.securityDomains, "security domain", sd -> "securitydomain " + sd.name() + " { aid 0x"
                + HEX.formatHex(sd.aid()) + (sd.owner() == null ? "" : " owner " + sd.owner().name())
                + (sd.parent() == null ? "" : " parent " + sd.parent().name()) + " }");
        return rows;
    }

    private <T extends Element> void rows(List<DeclarationRow> out, List<T> all, String kind,
                                          Function<T, String> definition) {
        for (T e : here(all)) {
            String def = definition.apply(e);
            out.add(new DeclarationRow(kind, Markdown.code(e.name()), Markdown.code(def),
                    Markdown.ids(e.requirementIds()), location(e.span())));
        }
    }
}
