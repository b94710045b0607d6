package dev.inkan.generator.backend.model;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.backend.Templates;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.ExprPrinter;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.SystemDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The executable model: one class per machine and monitor with its guards and effects as
 * straight-line Java, invariants, functions, and {@code SpecModel}, which ties them to the
 * spec-independent engine {@code dev.inkan.runtime.model.GeneratedModel}.
 */
public final class ModelBackend implements Backend {
    static final String PACKAGE = "dev.inkan.generated.model";
    private static final String DIR = "model/java/dev/inkan/generated/model/";

    @Override
    public String name() {
        return "model";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        List<GeneratedFile> out = new ArrayList<>();
        for (MachineDef m : spec.machines) {
            out.add(file(className(m), "model/machine.vm", "machine", machineView(spec, m)));
        }
        for (MonitorDef m : spec.monitors) {
            out.add(file(className(m), "model/monitor.vm", "monitor", monitorView(spec, m)));
        }
        out.add(file("Invariants", "model/invariants.vm", "invariants", invariantsView(spec)));
        out.add(file("Functions", "model/functions.vm", "functions", functionsView(spec)));
        out.add(file("SpecModel", "model/spec-model.vm", "model", specModelView(spec)));
        return out;
    }

    private static GeneratedFile file(String className, String template, String key, Object view) {
        return new GeneratedFile(DIR + className + ".java", Templates.render(template, Map.of(key, view)));
    }

    static String className(MachineDef m) {
        return m.name() + "Machine";
    }

    static String className(MonitorDef m) {
        return m.name() + "Monitor";
    }

    private static String header(Element... elements) {
        Set<SourceFile> files = new LinkedHashSet<>();
        for (Element e : elements) {
            files.add(e.span().file());
        }
        return SourceHeader.java(files);
    }

    // ------------------------------------------------------------------ machines

    /**
     * One transition as {@code fire} runs it. {@code loop}: its step provably changes nothing (no
     * effect, so no emit either, its only source is its target, and no monitor observes its event),
     * so {@code fire} writes nothing for it and the step ends without observations.
     */
    public record TransitionView(int id, String comment, String condition, List<String> body, int target,
                                 boolean guarded, String guard, String mask, boolean loop) {
    }

    public record EventCase(int id, String name, String method, List<String> params,
                            List<TransitionView> transitions) {
    }

    /** The external transitions leaving one state, enumerated by a method of their own. */
    public record StateEnabled(int index, String name, String method, List<EnabledView> transitions) {
    }

    /** One external transition as {@code enabled} enumerates it: nested loops over the event's parameters. */
    public record EnabledView(String comment, List<String> code) {
    }

    public record IgnoreView(int event, String mask) {
    }

    public record MachineView(String header, String className, String name, String constName, int index,
                              List<String> stateConsts, List<String> decode, List<EventCase> events,
                              List<StateEnabled> enabled, List<Integer> arities, List<IgnoreView> ignores,
                              List<String> init, List<String> helpers) {
    }

