package dev.inkan.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.verification.KeyProver.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * KeY proves every JML contract of the applet's {@code Rules} (the production source file, loaded
 * as it is): PIN formats (UX-1), PIN state, the signing refusal (LIFE-6, LIFE-11, LIFE-8), the
 * DigestInfo bounds and the PKCS#1 v1.5 type 01 block (CRY-2), READ BINARY bounds (ACC-3), the
 * bounds of a STORE CERTIFICATE block (PRE-2).
 * Writes {@code target/key-report.md}.
 */
class AppletContractsTest {
    /** Every method of Rules that must carry a proved contract; a contract removed fails the test. */
    static final List<String> PROVED = List.of(
            "certBlockRefusal", "digestInfoFits", "padType01", "pinStatus", "pinWellFormed", "readLength",
            "signRefusal");

    @Test
    void everyContractOfTheAppletRulesIsProved() throws Exception {
        Path root = KeyProver.freshDirectory(Path.of("target", "key-src", "rules"));
        KeyProver.writeSource(root, AppletSources.RULES_PACKAGE, AppletSources.RULES_FILE, AppletSources.rules());
        long start = System.nanoTime();
        List<Result> results = KeyProver.prove(root, List.of(AppletSources.RULES_CLASS), (type, method) -> true);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        String report = Report.markdown("KeY proofs of dev.inkan.applet.Rules", results, totalMillis);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "key-report.md"), report);
        System.out.println(report);

        assertEquals(PROVED, results.stream().map(Result::method).sorted().collect(Collectors.toList()),
                "one contract per proved method");
        for (Result r : results) {
            assertTrue(r.closed(), () -> "KeY did not close " + r.contract() + ":\n" + report);
        }
    }
}
