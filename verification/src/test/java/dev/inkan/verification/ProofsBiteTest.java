package dev.inkan.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.verification.KeyProver.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The proofs bite: each {@code src/test/resources/mutants/*.mutant} names one method of the
 * applet's {@code Rules} and one line to change in it (an off-by-one, a check left out). The test
 * applies it to the production file, keeping every contract as it is, renames the class after the
 * mutant, loads all mutants into KeY at once and asserts that the contract of the changed method
 * does NOT close. A mutant whose line no longer occurs exactly once in Rules.java fails the test,
 * so the mutants follow the production code. Writes {@code target/key-bite-report.md}.
 */
class ProofsBiteTest {
    /** One deliberately wrong variant. */
    record Mutant(String name, String why, String method, String find, String replace) {
        String className() {
            return "Rules" + name;
        }

        String apply(String rules) {
            assertEquals(1, count(rules, find), () -> name + ": the line to change must occur once in Rules.java: " + find);
            assertEquals(1, count(rules, "final class Rules {"), "Rules.java declares class Rules");
            return rules.replace(find, replace)
                    .replace("final class Rules {", "final class " + className() + " {")
                    .replace("private Rules() {", "private " + className() + "() {");
        }
    }

    @Test
    void everyWrongVariantFailsItsProof() throws Exception {
        List<Mutant> mutants = mutants();
        assertTrue(mutants.size() >= 6, "the mutants: " + mutants);
        String rules = AppletSources.rules();
        Path root = KeyProver.freshDirectory(Path.of("target", "key-src", "mutants"));
        List<String> classes = new ArrayList<>();
        for (Mutant m : mutants) {
            KeyProver.writeSource(root, AppletSources.RULES_PACKAGE, m.className() + ".java", m.apply(rules));
            classes.add("dev.inkan.applet." + m.className());
        }
        long start = System.nanoTime();
        List<Result> all = KeyProver.prove(root, classes, (type, method) -> mutants.stream()
                .anyMatch(m -> type.equals("dev.inkan.applet." + m.className()) && method.equals(m.method())));
        assertEquals(mutants.size(), all.size(), () -> "one contract per mutant: " + all);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        String report = Report.markdown("KeY on deliberately wrong variants of dev.inkan.applet.Rules (none may close)",
                all, totalMillis);
        Files.writeString(Path.of("target", "key-bite-report.md"), report);
        System.out.println(report);
        for (Mutant m : mutants) {
            Result r = all.stream().filter(x -> x.className().equals(m.className())).findFirst().orElseThrow();
            assertFalse(r.closed(), () -> m.name() + " (" + m.why() + "): KeY closed the proof of the wrong variant\n" + report);
        }
    }

    static List<Mutant> mutants() throws IOException, URISyntaxException {
        Path dir = Path.of(ProofsBiteTest.class.getResource("/mutants").toURI());
        List<Mutant> mutants = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mutant")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".mutant", "");
                String why = null;
                String method = null;
                String find = null;
                String replace = null;
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("# ")) {
                        why = line.substring(2);
                    } else if (line.startsWith("method: ")) {
                        method = line.substring("method: ".length());
                    } else if (line.startsWith("find: ")) {
                        find = line.substring("find: ".length());
                    } else if (line.startsWith("replace: ")) {
                        replace = line.substring("replace: ".length());
                    }
                }
                if (why == null || method == null || find == null || replace == null || find.equals(replace)) {
                    throw new IllegalStateException(f + ": needs '# why', 'method:', 'find:' and a different 'replace:'");
                }
                mutants.add(new Mutant(name, why, method, find, replace));
            }
        }
        return mutants;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