    private MachineView machineView(Spec spec, MachineDef m) {
        List<String> helpers = new ArrayList<>();
        JavaTranslator tr = new JavaTranslator(spec, helpers);
        JavaTranslator.Scope base = new JavaTranslator.Scope();
        base.self = m;
        List<String> decode = decodeParams(tr, m.params(), "instance", base, "        ");
        List<String> states = new ArrayList<>();
        for (StateDef s : m.states()) {
            states.add("static final int " + JavaNames.upperSnake(s.name()) + " = " + s.index() + ";");
        }
        List<EventCase> events = new ArrayList<>();
        Map<StateDef, List<EnabledView>> enabled = new java.util.LinkedHashMap<>();
        m.states().forEach(st -> enabled.put(st, new ArrayList<>()));
        Set<Integer> arities = new java.util.TreeSet<>();
        int firstTransition = transitionOffset(spec, m);
        Set<EventDef> observed = new java.util.HashSet<>();
        spec.monitors.forEach(mon -> mon.observations().forEach(o -> observed.add(o.event())));
        for (EventDef e : m.events()) {
            JavaTranslator.Scope scope = base.copy();
            List<String> params = new ArrayList<>();
            for (Variable p : e.params()) {
                scope.names.put(p, JavaTranslator.local(p));
                params.add("int " + JavaTranslator.local(p) + " = args[" + p.index() + "];");
            }
            List<TransitionView> ts = new ArrayList<>();
            // the states an earlier transition of the event leaves: fire tries that one first there
            Set<StateDef> triedFirst = new java.util.HashSet<>();
            for (TransitionDef t : m.transitionsOf(e)) {
                String mask = mask(t.sources());
                String guard = t.guard() == null ? "true" : tr.bool(t.guard(), scope);
                String cond = "GeneratedModel.in(state, " + mask + ")" + (t.guard() == null ? ""
                        : " && m.guardEvaluated(" + (firstTransition + t.index()) + ", " + guard + ")");
                List<String> body = tr.stmts(t.body(), scope, "            ");
                boolean loop = t.body().isEmpty() && t.sources().equals(List.of(t.target())) && !observed.contains(e);
                ts.add(new TransitionView(firstTransition + t.index(), comment(t), cond, body, t.target().index(),
                        t.guard() != null, guard, mask, loop));
                if (!e.internal()) {
                    // listed as a loop when fire would take this transition for whatever the listing accepts
                    int listedLoop = loop && !triedFirst.contains(t.target()) ? firstTransition + t.index() : -1;
                    EnabledView view = enabledView(tr, t, scope, listedLoop);
                    t.sources().forEach(st -> enabled.get(st).add(view));
                    arities.add(e.params().size());
                }
                triedFirst.addAll(t.sources());
            }
            events.add(new EventCase(tr.globalEvent(e), e.name(), "fire" + JavaNames.upperCamel(e.name()), params, ts));
        }
        List<IgnoreView> ignores = new ArrayList<>();
        m.ignored().forEach((e, ss) -> ignores.add(new IgnoreView(tr.globalEvent(e), mask(List.copyOf(ss)))));
        List<String> init = new ArrayList<>();
        for (Variable v : m.vars()) {
            if (v.init() != null) {
                init.add(tr.store(v.type(), "b + " + (1 + v.index()), v.init(), base, m.name() + "." + v.name()));
            } else if (v.type() instanceof Type.Optional) {
                init.add("s[b + " + (1 + v.index()) + "] = 0; // none");
            }
        }
        List<StateEnabled> byState = new ArrayList<>();
        enabled.forEach((st, views) -> {
            if (!views.isEmpty()) {
                byState.add(new StateEnabled(st.index(), st.name(), "enabledIn" + JavaNames.upperCamel(st.name()), views));
            }
        });
        return new MachineView(header(m), className(m), m.name(), JavaTranslator.machineConst(m),
                spec.machines.indexOf(m), states, decode, events, byState, List.copyOf(arities), ignores, init, helpers);
    }

