package dev.inkan.generator.backend.docs;

import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.InvariantDef;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ProtocolDef;

/**
 * Names of the generated JUnit suites (the suites back end): one class per invariant, monitor,
 * machine, protocol and applet, in {@link #PACKAGE}. A suite covers the requirements its element
 * and the element's members cite.
 */
final class SuiteNames {
    static final String PACKAGE = "dev.inkan.generated.suites";

    private SuiteNames() {
    }

    static String of(InvariantDef i) {
        return i.name() + "InvariantSuite";
    }

    static String of(MonitorDef m) {
        return m.name() + "MonitorSuite";
    }

    static String of(MachineDef m) {
        return m.name() + "MachineSuite";
    }

    static String of(ProtocolDef p) {
        return p.name() + "ProtocolSuite";
    }

    static String of(AppletDef a) {
        return a.name() + "CommandSuite";
    }
}
