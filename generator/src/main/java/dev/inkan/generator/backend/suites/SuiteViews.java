package dev.inkan.generator.backend.suites;

import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One small immutable view per suite template, built from the checked model. */
public final class SuiteViews {
    static final String PACKAGE = "dev.inkan.generated.suites";

    private SuiteViews() {
    }

    /** {@code <Name>InvariantSuite}: the invariant holds on random chains and in every explored state. */
    public record InvariantSuite(String header, String className, String name, String nameLiteral, String location,
                          String text, String requirements) {
    }

    /** {@code <Name>MonitorSuite}: the monitor never fails; with hot states, they are always left eventually. */
    public record MonitorSuite(String header, String className, String name, String nameLiteral, String location,
                        boolean hot, String hotStates, String requirements) {
    }

    /** One transition line of a machine suite. */
    public record TransitionLine(String literal, String comment, boolean last) {
    }

    /** {@code <Name>MachineSuite}: every transition is exercised; the implementation conforms on random chains. */
    public record MachineSuite(String header, String className, String name, String nameLiteral, String location,
                        List<TransitionLine> transitions, String requirements) {
    }

    /** One sequence of fired events a protocol suite replays. */
    public record Sequence(String method, String labelLiteral, String description, List<String> fired) {
    }

    /** One entry of the catalog: a protocol's sequence and its fired events as Java expressions. */
    public record CatalogEntry(String protocolLiteral, String labelLiteral, List<String> fired, boolean last) {
    }

    /** {@code Protocols}: every sequence of every protocol, for the harness. */
    public record Catalog(String header, String className, List<CatalogEntry> entries) {
    }

    /** {@code <Name>ProtocolSuite}: each sequence of model events the protocol fires replays in the model. */
    public record ProtocolSuite(String header, String className, String name, String nameLiteral, String location,
                         String roles, List<Sequence> sequences, String requirements) {
    }

    static InvariantSuite invariant(InvariantDef i) {
        return new InvariantSuite(header(i), i.name() + "InvariantSuite", i.name(), JavaNames.literal(i.name()),
                i.span().location(), comment(ExprPrinter.print(i.body())), requirements(i));
    }

    static MonitorSuite monitor(MonitorDef m) {
        List<String> hot = m.states().stream().filter(StateDef::hot).map(StateDef::name).toList();
        return new MonitorSuite(header(m), m.name() + "MonitorSuite", m.name(), JavaNames.literal(m.name()),
                m.span().location(), !hot.isEmpty(), String.join(", ", hot), requirements(m));
    }

    static MachineSuite machine(MachineDef m) {
        List<TransitionLine> lines = new ArrayList<>();
        List<TransitionDef> ts = m.transitions();
        for (int k = 0; k < ts.size(); k++) {
            TransitionDef t = ts.get(k);
            String comment = t.span().location() + (t.unreachableReason() == null ? ""
                    : ", @unreachable: " + t.unreachableReason());
            lines.add(new TransitionLine(JavaNames.literal(t.label()), comment(comment), k == ts.size() - 1));
        }
        Set<String> reqs = new java.util.TreeSet<>(m.requirementIds());
        for (TransitionDef t : ts) {
            reqs.addAll(t.requirementIds());
        }
        m.events().forEach(e -> reqs.addAll(e.requirementIds()));
        return new MachineSuite(header(m), m.name() + "MachineSuite", m.name(), JavaNames.literal(m.name()),
                m.span().location(), lines, reqs.isEmpty() ? "" : String.join(", ", reqs));
    }

    static ProtocolSuite protocol(ProtocolDef p) {
        List<Sequence> seqs = new ArrayList<>();
        int n = 0;
        for (ProtocolSequences.Seq s : ProtocolSequences.of(p)) {
            n++;
            List<String> fired = new ArrayList<>();
            for (String f : s.display()) {
                fired.add(comment(f));
            }
            seqs.add(new Sequence("sequence" + n, JavaNames.literal(s.label()), comment(s.label()), fired));
        }
        String roles = String.join(", ", p.roles().stream().map(Element::name).toList());
        Set<String> reqs = new java.util.TreeSet<>(p.requirementIds());
        ProtocolSequences.stepRequirements(p.steps(), reqs);
        return new ProtocolSuite(header(p), p.name() + "ProtocolSuite", p.name(), JavaNames.literal(p.name()),
                p.span().location(), roles, seqs, reqs.isEmpty() ? "" : String.join(", ", reqs));
    }

    static Catalog catalog(dev.inkan.generator.ir.Spec spec) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (ProtocolDef p : spec.protocols) {
            for (ProtocolSequences.Seq s : ProtocolSequences.of(p)) {
                List<String> fired = new ArrayList<>();
                for (int k = 0; k < s.fired().size(); k++) {
                    fired.add(s.fired().get(k) + (k < s.fired().size() - 1 ? "," : ""));
                }
                entries.add(new CatalogEntry(JavaNames.literal(p.name()), JavaNames.literal(s.label()), fired, false));
            }
        }
        if (!entries.isEmpty()) {
            CatalogEntry last = entries.remove(entries.size() - 1);
            entries.add(new CatalogEntry(last.protocolLiteral(), last.labelLiteral(), last.fired(), true));
        }
        List<dev.inkan.generator.diag.SourceFile> files = new ArrayList<>();
        spec.protocols.forEach(p -> files.add(p.span().file()));
        String header = files.isEmpty() ? SourceHeader.java(spec.files).replace("from .", "from the specs.")
                : SourceHeader.java(files);
        return new Catalog(header, "Protocols", entries);
    }

    private static String header(Element e) {
        return SourceHeader.java(List.of(e.span().file()));
    }

    private static String requirements(Element e) {
        return e.requirementIds().isEmpty() ? "" : String.join(", ", e.requirementIds());
    }

    /** Text safe inside a Java comment. */
    static String comment(String s) {
        return s.replace("*/", "* /").replace("\n", " ").replace("\\u", "\\\\u");
    }
}