    /**
     * Nested loops over the event's parameters with the guard tested as soon as every parameter
     * it reads is bound: a guard that reads none is tested once, not once per combination. With
     * {@code loop} (a transition id, else -1) each action is reported as a step known to change
     * nothing, so an explorer can count it without stepping it.
     */
    private EnabledView enabledView(JavaTranslator tr, TransitionDef t, JavaTranslator.Scope scope, int loop) {
        List<Variable> params = t.event().params();
        java.util.Set<Variable> read = new java.util.LinkedHashSet<>();
        if (t.guard() != null) {
            JavaTranslator.freeVariables(t.guard(), read);
        }
        int guardAfter = -1;
        for (int i = 0; i < params.size(); i++) {
            if (read.contains(params.get(i))) {
                guardAfter = i;
            }
        }
        String guard = t.guard() == null ? null : tr.bool(t.guard(), scope);
        List<String> code = new ArrayList<>();
        String indent = "        ";
        int opened = 0;
        if (guard != null && guardAfter < 0) {
            code.add(indent + "if (" + guard + ") {");
            indent += "    ";
            opened++;
        }
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            String n = JavaTranslator.local(p);
            code.add(indent + "for (int " + n + " = " + tr.first(p.type()) + "; " + n + " <= " + tr.last(p.type())
                    + "; " + n + "++) {");
            indent += "    ";
            opened++;
            if (guard != null && i == guardAfter) {
                code.add(indent + "if (" + guard + ") {");
                indent += "    ";
                opened++;
            }
        }
        for (Variable p : params) {
            code.add(indent + "args" + params.size() + "[" + p.index() + "] = " + JavaTranslator.local(p) + ";");
        }
        code.add(indent + (loop < 0 ? "sink.accept(" + tr.globalEvent(t.event()) + ", instance, args" + params.size() + ");"
                : "sink.loop(" + tr.globalEvent(t.event()) + ", instance, args" + params.size() + ", " + loop + ");"));
        for (int i = 0; i < opened; i++) {
            indent = indent.substring(4);
            code.add(indent + "}");
        }
        return new EnabledView(comment(t), code);
    }

    private static int transitionOffset(Spec spec, MachineDef m) {
        int n = 0;
        for (MachineDef x : spec.machines) {
            if (x == m) {
                return n;
            }
            n += x.transitions().size();
        }
        throw new IllegalStateException();
    }

    private static String comment(TransitionDef t) {
        return t.label() + " at " + t.span().location()
                + (t.guard() == null ? "" : " when " + ExprPrinter.print(t.guard()).replace("*/", "* /"));
    }

    static String mask(List<StateDef> states) {
        long mask = 0;
        for (StateDef s : states) {
            mask |= 1L << s.index();
        }
        return "0x" + Long.toHexString(mask) + "L";
    }

    /** Lines decoding an instance index into parameter locals (mixed radix, last parameter fastest). */
    static List<String> decodeParams(JavaTranslator tr, List<Variable> params, String index,
                                     JavaTranslator.Scope scope, String indent) {
        List<String> out = new ArrayList<>();
        if (params.isEmpty()) {
            return out;
        }
        String rest = "rest_" + index;
        out.add(indent + "int " + rest + " = " + index + ";");
        for (int i = params.size() - 1; i >= 0; i--) {
            Variable p = params.get(i);
            String n = JavaTranslator.local(p);
            out.add(indent + "int " + n + " = " + rest + " % " + tr.cardinality(p.type()) + " + " + tr.first(p.type())
                    + ";");
            if (i > 0) {
                out.add(indent + rest + " /= " + tr.cardinality(p.type()) + ";");
            }
            scope.names.put(p, n);
        }
        return out;
    }

    // ------------------------------------------------------------------ monitors

    public record ObservationView(int index, String comment, String machineConst, int event, List<String> match,
                                  List<String> decode, List<String> params, String mask, String guard,
                                  List<String> body, int target) {
    }

    public record MonitorView(String header, String className, String name, int index, List<String> stateConsts,
                              List<String> decode, List<ObservationView> observations, List<String> init,
                              List<String> helpers, int eventCount, List<Integer> observedEvents) {
    }

    private MonitorView monitorView(Spec spec, MonitorDef m) {
        List<String> helpers = new ArrayList<>();
        JavaTranslator tr = new JavaTranslator(spec, helpers);
        JavaTranslator.Scope base = new JavaTranslator.Scope();
        base.monitorName = m.name();
        List<String> decode = decodeParams(tr, m.params(), "instance", base, "            ");
        List<String> states = new ArrayList<>();
        for (StateDef s : m.states()) {
            states.add("static final int " + JavaNames.upperSnake(s.name()) + " = " + s.index() + ";");
        }
        List<ObservationView> obs = new ArrayList<>();
        for (ObservationDef o : m.observations()) {
            JavaTranslator.Scope scope = base.copy();
            List<String> observedDecode = decodeParams(tr, o.observedParams(), "observed", scope, "                ");
            List<String> match = new ArrayList<>();
            for (int i = 0; i < o.patterns().size(); i++) {
                if (o.patterns().get(i) != null) {
                    match.add(JavaTranslator.local(o.observedParams().get(i)) + " != "
                            + tr.integer(o.patterns().get(i), base));
                }
            }
            List<String> params = new ArrayList<>();
            for (Variable p : o.event().params()) {
                scope.names.put(p, JavaTranslator.local(p));
                params.add("int " + JavaTranslator.local(p) + " = args[" + p.index() + "];");
            }
            String guard = o.guard() == null ? "true" : tr.bool(o.guard(), scope);
            obs.add(new ObservationView(o.index(), o.machine().name() + "." + o.event().name() + " at "
                    + o.span().location(), JavaTranslator.machineConst(o.machine()), tr.globalEvent(o.event()), match,
                    observedDecode, params, mask(o.sources()), guard,
                    tr.stmts(o.body(), scope, "                        "), o.target().index()));
        }
        List<String> init = new ArrayList<>();
        for (Variable v : m.vars()) {
            if (v.init() != null) {
                init.add(tr.store(v.type(), "mb + " + (1 + v.index()), v.init(), base, m.name() + "." + v.name()));
            } else if (v.type() instanceof Type.Optional) {
                init.add("s[mb + " + (1 + v.index()) + "] = 0; // none");
            }
        }
        List<Integer> observed = obs.stream().map(ObservationView::event).distinct().sorted().toList();
        int eventCount = spec.machines.stream().mapToInt(x -> x.events().size()).sum();
        return new MonitorView(header(m), className(m), m.name(), spec.monitors.indexOf(m), states, decode, obs, init,
                helpers, eventCount, observed);
    }

    // ------------------------------------------------------------------ invariants and functions

    public record InvariantView(int index, String name, String comment, String condition) {
    }

    public record InvariantsView(String header, List<InvariantView> invariants, List<String> helpers) {
    }

    private InvariantsView invariantsView(Spec spec) {
        List<String> helpers = new ArrayList<>();
        JavaTranslator tr = new JavaTranslator(spec, helpers);
        List<InvariantView> views = new ArrayList<>();
        for (InvariantDef i : spec.invariants) {
            views.add(new InvariantView(spec.invariants.indexOf(i), i.name(), i.span().location() + ": "
                    + ExprPrinter.print(i.body()).replace("*/", "* /"), tr.bool(i.body(), new JavaTranslator.Scope())));
        }
        return new InvariantsView(header(spec.invariants.toArray(new Element[0])).replace("from .", "from the specs."),
                views, helpers);
    }

    public record FunctionView(String name, String params, String body, String comment) {
    }

    public record FunctionsView(String header, List<FunctionView> functions, List<String> helpers) {
    }

    private FunctionsView functionsView(Spec spec) {
        List<String> helpers = new ArrayList<>();
        JavaTranslator tr = new JavaTranslator(spec, helpers);
        List<FunctionView> views = new ArrayList<>();
        for (FunctionDef f : spec.functions) {
            JavaTranslator.Scope scope = new JavaTranslator.Scope();
            List<String> params = new ArrayList<>();
            for (Variable p : f.params()) {
                scope.names.put(p, JavaTranslator.local(p));
                params.add("int " + JavaTranslator.local(p));
            }
            String body = "byte[] s = null;\n        int b = 0;\n        int mb = 0;\n        int instance = 0;\n"
                    + "        return " + tr.integer(f.body(), scope) + ";";
            views.add(new FunctionView("fn" + JavaNames.upperCamel(f.name()), String.join(", ", params), body,
                    f.span().location() + ": " + f.name()));
        }
        return new FunctionsView(header(spec.functions.toArray(new Element[0])).replace("from .", "from the specs."),
                views, helpers);
    }

    // ------------------------------------------------------------------ the model class

    public record InstHelper(String name, String params, String body) {
    }

    public record SpecModelView(String header, List<String> constants, List<String> info, List<String> systems,
                                List<InstHelper> instHelpers, List<String> machineFields, List<String> machineInits,
                                List<String> monitorFields, List<String> monitorInits, List<String> fireCases,
                                List<String> enabledCases, List<String> ignoredCases, List<String> initCalls,
                                List<String> observeCalls, int domainCount) {
    }

    private SpecModelView specModelView(Spec spec) {
        JavaTranslator tr = new JavaTranslator(spec, new ArrayList<>());
        List<String> constants = new ArrayList<>();
        for (MachineDef m : spec.machines) {
            constants.add("public static final int " + JavaTranslator.machineConst(m) + " = " + spec.machines.indexOf(m)
                    + ";");
        }
        for (DomainDef d : spec.domains) {
            constants.add("public static final int D_" + JavaNames.upperSnake(d.name()) + " = "
                    + spec.domains.indexOf(d) + ";");
        }
        List<String> systems = new ArrayList<>();
        for (SystemDef s : spec.systems) {
            String sizes = spec.domains.stream().map(d -> Integer.toString(s.sizes().getOrDefault(d, 1)))
                    .collect(Collectors.joining(", "));
            systems.add("SYSTEMS.put(" + JavaNames.literal(s.name()) + ", new int[] {" + sizes + "});");
        }
        List<InstHelper> inst = new ArrayList<>();
        for (MachineDef m : spec.machines) {
            if (m.params().isEmpty()) {
                continue;
            }
            List<String> params = new ArrayList<>();
            String expr = null;
            for (Variable p : m.params()) {
                params.add("int " + JavaTranslator.local(p));
                String term = "(" + JavaTranslator.local(p) + " - (" + tr.first(p.type()) + "))";
                expr = expr == null ? term : "(" + expr + ") * " + tr.cardinality(p.type()).replace("m.size", "size")
                        + " + " + term;
            }
            inst.add(new InstHelper("inst" + m.name(), String.join(", ", params), expr));
        }
        List<String> fields = new ArrayList<>();
        List<String> inits = new ArrayList<>();
        List<String> fire = new ArrayList<>();
        List<String> enabled = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> initCalls = new ArrayList<>();
        for (MachineDef m : spec.machines) {
            String field = JavaNames.lowerCamel(m.name()) + "Machine";
            fields.add("private final " + className(m) + " " + field + ";");
            inits.add(field + " = new " + className(m) + "(this);");
            fire.add("case " + JavaTranslator.machineConst(m) + ": return " + field + ".fire(s, instance, event, args);");
            enabled.add("case " + JavaTranslator.machineConst(m) + ": " + field + ".enabled(s, instance, sink); break;");
            ignored.add("case " + JavaTranslator.machineConst(m) + ": return " + className(m) + ".ignored(state, event);");
            initCalls.add(field + ".initialize(s);");
        }
        List<String> monFields = new ArrayList<>();
        List<String> monInits = new ArrayList<>();
        List<String> observe = new ArrayList<>();
        for (MonitorDef m : spec.monitors) {
            String field = JavaNames.lowerCamel(m.name()) + "Monitor";
            monFields.add("private final " + className(m) + " " + field + ";");
            monInits.add(field + " = new " + className(m) + "(this);");
            observe.add(field + ".observe(s, machine, instance, event, args);");
            initCalls.add(field + ".initialize(s);");
        }
        Set<SourceFile> all = new LinkedHashSet<>(spec.files);
        return new SpecModelView(SourceHeader.java(all), constants, ModelInfoWriter.lines(spec, tr), systems, inst,
                fields, inits, monFields, monInits, fire, enabled, ignored, initCalls, observe, spec.domains.size());
    }
}
