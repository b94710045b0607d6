package dev.inkan.generator.ir;

import dev.inkan.generator.diag.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checked model of all spec files: what back ends and analyses work on. */
public final class Spec {
    public final List<SourceFile> files = new ArrayList<>();
    public final List<EnumDef> enums = new ArrayList<>();
    public final List<DomainDef> domains = new ArrayList<>();
    public final List<RoleDef> roles = new ArrayList<>();
    public final List<FunctionDef> functions = new ArrayList<>();
    public final List<MachineDef> machines = new ArrayList<>();
    public final List<MonitorDef> monitors = new ArrayList<>();
    public final List<InvariantDef> invariants = new ArrayList<>();
    public final List<SystemDef> systems = new ArrayList<>();
    public final List<SecurityDomainDef> securityDomains = new ArrayList<>();
    public final List<AppletDef> applets = new ArrayList<>();
    public final List<ProtocolDef> protocols = new ArrayList<>();
    /**
     * Requirement id -> its text on one line, in the order of REQUIREMENTS.md; set by
     * {@code SpecCompiler} when it has the file, else empty. Not part of the checked model: the
     * docs back end reads it for the requirement cross-reference.
     */
    public final Map<String, String> requirements = new LinkedHashMap<>();

    /** Every element, in a stable order: for cross references and requirement coverage. */
    public List<Element> elements() {
        List<Element> all = new ArrayList<>();
        all.addAll(enums);
        all.addAll(domains);
        all.addAll(roles);
        all.addAll(functions);
        for (MachineDef m : machines) {
            all.add(m);
            all.addAll(m.states());
            all.addAll(m.events());
            all.addAll(m.transitions());
        }
        for (MonitorDef m : monitors) {
            all.add(m);
            all.addAll(m.states());
            all.addAll(m.observations());
        }
        all.addAll(invariants);
        all.addAll(systems);
        all.addAll(securityDomains);
        for (AppletDef a : applets) {
            all.add(a);
            all.addAll(a.pins());
            all.addAll(a.files());
            all.addAll(a.commands());
        }
        all.addAll(protocols);
        return all;
    }

    public MachineDef machine(String name) {
        return machines.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    public SystemDef system(String name) {
        return systems.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The file an element was declared in. */
    public static SourceFile fileOf(Element e) {
        return e.span().file();
    }
}
