package dev.inkan.properties.suite;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.model.ModelBackend;
import dev.inkan.generator.backend.suites.SuitesBackend;
import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.model.ModelCompiler;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Generates the model and the suites of a test spec the way {@code ./inkan spec generate} does,
 * compiles them with {@code -Xlint:all} against the harness, and runs the suites through the
 * JUnit launcher, so tests can see what a generated suite does with a planted fault.
 */
final class GeneratedSuites {
    /** One test of a generated suite and how it ended. */
    record Outcome(String suite, String test, TestExecutionResult.Status status, String message) {
    }

    record Compiled(ClassLoader loader, List<String> suites, List<String> diagnostics, Map<String, String> sources) {
    }

    private GeneratedSuites() {
    }

    static Compiled compile(String spec) throws IOException {
        return compile(TestSpecs.dir(spec));
    }

    static Compiled compile(Path specDir) throws IOException {
        Path dir = specDir.toAbsolutePath().normalize();
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), dir.getParent(), null);
        if (!c.ok()) {
            throw new IllegalStateException(dir + " does not check: " + c.diagnostics().sorted());
        }
        List<GeneratedFile> files = new ArrayList<>(new ModelBackend().generate(c.spec()));
        files.addAll(new SuitesBackend().generate(c.spec()));
        Path work = Files.createTempDirectory("inkan-suites-");
        ModelCompiler.deleteOnExit(work);
        List<Path> sources = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> suites = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path p = work.resolve("src").resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            sources.add(p);
            texts.put(f.path(), f.content());
            if (f.path().startsWith("suites/") && f.path().endsWith("Suite.java")) {
                String name = p.getFileName().toString().replace(".java", "");
                suites.add("dev.inkan.generated.suites." + name);
            }
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> cp = List.of(ModelCompiler.locationOf(Model.class), ModelCompiler.locationOf(SpecSuite.class),
                ModelCompiler.locationOf(org.junit.jupiter.api.Test.class),
                ModelCompiler.locationOf(org.opentest4j.AssertionFailedError.class),
                ModelCompiler.locationOf(org.apiguardian.api.API.class));
        List<String> diagnostics = ModelCompiler.javac(sources, classes, cp, List.of("-Xlint:all"));
        return new Compiled(ModelCompiler.loader(classes, GeneratedSuites.class.getClassLoader(), dir), suites,
                diagnostics, texts);
    }

    /** Runs suites of a compiled spec with the given system properties set for the run; one outcome per test. */
    static List<Outcome> run(Compiled compiled, List<String> suiteNames, Map<String, String> properties) {
        Properties saved = (Properties) System.getProperties().clone();
        properties.forEach(System::setProperty);
        try {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
            for (String name : suiteNames) {
                request.selectors(DiscoverySelectors.selectClass(Class.forName(name, true, compiled.loader())));
            }
            List<Outcome> outcomes = new ArrayList<>();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request.build(), new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest()) {
                        String suite = id.getUniqueId().replaceAll(".*\\[class:dev\\.inkan\\.generated\\.suites\\.", "")
                                .replaceAll("].*", "");
                        String test = id.getUniqueId().replaceAll(".*\\[method:", "").replaceAll("\\(.*", "");
                        outcomes.add(new Outcome(suite, test, result.getStatus(),
                                result.getThrowable().map(Throwable::getMessage).orElse("")));
                    }
                }
            });
            return outcomes;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            System.setProperties(saved);
        }
    }
}
