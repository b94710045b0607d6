package dev.inkan.properties.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.properties.TestSpecs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExploreCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExploreCommand cmd = new ExploreCommand().printTo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long states(Run r) {
        return Long.parseLong(r.out().replaceAll("(?s).*states: ([0-9,]+)\n.*", "$1").replace(",", ""));
    }

    @Test
    void printsTheFiguresAndTheShortestTraceOfEachViolation() {
        Run r = run(TestSpecs.dir("planted").toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        for (String s : List.of("states: 435", "transitions: ", "depth: 16 (complete", "time: ", "states/s: ",
                "invariant NeverFive: invariant NeverFive", "shortest trace, 6 step(s):",
                "6. User     Counter(phone1).inc")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void aSoundSpecExitsZero() {
        Run r = run(TestSpecs.dir("clean").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("violations: none"), r.out());
    }

    @Test
    void reportsLivenessLassos() {
        Run r = run(TestSpecs.dir("liveness").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("liveness DeletionHappens: DeletionHappens stays in hot state Waiting"), r.out());
        assertTrue(r.out().contains("-- the loop starts here and repeats forever --"), r.out());
        assertTrue(!r.out().contains("liveness ComesBack"), r.out());
    }

    @Test
    void boundsDepthStatesAndSymmetryAreOptions() {
        String dir = TestSpecs.dir("symmetric").toString();
        long reduced = states(run(dir));
        long full = states(run(dir, "--no-symmetry"));
        assertEquals(725, reduced);
        assertEquals(21_952, full);
        long smaller = states(run(dir, "--bounds", "Person=2,Phone=2"));
        assertTrue(smaller < reduced, smaller + " < " + reduced);
        Run shallow = run(dir, "--depth", "2");
        assertTrue(shallow.out().contains("depth: 2 (incomplete: depth bound 2 reached)"), shallow.out());
        Run capped = run(dir, "--max-states", "100");
        assertEquals(100, states(capped));
        // the same states and transitions on one thread or two; a thread count that makes no sense is refused
        Run one = run(dir, "--threads", "1");
        Run two = run(dir, "--threads", "2");
        assertTrue(one.out().contains("(1 thread)") && two.out().contains("(2 threads)"), one.out() + two.out());
        assertEquals(reduced, states(one));
        assertEquals(one.out().replaceAll("(?s).*(transitions: [0-9,]+).*", "$1"),
                two.out().replaceAll("(?s).*(transitions: [0-9,]+).*", "$1"));
        Run none = run(dir, "--threads", "0");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--threads must be 1 to 256, not 0"), none.err());
        Run system = run(dir, "--system", "Nope");
        assertEquals(2, system.exit());
        assertTrue(system.err().contains("no system Nope"), system.err());
    }

    @Test
    void aSpecWithErrorsPrintsItsDiagnostics() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bad-spec");
        java.nio.file.Files.writeString(dir.resolve("bad.jsm"), "machine M { initial state A\n on x from A -> B }\n");
        Run r = run(dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("error"), r.err());
        Run missing = run(dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
    }

    @Test
    void helpNamesEveryOption() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        List<String> missing = new ArrayList<>();
        for (String o : List.of("--system", "--bounds", "--depth", "--max-states", "--no-symmetry", "DIR")) {
            if (!r.out().contains(o)) {
                missing.add(o);
            }
        }
        assertEquals(List.of(), missing, r.out());
    }
}
