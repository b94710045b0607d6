package dev.inkan.generator.backend.suites;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.Templates;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The property suites: one JUnit class per invariant ({@code <Name>InvariantSuite}), monitor
 * ({@code <Name>MonitorSuite}), machine ({@code <Name>MachineSuite}) and protocol
 * ({@code <Name>ProtocolSuite}), in {@value SuiteViews#PACKAGE}. They are thin: each test hands
 * names and data to the harness in {@code properties/} ({@code dev.inkan.properties.suite.SpecSuite}),
 * which runs random chains, exploration and replays against the executable model and the
 * implementation. {@code Protocols} lists every sequence of model events the protocols fire:
 * every suite hands it to the harness, which replays them to reach the deep states of the flows.
 * The docs back end cross-references the suite class names.
 */
public final class SuitesBackend implements Backend {
    private static final String DIR = "suites/java/dev/inkan/generated/suites/";

    @Override
    public String name() {
        return "suites";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        List<GeneratedFile> out = new ArrayList<>();
        for (InvariantDef i : spec.invariants) {
            SuiteViews.InvariantSuite v = SuiteViews.invariant(i);
            out.add(file(v.className(), "suites/invariant-suite.vm", v));
        }
        for (MonitorDef m : spec.monitors) {
            SuiteViews.MonitorSuite v = SuiteViews.monitor(m);
            out.add(file(v.className(), "suites/monitor-suite.vm", v));
        }
        for (MachineDef m : spec.machines) {
            SuiteViews.MachineSuite v = SuiteViews.machine(m);
            out.add(file(v.className(), "suites/machine-suite.vm", v));
        }
        for (ProtocolDef p : spec.protocols) {
            SuiteViews.ProtocolSuite v = SuiteViews.protocol(p);
            out.add(file(v.className(), "suites/protocol-suite.vm", v));
        }
        SuiteViews.Catalog catalog = SuiteViews.catalog(spec);
        out.add(file(catalog.className(), "suites/protocols.vm", catalog));
        return out;
    }

    private static GeneratedFile file(String className, String template, Object view) {
        return new GeneratedFile(DIR + className + ".java", Templates.render(template, Map.of("suite", view)));
    }
}
