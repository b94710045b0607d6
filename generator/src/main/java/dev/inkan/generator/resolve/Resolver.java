package dev.inkan.generator.resolve;

import dev.inkan.generator.ast.Annotation;
import dev.inkan.generator.ast.Decl;
import dev.inkan.generator.ast.Member;
import dev.inkan.generator.ast.Name;
import dev.inkan.generator.ast.Param;
import dev.inkan.generator.ast.SpecFileAst;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.DomainDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.EventDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.FunctionDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ObservationDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.RoleDef;
import dev.inkan.generator.ir.SecurityDomainDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.StateDef;
import dev.inkan.generator.ir.Stmt;
import dev.inkan.generator.ir.SystemDef;
import dev.inkan.generator.ir.TransitionDef;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the checked model from the ASTs in explicit passes (P style): a stub for every
 * declaration of every file, then signatures, then bodies. Declaration and import order do not
 * matter. Problems are collected, never thrown.
 */
public final class Resolver {
    private final Diagnostics diagnostics;
    private final GlobalNames globals;
    private final TypeResolver types;
    private final ExprResolver exprs;
    private final Annotations annotations;
    private final Spec spec = new Spec();
    /** AST of each stub, for the later passes. */
    private final Map<Element, Decl> declOf = new java.util.LinkedHashMap<>();

    private Resolver(Diagnostics diagnostics, Map<SourceFile, Set<SourceFile>> visible) {
        this.diagnostics = diagnostics;
        this.globals = new GlobalNames(diagnostics, visible);
        this.types = new TypeResolver(diagnostics, globals);
        this.exprs = new ExprResolver(diagnostics, globals, types);
        this.annotations = new Annotations(diagnostics);
    }

    public static Spec resolve(List<SpecFileAst> files, Map<SourceFile, Set<SourceFile>> visible,
                               Diagnostics diagnostics) {
        Resolver r = new Resolver(diagnostics, visible);
        for (SpecFileAst f : files) {
            r.spec.files.add(f.source());
        }
        for (SpecFileAst f : files) {
            f.decls().forEach(r::declare);
        }
        r.signatures();
        r.bodies();
        return r.spec;
    }

