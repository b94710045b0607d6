package dev.inkan.generator.backend.model;

import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Java statements that build the model's {@code ModelInfo}: the metadata harnesses work from. */
final class ModelInfoWriter {
    private ModelInfoWriter() {
    }

    static List<String> lines(Spec spec, JavaTranslator tr) {
        List<String> out = new ArrayList<>();
        out.add("List<String> files = List.of(" + spec.files.stream().map(SourceFile::displayName).sorted()
                .map(JavaNames::literal).collect(Collectors.joining(", ")) + ");");
        out.add("List<ModelInfo.Domain> domains = new ArrayList<>();");
        for (DomainDef d : spec.domains) {
            out.add("domains.add(new ModelInfo.Domain(" + JavaNames.literal(d.name()) + ", "
                    + spec.domains.indexOf(d) + "));");
        }
        out.add("List<ModelInfo.Machine> machines = new ArrayList<>();");
        out.add("List<ModelInfo.Event> events = new ArrayList<>();");
        out.add("List<ModelInfo.Transition> transitions = new ArrayList<>();");
        int transitionId = 0;
        for (MachineDef m : spec.machines) {
            int index = spec.machines.indexOf(m);
            out.add("machines.add(new ModelInfo.Machine(" + JavaNames.literal(m.name()) + ", " + index + ", "
                    + params(spec, m.params()) + ", " + params(spec, m.vars()) + ", " + names(m.states()) + ", "
                    + m.initialState().index() + ", " + reqs(m) + "));");
            for (EventDef e : m.events()) {
                out.add("events.add(new ModelInfo.Event(" + JavaNames.literal(e.name()) + ", " + tr.globalEvent(e)
                        + ", " + index + ", " + params(spec, e.params()) + ", " + e.internal() + ", "
                        + (e.role() == null ? "null" : JavaNames.literal(e.role().name())) + ", " + e.weight() + ", "
                        + reqs(e) + "));");
            }
            for (TransitionDef t : m.transitions()) {
                String sources = t.sources().stream().map(s -> Integer.toString(s.index()))
                        .collect(Collectors.joining(", "));
                out.add("transitions.add(new ModelInfo.Transition(" + (transitionId++) + ", " + index + ", "
                        + tr.globalEvent(t.event()) + ", List.of(" + sources + "), " + t.target().index() + ", "
                        + JavaNames.literal(t.label()) + ", " + JavaNames.literal(t.span().location()) + ", "
                        + reqs(t) + ", " + (t.unreachableReason() == null ? "null"
                        : JavaNames.literal(t.unreachableReason())) + ", " + (t.guard() != null) + "));");
            }
        }
        out.add("List<ModelInfo.Monitor> monitors = new ArrayList<>();");
        for (MonitorDef m : spec.monitors) {
            String hot = m.states().stream().map(s -> Boolean.toString(s.hot())).collect(Collectors.joining(", "));
            out.add("monitors.add(new ModelInfo.Monitor(" + JavaNames.literal(m.name()) + ", "
                    + spec.monitors.indexOf(m) + ", " + params(spec, m.params()) + ", " + params(spec, m.vars()) + ", "
                    + names(m.states()) + ", " + m.initialState().index() + ", List.of(" + hot + "), "
                    + m.observations().size() + ", " + reqs(m) + "));");
        }
        out.add("List<ModelInfo.Invariant> invariants = new ArrayList<>();");
        for (InvariantDef i : spec.invariants) {
            out.add("invariants.add(new ModelInfo.Invariant(" + JavaNames.literal(i.name()) + ", "
                    + spec.invariants.indexOf(i) + ", " + JavaNames.literal(i.span().location()) + ", " + reqs(i)
                    + ", " + reads(spec, i) + "));");
        }
        out.add("return new ModelInfo(\"spec\", files, List.copyOf(domains), List.copyOf(machines), "
                + "List.copyOf(events), List.copyOf(transitions), List.copyOf(monitors), List.copyOf(invariants));");
        return out;
    }

    /** The machine fields an invariant reads, or {@code null} when they are not known. */
    private static String reads(Spec spec, InvariantDef i) {
        List<int[]> reads = InvariantReads.of(spec, i.body());
        if (reads == null) {
            return "null";
        }
        return "List.of(" + reads.stream().map(r -> "new ModelInfo.Read(" + r[0] + ", " + r[1] + ")")
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String names(List<StateDef> states) {
        return "List.of(" + states.stream().map(s -> JavaNames.literal(s.name())).collect(Collectors.joining(", "))
                + ")";
    }

    private static String reqs(Element e) {
        return "List.of(" + e.requirementIds().stream().map(JavaNames::literal).collect(Collectors.joining(", "))
                + ")";
    }

    private static String params(Spec spec, List<Variable> vars) {
        return "List.of(" + vars.stream().map(v -> "new ModelInfo.Param(" + JavaNames.literal(v.name()) + ", "
                + valueType(spec, v.type()) + ")").collect(Collectors.joining(", ")) + ")";
    }

    static String valueType(Spec spec, Type t) {
        boolean optional = t instanceof Type.Optional;
        Type inner = optional ? ((Type.Optional) t).inner() : t;
        if (inner instanceof Type.Bool) {
            return "ValueType.bool()";
        }
        if (inner instanceof Type.Int i) {
            return "ValueType.range(" + i.lo() + ", " + i.hi() + ")";
        }
        if (inner instanceof Type.Enum e) {
            EnumDef d = e.def();
            return "ValueType.enumeration(List.of(" + d.members().stream().map(m -> JavaNames.literal(m.name()))
                    .collect(Collectors.joining(", ")) + "), " + optional + ")";
        }
        if (inner instanceof Type.Domain d) {
            return "ValueType.domain(" + spec.domains.indexOf(d.def()) + ", " + JavaNames.literal(d.def().name())
                    + ", " + optional + ")";
        }
        throw new IllegalArgumentException("no value type for " + t.display());
    }
}
