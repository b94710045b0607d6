package dev.inkan.properties.suite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Replays every failure file kept under {@code src/test/resources/regressions/}, and the one
 * {@code -Dinkan.replay=FILE} names.
 */
class RegressionsTest {
    private static final Path DIR = Path.of("src/test/resources/regressions");

    @TestFactory
    List<DynamicTest> everyKeptFailureFileReplays() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".chain")).sorted().forEach(files::add);
        }
        String replay = System.getProperty("inkan.replay");
        if (replay != null && !replay.isBlank()) {
            files.add(RepoPaths.resolve(replay));
        }
        assertFalse(files.isEmpty(), "no failure files under " + DIR);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> Replays.check(f)));
        }
        return tests;
    }

    @Test
    void aReplayFailsWhenAPropertyFailsOrAStepIsNoLongerEnabled(@TempDir Path tmp) throws IOException {
        String planted = Files.readString(DIR.resolve("planted-never-five.chain"), StandardCharsets.UTF_8);
        // without 'expect', the planted chain is a failure that still fails: the replay reports it
        Path failing = tmp.resolve("failing.chain");
        Files.writeString(failing, planted.replace("expect invariant NeverFive\n", ""));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Replays.check(failing));
        assertTrue(e.getMessage().contains("invariant NeverFive fails at step 6"), e.getMessage());
        // a step that is not enabled (inc before start): the file is stale
        Path stale = tmp.resolve("stale.chain");
        Files.writeString(stale, planted.replace("step Counter(phone1).start(m=1)\n", ""));
        e = assertThrows(AssertionFailedError.class, () -> Replays.check(stale));
        assertTrue(e.getMessage().contains("step 1 is no longer enabled"), e.getMessage());
        // expecting a property that holds
        Path wrong = tmp.resolve("wrong.chain");
        Files.writeString(wrong, planted.replace("step Counter(phone1).inc\n", "").replace("expect invariant",
                "expect invariant"));
        e = assertThrows(AssertionFailedError.class, () -> Replays.check(wrong));
        assertTrue(e.getMessage().contains("but every property holds"), e.getMessage());
    }
}
