package dev.inkan.generator.backend.docs;

import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.FileDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.PinDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which spec elements cite which requirement ids, and which generated suite covers each: the
 * suite of the element itself or of the machine, monitor, applet or protocol it belongs to.
 */
final class CrossReference {
    /** One element (or protocol step) citing some requirement ids. */
    record Citation(String kind, String name, String target, Span span, String suite, List<String> ids) {
    }

    /** Orders ids as {@code LIFE-2} before {@code LIFE-10}. */
    static final Comparator<String> ID_ORDER = Comparator
            .comparing((String id) -> id.contains("-") ? id.substring(0, id.lastIndexOf('-')) : id)
            .thenComparingInt(CrossReference::number).thenComparing(Comparator.naturalOrder());

    private final Pages pages;
    private final List<Citation> citations = new ArrayList<>();
    private final Set<Element> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private CrossReference(Pages pages) {
        this.pages = pages;
    }

    static CrossReference of(Spec spec, Pages pages) {
        CrossReference x = new CrossReference(pages);
        x.collect(spec);
        for (Element e : spec.elements()) {
            if (!e.requirements().isEmpty() && !x.visited.contains(e)) {
                throw new IllegalStateException("docs: no cross-reference entry for " + e.getClass().getSimpleName()
                        + " " + e.name() + " at " + e.span());
            }
        }
        x.citations.sort(Comparator.comparing(Citation::span));
        return x;
    }

    /** Every citation, in source order. */
    List<Citation> citations() {
        return citations;
    }

    /** Requirement id to the citations of it, ids in {@link #ID_ORDER}. */
    Map<String, List<Citation>> byId() {
        Map<String, List<Citation>> out = new TreeMap<>(ID_ORDER);
        for (Citation c : citations) {
            for (String id : c.ids()) {
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    private void collect(Spec spec) {
        for (MachineDef m : spec.machines) {
            String suite = SuiteNames.of(m);
            String link = pages.target(m, "Machine");
            add("machine", m.name(), link, m, suite);
            for (StateDef s : m.states()) {
                add("state", m.name() + "." + s.name(), link, s, suite);
            }
            for (EventDef e : m.events()) {
                add("event", m.name() + "." + e.name(), link, e, suite);
            }
            for (TransitionDef t : m.transitions()) {
                add("transition", t.label(), link, t, suite);
            }
        }
        for (MonitorDef m : spec.monitors) {
            String suite = SuiteNames.of(m);
            String link = pages.target(m, "Monitor");
            add("monitor", m.name(), link, m, suite);
            for (StateDef s : m.states()) {
                add("monitor state", m.name() + "." + s.name(), link, s, suite);
            }
            for (ObservationDef o : m.observations()) {
                add("observation", m.name() + " on " + StateDiagram.observed(o), link, o, suite);
            }
        }
        for (InvariantDef i : spec.invariants) {
            add("invariant", i.name(), pages.target(i, "Invariant"), i, SuiteNames.of(i));
        }
        for (AppletDef a : spec.applets) {
            String suite = SuiteNames.of(a);
            String link = pages.target(a, "Applet");
            add("applet", a.name(), link, a, suite);
            for (PinDef p : a.pins()) {
                add("PIN", a.name() + "." + p.name(), link, p, suite);
            }
            for (FileDef f : a.files()) {
                add("file", a.name() + "." + f.name(), link, f, suite);
            }
            for (CommandDef c : a.commands()) {
                add("command", a.name() + "." + c.name(), link, c, suite);
            }
        }
        for (ProtocolDef p : spec.protocols) {
            String link = pages.target(p, "Protocol");
            add("protocol", p.name(), link, p, SuiteNames.of(p));
            steps(p, p.steps(), link);
        }
        declarations("enum", spec.enums);
        declarations("domain", spec.domains);
        declarations("role", spec.roles);
        declarations("function", spec.functions);
        declarations("system", spec.systems);
        declarations("security domain", spec.securityDomains);
    }

    private void declarations(String kind, List<? extends Element> elements) {
        for (Element e : elements) {
            add(kind, e.name(), pages.declarationTarget(e), e, null);
        }
    }

    private void add(String kind, String name, String link, Element e, String suite) {
        visited.add(e);
        if (!e.requirements().isEmpty()) {
            citations.add(new Citation(kind, name, link, e.span(), suite, e.requirementIds()));
        }
    }

    private void steps(ProtocolDef p, List<ProtocolStep> steps, String link) {
        for (ProtocolStep s : steps) {
            if (!s.requirements().isEmpty()) {
                List<String> ids = s.requirements().stream().map(ReqCitation::id).distinct().sorted().toList();
                citations.add(new Citation("protocol step", p.name() + ": " + describe(s), link, s.span(),
                        SuiteNames.of(p), ids));
            }
            if (s instanceof ProtocolStep.Block b) {
                steps(p, b.steps(), link);
                steps(p, b.elseSteps(), link);
            }
        }
    }

    private static String describe(ProtocolStep s) {
        if (s instanceof ProtocolStep.Message m) {
            return m.from().name() + " -> " + m.to().name() + " " + m.message();
        }
        if (s instanceof ProtocolStep.Script sc) {
            return sc.from().name() + " -> " + sc.to().name() + " script " + sc.name();
        }
        if (s instanceof ProtocolStep.Block b) {
            return b.kind() + " \"" + b.label() + "\"";
        }
        throw new IllegalStateException("docs: no description for protocol step " + s);
    }

    /** Distinct ids cited in one spec file. */
    Set<String> idsCitedIn(SourceFile file) {
        return citations.stream().filter(c -> c.span().file() == file).flatMap(c -> c.ids().stream())
                .collect(Collectors.toCollection(() -> new TreeSet<>(ID_ORDER)));
    }

    private static int number(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
