package dev.inkan.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.inkan.generator.diag.Diagnostic;
import dev.inkan.generator.diag.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Thousands of randomly mutated copies of the spec files go through the whole front end: it
 * never throws, never hangs, and always answers with diagnostics (each inside its file) or success.
 */
class MutationFuzzTest {
    private static final int MUTANTS_OF_PROJECT = Integer.getInteger("inkan.fuzz.project", 1000);
    private static final int MUTANTS_OF_TEST_SPECS = Integer.getInteger("inkan.fuzz.tests", 2000);
    private static final String[] FRAGMENTS = {
        "{", "}", "(", ")", ",", ":", ";", "->", "=>", "==", "!", "&&", "||", "..", "*", "_", "|", "@req", "@doc",
        "@weight", "@unreachable", "machine", "state", "initial", "final", "hot", "event", "internal", "on", "from",
        "when", "emit", "for", "where", "if", "else", "fail", "ignore", "in", "is", "not", "forall", "exists", "count",
        "none", "self", "true", "false", "applet", "command", "pin", "file", "protocol", "script", "under", "to",
        "alt", "opt", "loop", "0x", "0x6985", "0", "1", "255", "99999999999", "\"", "\"text\"", "/*", "*/", "//",
        "\n", " ", "LIFE-1", "X", "Foo", "$", "\u00e9", "\u0000",
    };

    @Test
    void projectSpecsMutated() throws Exception {
        List<SourceFile> project = TestSpecs.sources(TestSpecs.ROOT.resolve("spec"));
        run(project, MUTANTS_OF_PROJECT, 20261121L);
    }

    @Test
    void testSpecsMutated() throws Exception {
        List<SourceFile> specs = new ArrayList<>();
        specs.addAll(TestSpecs.sources(TestSpecs.RESOURCES.resolve("specs")));
        specs.addAll(TestSpecs.sources(TestSpecs.RESOURCES.resolve("malformed")));
        Random r = new Random(7);
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < MUTANTS_OF_TEST_SPECS; i++) {
                SourceFile original = specs.get(r.nextInt(specs.size()));
                SourceFile mutant = mutate(original, r);
                check(List.of(mutant), mutant, pool);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread t = new Thread(task, "fuzz");
            t.setDaemon(true);
            return t;
        };
    }

    private void run(List<SourceFile> files, int mutants, long seed) throws Exception {
        assertTrue(!files.isEmpty());
        Random r = new Random(seed);
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < mutants; i++) {
                int which = r.nextInt(files.size());
                List<SourceFile> set = new ArrayList<>(files);
                SourceFile mutant = mutate(files.get(which), r);
                set.set(which, mutant);
                check(set, mutant, pool);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(List<SourceFile> set, SourceFile mutant, ExecutorService pool) throws Exception {
        Future<SpecCompiler.Compilation> f = pool.submit(() -> SpecCompiler.compileSources(set,
                TestSpecs.requirementIds()));
        SpecCompiler.Compilation c;
        try {
            c = f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the checker hangs on:\n" + mutant.text());
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the checker threw on:\n" + mutant.text(), e.getCause());
        }
        List<Diagnostic> ds = c.diagnostics().sorted();
        assertTrue(c.ok() || c.diagnostics().hasErrors(), "neither success nor an error:\n" + mutant.text());
        for (Diagnostic d : ds) {
            assertTrue(d.span().line() >= 1 && d.span().line() <= d.span().file().lineCount() + 1,
                    "diagnostic outside its file: " + d.headline());
            assertTrue(!d.message().isBlank(), "empty message");
        }
    }

    /** One to three random edits: delete, insert a fragment, duplicate or swap lines, swap words. */
    static SourceFile mutate(SourceFile f, Random r) {
        String text = f.text();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = text.isEmpty() ? 0 : r.nextInt(text.length());
            switch (r.nextInt(6)) {
                case 0 -> text = text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + r.nextInt(12)));
                case 1 -> text = text.substring(0, at) + FRAGMENTS[r.nextInt(FRAGMENTS.length)] + text.substring(at);
                case 2 -> {
                    String[] lines = text.split("\n", -1);
                    int i = r.nextInt(lines.length);
                    int j = r.nextInt(lines.length);
                    String t = lines[i];
                    lines[i] = lines[j];
                    lines[j] = t;
                    text = String.join("\n", lines);
                }
                case 3 -> {
                    String[] lines = text.split("\n", -1);
                    int i = r.nextInt(lines.length);
                    text = text + "\n" + lines[i];
                }
                case 4 -> {
                    String[] words = text.split("[^A-Za-z_0-9]+");
                    if (words.length > 2) {
                        String a = words[r.nextInt(words.length)];
                        String b = words[r.nextInt(words.length)];
                        if (!a.isEmpty() && !b.isEmpty()) {
                            text = text.replaceFirst("\\b" + java.util.regex.Pattern.quote(a) + "\\b",
                                    java.util.regex.Matcher.quoteReplacement(b));
                        }
                    }
                }
                default -> text = text.substring(0, at) + (char) (r.nextInt(96) + 32) + text.substring(at);
            }
        }
        return new SourceFile(f.path(), f.displayName(), text);
    }
}