    static String describe(Element e) {
        String kind = e.getClass().getSimpleName().replace("Def", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return "a " + kind + " (" + e.span().location() + ")";
    }

    // ------------------------------------------------------------------ pass 1: stubs

    private void declare(Decl d) {
        if (d instanceof Decl.EnumDecl e) {
            EnumDef def = new EnumDef(e.name().text(), e.name().span());
            if (stub(def, d, "enum")) {
                spec.enums.add(def);
            }
            Map<String, Span> seen = new HashMap<>();
            for (Decl.EnumMember m : e.members()) {
                if (seen.containsKey(m.name().text())) {
                    diagnostics.duplicate(m.name().span(), "member", m.name().text(), seen.get(m.name().text()));
                    continue;
                }
                seen.put(m.name().text(), m.name().span());
                Integer code = m.code() == null ? null : m.code().intValue();
                EnumDef.Member member = new EnumDef.Member(def, m.name().text(), def.members().size(), code,
                        m.name().span());
                def.members().add(member);
                globals.declareMember(member);
            }
        }
        if (d instanceof Decl.DomainDecl dd) {
            for (Name n : dd.names()) {
                DomainDef def = new DomainDef(n.text(), n.span());
                if (stub(def, d, "domain")) {
                    spec.domains.add(def);
                }
            }
        }
        if (d instanceof Decl.RoleDecl rd) {
            for (Name n : rd.names()) {
                RoleDef def = new RoleDef(n.text(), n.span());
                if (stub(def, d, "role")) {
                    spec.roles.add(def);
                }
            }
        }
        if (d instanceof Decl.FunctionDecl f) {
            add(spec.functions, new FunctionDef(f.name().text(), f.name().span()), d, "function");
        }
        if (d instanceof Decl.MachineDecl m) {
            add(spec.machines, new MachineDef(m.name().text(), m.name().span()), d, "machine");
        }
        if (d instanceof Decl.MonitorDecl m) {
            add(spec.monitors, new MonitorDef(m.name().text(), m.name().span()), d, "monitor");
        }
        if (d instanceof Decl.InvariantDecl i) {
            add(spec.invariants, new InvariantDef(i.name().text(), i.name().span()), d,
                    "invariant");
        }
        if (d instanceof Decl.SystemDecl s) {
            add(spec.systems, new SystemDef(s.name().text(), s.name().span()), d, "system");
        }
        if (d instanceof Decl.SecurityDomainDecl s) {
            if (s.aid() == null) {
                diagnostics.invalid(s.name().span(), "security domain " + s.name().text() + " needs an 'aid'");
            }
            add(spec.securityDomains, new SecurityDomainDef(s.name().text(), s.name().span(),
                    s.aid() == null ? new byte[0] : s.aid()), d, "security domain");
        }
        if (d instanceof Decl.AppletDecl a) {
            declOf.put(new AppletStub(a), a);
        }
        if (d instanceof Decl.ProtocolDecl p) {
            add(spec.protocols, new ProtocolDef(p.name().text(), p.name().span()), d,
                    "protocol");
        }
    }

    /** Placeholder for an applet until its machine is resolved (the applet needs it to exist). */
    private static final class AppletStub extends Element {
        AppletStub(Decl.AppletDecl a) {
            super(a.name().text(), a.name().span());
        }
    }

    private <T extends Element> void add(List<T> list, T def, Decl d, String kind) {
        if (stub(def, d, kind)) {
            list.add(def);
        }
    }

    private boolean stub(Element def, Decl d, String kind) {
        if (!globals.declare(def, kind)) {
            return false;
        }
        declOf.put(def, d);
        annotate(def, d.annotations(), Set.of("req", "doc"));
        return true;
    }

    private void annotate(Element e, List<Annotation> list, Set<String> allowed) {
        annotations.apply(e, list, allowed);
    }

    // ------------------------------------------------------------------ pass 2: signatures

    private void signatures() {
        for (MachineDef m : spec.machines) {
            machineSignature(m, (Decl.MachineDecl) declOf.get(m));
        }
        for (MonitorDef m : spec.monitors) {
            monitorSignature(m, (Decl.MonitorDecl) declOf.get(m));
        }
        for (FunctionDef f : spec.functions) {
            Decl.FunctionDecl d = (Decl.FunctionDecl) declOf.get(f);
            params(d.params(), f.params(), Variable.Kind.FUNCTION_PARAM, file(f), "function parameter");
            f.setResult(types.resolve(d.result(), file(f), false));
        }
        for (SystemDef s : spec.systems) {
            system(s, (Decl.SystemDecl) declOf.get(s));
        }
        for (SecurityDomainDef sd : spec.securityDomains) {
            Decl.SecurityDomainDecl d = (Decl.SecurityDomainDecl) declOf.get(sd);
            if (d.owner() != null) {
                sd.setOwner(globals.find(file(sd), d.owner().span(), d.owner().text(), RoleDef.class, "role"));
            } else {
                diagnostics.invalid(sd.span(), "security domain " + sd.name() + " needs an 'owner' role");
            }
            if (d.parent() != null) {
                sd.setParent(globals.find(file(sd), d.parent().span(), d.parent().text(), SecurityDomainDef.class,
                        "security domain"));
            }
            if (d.aid() != null && (d.aid().length < 5 || d.aid().length > 16)) {
                diagnostics.invalid(d.aidSpan(), "an AID has 5 to 16 bytes, this one " + d.aid().length);
            }
        }
        AppletResolver applets = new AppletResolver(diagnostics, globals, types, exprs, annotations);
        for (Map.Entry<Element, Decl> e : List.copyOf(declOf.entrySet())) {
            if (e.getKey() instanceof AppletStub) {
                Decl.AppletDecl d = (Decl.AppletDecl) e.getValue();
                AppletDef a = applets.declare(d);
                if (a != null && globals.declare(a, "applet")) {
                    annotate(a, d.annotations(), Set.of("req", "doc"));
                    spec.applets.add(a);
                    declOf.put(a, d);
                }
            }
        }
        spec.applets.sort((a, b) -> a.span().compareTo(b.span()));
    }

    private SourceFile file(Element e) {
        return e.span().file();
    }

    private void params(List<Param> params, List<Variable> into, Variable.Kind kind, SourceFile file, String what) {
        Map<String, Span> seen = new HashMap<>();
        for (Param p : params) {
            if (seen.containsKey(p.name().text())) {
                diagnostics.duplicate(p.name().span(), what, p.name().text(), seen.get(p.name().text()));
                continue;
            }
            seen.put(p.name().text(), p.name().span());
            Type t = types.resolve(p.type(), file, kind == Variable.Kind.COMMAND_PARAM);
            if (kind != Variable.Kind.COMMAND_PARAM && kind != Variable.Kind.FUNCTION_PARAM
                    && !(t instanceof Type.Error) && !t.finite()) {
                diagnostics.badType(p.type().span(), what + " '" + p.name().text() + "' must have a finite type");
            }
            into.add(new Variable(p.name().text(), t, p.name().span(), kind, into.size()));
        }
    }

    private List<StateDef> states(List<Member.States> lines, String owner, boolean monitor) {
        List<StateDef> out = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        for (Member.States line : lines) {
            Set<String> mods = new LinkedHashSet<>(line.modifiers());
            if (mods.size() != line.modifiers().size()) {
                diagnostics.invalid(line.span(), "repeated state modifier");
            }
            if (monitor && mods.contains("final")) {
                diagnostics.invalid(line.span(), "monitor states cannot be final");
            }
            if (!monitor && mods.contains("hot")) {
                diagnostics.invalid(line.span(), "only monitor states can be hot");
            }
            if (mods.contains("initial") && line.names().size() > 1) {
                diagnostics.invalid(line.names().get(1).span(), "only one state can be initial");
            }
            for (Name n : line.names()) {
                if (seen.containsKey(n.text())) {
                    diagnostics.duplicate(n.span(), "state", n.text(), seen.get(n.text()));
                    continue;
                }
                seen.put(n.text(), n.span());
                StateDef s = new StateDef(n.text(), n.span(), out.size(), mods.contains("initial"),
                        mods.contains("final"), mods.contains("hot"));
                annotate(s, line.annotations(), Set.of("req", "doc"));
                out.add(s);
            }
        }
        return out;
    }

    private void checkInitial(List<StateDef> states, Span at, String owner) {
        long initials = states.stream().filter(StateDef::initial).count();
        if (states.isEmpty()) {
            diagnostics.invalid(at, owner + " has no states");
        } else if (initials == 0) {
            diagnostics.invalid(at, owner + " has no initial state");
        } else if (initials > 1) {
            StateDef second = states.stream().filter(StateDef::initial).skip(1).findFirst().orElseThrow();
            diagnostics.invalid(second.span(), owner + " has more than one initial state");
        }
    }

    private void machineSignature(MachineDef m, Decl.MachineDecl d) {
        SourceFile f = file(m);
        params(d.params(), m.params(), Variable.Kind.MACHINE_PARAM, f, "machine parameter");
        Map<String, Span> names = vars(d.vars(), m.params(), m.vars(), Variable.Kind.MACHINE_VAR, f, "state variable");
        m.states().addAll(states(d.states(), "machine " + m.name(), false));
        checkInitial(m.states(), m.span(), "machine " + m.name());
        Map<String, Span> events = new HashMap<>();
        for (Member.Event e : d.events()) {
            if (events.containsKey(e.name().text())) {
                diagnostics.duplicate(e.name().span(), "event", e.name().text(), events.get(e.name().text()));
                continue;
            }
            events.put(e.name().text(), e.name().span());
            EventDef ev = new EventDef(m, e.name().text(), e.name().span(), m.events().size(), e.internal());
            params(e.params(), ev.params(), Variable.Kind.EVENT_PARAM, f, "event parameter");
            for (Variable p : ev.params()) {
                if (names.containsKey(p.name())) {
                    diagnostics.duplicate(p.span(), "name", p.name(), names.get(p.name()));
                }
            }
            if (e.role() != null) {
                if (e.internal()) {
                    diagnostics.invalid(e.role().span(), "internal events only arrive by 'emit'; they have no role");
                }
                ev.setRole(globals.find(f, e.role().span(), e.role().text(), RoleDef.class, "role"));
            }
            annotate(ev, e.annotations(), Set.of("req", "doc", "weight"));
            m.events().add(ev);
        }
    }

    /**
     * Declares the variables of a machine or monitor after its parameters; returns every name
     * taken, so that event parameters can be checked against them.
     */
    private Map<String, Span> vars(List<Member.Var> decls, List<Variable> params, List<Variable> into,
                                   Variable.Kind kind, SourceFile f, String what) {
        Map<String, Span> names = new HashMap<>();
        params.forEach(p -> names.put(p.name(), p.span()));
        for (Member.Var v : decls) {
            if (names.containsKey(v.name().text())) {
                diagnostics.duplicate(v.name().span(), "variable", v.name().text(), names.get(v.name().text()));
                continue;
            }
            names.put(v.name().text(), v.name().span());
            Type t = types.resolve(v.type(), f, false);
            if (!(t instanceof Type.Error) && !t.finite()) {
                diagnostics.badType(v.type().span(), what + " '" + v.name().text() + "' must have a finite type");
            }
            into.add(new Variable(v.name().text(), t, v.name().span(), kind, into.size()));
        }
        return names;
    }

    private void monitorSignature(MonitorDef m, Decl.MonitorDecl d) {
        SourceFile f = file(m);
        params(d.params(), m.params(), Variable.Kind.MONITOR_PARAM, f, "monitor parameter");
        vars(d.vars(), m.params(), m.vars(), Variable.Kind.MONITOR_VAR, f, "monitor variable");
        m.states().addAll(states(d.states(), "monitor " + m.name(), true));
        checkInitial(m.states(), m.span(), "monitor " + m.name());
    }

    private void system(SystemDef s, Decl.SystemDecl d) {
        for (Decl.DomainSize z : d.sizes()) {
            DomainDef dom = globals.find(file(s), z.domain().span(), z.domain().text(), DomainDef.class, "domain");
            if (dom == null) {
                continue;
            }
            if (s.sizes().containsKey(dom)) {
                diagnostics.invalid(z.domain().span(), "size of " + dom.name() + " given twice");
            } else if (z.size() < 1 || z.size() > 8) {
                diagnostics.invalid(z.sizeSpan(), "domain sizes range from 1 to 8, found " + z.size());
                s.sizes().put(dom, Math.max(1, Math.min(8, z.size())));
            } else {
                s.sizes().put(dom, z.size());
            }
        }
        for (DomainDef dom : spec.domains) {
            if (!s.sizes().containsKey(dom)) {
                diagnostics.invalid(s.span(), "system " + s.name() + " does not give the size of domain " + dom.name());
            }
        }
    }

    // ------------------------------------------------------------------ pass 3: bodies

    private void bodies() {
        for (FunctionDef f : spec.functions) {
            Scope scope = Scope.root(file(f), Scope.Context.FUNCTION, null);
            f.params().forEach(scope::add);
            f.setBody(exprs.value(((Decl.FunctionDecl) declOf.get(f)).body(), scope, f.result(),
                    "result of function " + f.name()));
        }
        for (MachineDef m : spec.machines) {
            machineBody(m, (Decl.MachineDecl) declOf.get(m));
        }
        for (MonitorDef m : spec.monitors) {
            monitorBody(m, (Decl.MonitorDecl) declOf.get(m));
        }
        for (InvariantDef i : spec.invariants) {
            Scope scope = Scope.root(file(i), Scope.Context.INVARIANT, null);
            i.setBody(exprs.bool(((Decl.InvariantDecl) declOf.get(i)).body(), scope, "invariant " + i.name()));
        }
        AppletResolver applets = new AppletResolver(diagnostics, globals, types, exprs, annotations);
        for (AppletDef a : spec.applets) {
            applets.body(a, (Decl.AppletDecl) declOf.get(a));
        }
        ProtocolResolver protocols = new ProtocolResolver(diagnostics, globals, types, exprs);
        for (ProtocolDef p : spec.protocols) {
            protocols.resolve(p, (Decl.ProtocolDecl) declOf.get(p));
        }
        if (!spec.domains.isEmpty() && spec.systems.isEmpty()) {
            DomainDef first = spec.domains.get(0);
            diagnostics.invalid(first.span(), "no system gives the sizes of the domains; declare one, such as "
                    + "'system Default { " + first.name() + " = 2 }'");
        }
    }

    private void initVar(Variable v, Member.Var d, Scope scope) {
        if (d.init() != null) {
            v.setInit(exprs.value(d.init(), scope, v.type(), "initial value of '" + v.name() + "'"));
        }
    }

    private void machineBody(MachineDef m, Decl.MachineDecl d) {
        Scope machineScope = Scope.root(file(m), Scope.Context.MACHINE, m);
        m.params().forEach(machineScope::add);
        Scope initScope = Scope.root(file(m), Scope.Context.FUNCTION, m);
        m.params().forEach(initScope::add);
        for (Variable v : m.vars()) {
            d.vars().stream().filter(x -> x.name().text().equals(v.name())).findFirst()
                    .ifPresent(x -> initVar(v, x, initScope));
        }
        m.vars().forEach(machineScope::add);
        for (Member.Transition t : d.transitions()) {
            EventDef ev = m.event(t.event().text());
            if (ev == null) {
                diagnostics.unknown(t.event().span(), "event", t.event().text(), "of machine " + m.name());
                continue;
            }
            StateDef target = t.target() == null ? null : m.state(t.target().text());
            if (t.target() != null && target == null) {
                diagnostics.unknown(t.target().span(), "state", t.target().text(), "of machine " + m.name());
            }
            Scope scope = machineScope.child();
            ev.params().forEach(scope::add);
            Expr guard = t.guard() == null ? null : exprs.bool(t.guard(), scope, "guard");
            List<Stmt> body = exprs.stmts(t.body(), scope);
            if (t.target() != null && target == null) {
                continue;
            }
            List<StateDef> sources = stateSet(t.source(), m.states(), "machine " + m.name());
            for (StateDef s : sources) {
                if (s.isFinal()) {
                    diagnostics.invalid(t.source().span(), "final state '" + s.name() + "' cannot have transitions");
                }
            }
            // '-> *' stays where it is: one self-loop per source state
            for (List<StateDef> group : target == null ? sources.stream().map(List::of).toList() : List.of(sources)) {
                TransitionDef def = new TransitionDef(m, m.transitions().size(), ev, t.span(),
                        target == null ? group.get(0) : target, guard, body);
                def.sources().addAll(group);
                annotate(def, t.annotations(), Set.of("req", "doc", "unreachable"));
                m.transitions().add(def);
            }
        }
        for (Member.Ignore ig : d.ignores()) {
            List<StateDef> states = stateSet(ig.states(), m.states(), "machine " + m.name());
            for (Name n : ig.events()) {
                EventDef ev = m.event(n.text());
                if (ev == null) {
                    diagnostics.unknown(n.span(), "event", n.text(), "of machine " + m.name());
                    continue;
                }
                m.ignored().computeIfAbsent(ev, k -> new LinkedHashSet<>()).addAll(states);
            }
        }
    }

    private List<StateDef> stateSet(Member.StateSet set, List<StateDef> states, String owner) {
        if (set.any()) {
            return states.stream().filter(s -> !s.isFinal()).toList();
        }
        List<StateDef> out = new ArrayList<>();
        for (Name n : set.names()) {
            StateDef s = states.stream().filter(x -> x.name().equals(n.text())).findFirst().orElse(null);
            if (s == null) {
                diagnostics.unknown(n.span(), "state", n.text(), "of " + owner);
            } else if (out.contains(s)) {
                diagnostics.invalid(n.span(), "state '" + n.text() + "' listed twice");
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private void monitorBody(MonitorDef m, Decl.MonitorDecl d) {
        Scope monitorScope = Scope.root(file(m), Scope.Context.MONITOR, null);
        m.params().forEach(monitorScope::add);
        Scope initScope = Scope.root(file(m), Scope.Context.FUNCTION, null);
        m.params().forEach(initScope::add);
        for (Variable v : m.vars()) {
            d.vars().stream().filter(x -> x.name().text().equals(v.name())).findFirst()
                    .ifPresent(x -> initVar(v, x, initScope));
        }
        m.vars().forEach(monitorScope::add);
        for (Member.Observation o : d.observations()) {
            MachineDef machine = globals.find(file(m), o.machine().span(), o.machine().text(), MachineDef.class,
                    "machine");
            if (machine == null) {
                continue;
            }
            EventDef ev = machine.event(o.event().text());
            if (ev == null) {
                diagnostics.unknown(o.event().span(), "event", o.event().text(), "of machine " + machine.name());
                continue;
            }
            List<Expr> patterns = new ArrayList<>();
            if (o.hasPatterns() || !machine.params().isEmpty()) {
                if (o.patterns().size() != machine.params().size()) {
                    diagnostics.arity(o.machine().span(), "machine " + machine.name(), machine.params().size(),
                            o.patterns().size());
                    continue;
                }
                for (int i = 0; i < o.patterns().size(); i++) {
                    var p = o.patterns().get(i);
                    patterns.add(p == null ? null : exprs.value(p, monitorScope, machine.params().get(i).type(),
                            "pattern for '" + machine.params().get(i).name() + "'"));
                }
            }
            Scope scope = monitorScope.child();
            List<Variable> observed = new ArrayList<>();
            for (Variable p : machine.params()) {
                Variable v = new Variable(p.name(), p.type(), p.span(), Variable.Kind.OBSERVED_PARAM, p.index());
                observed.add(v);
                scope.add(v);
            }
            ev.params().forEach(scope::add);
            StateDef target = o.target() == null ? null : m.state(o.target().text());
            if (o.target() != null && target == null) {
                diagnostics.unknown(o.target().span(), "state", o.target().text(), "of monitor " + m.name());
            }
            Expr guard = o.guard() == null ? null : exprs.bool(o.guard(), scope, "guard");
            List<Stmt> body = exprs.stmts(o.body(), scope);
            if (o.target() != null && target == null) {
                continue;
            }
            List<StateDef> sources = stateSet(o.source(), m.states(), "monitor " + m.name());
            // '-> *' stays where it is: one observation per source state
            for (List<StateDef> group : target == null ? sources.stream().map(List::of).toList() : List.of(sources)) {
                ObservationDef def = new ObservationDef(m, m.observations().size(), machine, ev, o.span(),
                        target == null ? group.get(0) : target, guard, body);
                def.patterns().addAll(patterns);
                def.observedParams().addAll(observed);
                def.sources().addAll(group);
                annotate(def, o.annotations(), Set.of("req", "doc"));
                m.observations().add(def);
            }
        }
    }
}
