package dev.inkan.cli;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.Generator;
import dev.inkan.generator.diag.DiagnosticPrinter;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.MonitorDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.Spec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inkan demo}: the main job end to end. For now: check the specs, generate every artefact
 * and show what the models hold and which requirements they cover.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job: check the specs, generate every artefact, summarise the models.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "DIR", description = "spec directory (default: spec)")
    Path specDir = Path.of("spec");

    @Option(names = "--out", paramLabel = "DIR", description = "where to generate (default: generated)")
    Path out = Path.of("generated");

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        o.println("== 1. check the specs (" + specDir + ")");
        long t0 = System.nanoTime();
        Path base = specDir.toAbsolutePath().normalize().getParent();
        Path requirements = SpecCompiler.findRequirements(specDir);
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(specDir), base, requirements);
        o.print(DiagnosticPrinter.text(c.diagnostics().sorted()));
        if (!c.ok()) {
            o.println(c.diagnostics().errorCount() + " error(s): stopping");
            return 1;
        }
        Spec spec = c.spec();
        o.printf("   %d files, no errors, %d warning(s), %d ms%n", spec.files.size(), c.diagnostics().warningCount(),
                (System.nanoTime() - t0) / 1_000_000);

        o.println("== 2. generate every artefact into " + out);
        Map<String, String> files = Generator.generate(spec);
        List<String> changed = Generator.write(files, out);
        Map<String, Long> perBackend = new java.util.TreeMap<>();
        files.keySet().forEach(p -> perBackend.merge(p.substring(0, p.indexOf('/')), 1L, Long::sum));
        perBackend.forEach((b, n) -> o.printf("   %-9s %4d files%n", b, n));
        o.printf("   %d files changed%n", changed.size());

        o.println("== 3. the models");
        o.printf("   %-34s %6s %11s %6s%n", "machine", "states", "transitions", "events");
        for (MachineDef m : spec.machines) {
            o.printf("   %-34s %6d %11d %6d%n", m.name(), m.states().size(), m.transitions().size(), m.events().size());
        }
        for (MonitorDef m : spec.monitors) {
            o.printf("   monitor   %-24s %s%n", m.name(), String.join(", ", m.requirementIds()));
        }
        spec.invariants.forEach(i -> o.printf("   invariant %-24s %s%n", i.name(), String.join(", ", i.requirementIds())));
        for (AppletDef a : spec.applets) {
            o.printf("   applet    %-24s %d commands, %d files, %d PINs%n", a.name(), a.commands().size(),
                    a.files().size(), a.pins().size());
        }
        for (ProtocolDef p : spec.protocols) {
            o.printf("   protocol  %-24s %d steps%n", p.name(), p.steps().size());
        }

        o.println("== 4. requirements");
        Set<String> cited = new TreeSet<>();
        for (Element e : spec.elements()) {
            cited.addAll(e.requirementIds());
        }
        Set<String> all = c.requirementIds() == null ? Set.of() : c.requirementIds();
        Set<String> uncovered = new TreeSet<>(all);
        uncovered.removeAll(cited);
        o.printf("   %d of %d requirements cited by the specs%s%n", all.size() - uncovered.size(), all.size(),
                uncovered.isEmpty() ? "" : "; not covered: " + String.join(", ", uncovered));
        return 0;
    }
}
