package dev.inkan.verification;

import dev.inkan.verification.KeyProver.Result;
import java.util.List;

/** The proof report: one Markdown table row per contract. */
final class Report {
    private Report() {
    }

    static String markdown(String title, List<Result> results, long totalMillis) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("KeY ").append(de.uka.ilkd.key.util.KeYConstants.VERSION)
                .append(", Java integer semantics, runtime exceptions banned, at most ")
                .append(KeyProver.MAX_STEPS).append(" rule applications per proof.\n\n");
        sb.append("| class | method | closed | nodes | open goals | time (ms) |\n");
        sb.append("|---|---|---|---:|---:|---:|\n");
        long proofMillis = 0;
        for (Result r : results) {
            sb.append("| ").append(r.className()).append(" | ").append(r.method()).append(" | ")
                    .append(r.closed() ? "yes" : "**no**").append(" | ").append(r.nodes()).append(" | ")
                    .append(r.openGoals()).append(" | ").append(r.millis()).append(" |\n");
            proofMillis += r.millis();
        }
        sb.append("\nProof time ").append(proofMillis).append(" ms; with loading ").append(totalMillis)
                .append(" ms.\n");
        return sb.toString();
    }
}
