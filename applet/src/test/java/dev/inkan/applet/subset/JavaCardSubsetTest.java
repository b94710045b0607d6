package dev.inkan.applet.subset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.applet.JpkiApplet;
import dev.inkan.applet.subset.JavaCardSubset.Kind;
import dev.inkan.applet.subset.JavaCardSubset.Violation;
import dev.inkan.generated.dispatch.DispatchingApplet;
import dev.inkan.generated.dispatch.JpkiApDispatch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The applet module's bytecode, hand-written handlers and generated dispatch alike, stays within
 * the Java Card subset (DESIGN.md "Generated artefacts"; REQ SYS-6), and the scan bites.
 */
class JavaCardSubsetTest {
    static Path mainClasses() throws URISyntaxException {
        return Path.of(JpkiApplet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void everyClassOfTheAppletModuleIsJavaCard() throws Exception {
        Path root = mainClasses();
        Set<String> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replace(".class", ""))
                    .collect(Collectors.toSet());
        }
        assertTrue(classes.contains(JpkiApplet.class.getName()), classes::toString);
        assertTrue(classes.contains(JpkiApDispatch.class.getName()), "the generated dispatch is scanned too");
        assertTrue(classes.contains(DispatchingApplet.class.getName()), "and the dispatch every applet shares");
        assertTrue(classes.size() >= 5, classes::toString);
        List<Violation> found = JavaCardSubset.scanTree(root);
        assertEquals("", found.stream().map(Violation::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void theScanFindsEveryKindOfViolation() throws IOException {
        byte[] bytes;
        try (InputStream in = Violations.class.getResourceAsStream("Violations.class")) {
            bytes = in.readAllBytes();
        }
        List<Violation> found = JavaCardSubset.scan(bytes);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        found.forEach(v -> kinds.add(v.kind()));
        for (Kind k : new Kind[] {Kind.STRING, Kind.LONG, Kind.FLOAT, Kind.DOUBLE, Kind.CHAR, Kind.INT, Kind.GENERICS,
                Kind.JAVA_UTIL, Kind.REFLECTION, Kind.LAMBDA, Kind.SYNCHRONIZED, Kind.MULTI_ARRAY}) {
            assertTrue(kinds.contains(k), () -> k + " not found in " + found);
        }
        // and the lambda's synthetic body, a separate method, is reported with its long arithmetic
        assertTrue(found.stream().anyMatch(v -> v.where().contains("lambda$") && v.kind() == Kind.LONG),
                found::toString);
    }

    @Test
    void aClassOutsideTheJavaCardApiIsReported() throws IOException {
        byte[] bytes;
        try (InputStream in = JavaCardSubsetTest.class.getResourceAsStream("JavaCardSubsetTest.class")) {
            bytes = in.readAllBytes();
        }
        List<Violation> found = JavaCardSubset.scan(bytes);
        assertTrue(found.stream().anyMatch(v -> v.kind() == Kind.FOREIGN_CLASS
                && v.detail().equals("org/junit/jupiter/api/Assertions")), found::toString);
    }
}
