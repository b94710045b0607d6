package dev.inkan.properties.coverage;

import dev.inkan.properties.model.ModelSource;
import dev.inkan.properties.suite.ModelOrigins;
import dev.inkan.runtime.model.ModelInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs after the suites (Maven {@code verify}): reads the coverage every suite wrote, writes
 * the coverage report, and fails the build when a transition of the spec was never exercised by
 * any suite, unless the spec marks it {@code @unreachable}; also when a transition marked
 * {@code @unreachable} was exercised after all.
 */
public final class CoverageGate {
    /** The verdict: the report (Markdown) and the problems, none when the gate passes. */
    public record Result(String report, List<String> problems, int suites) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private CoverageGate() {
    }

    /** {@code CoverageGate DIR}: throws (so exec:java fails the build) when the gate does not pass. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/inkan-coverage");
        Result r = check(dir);
        if (r.suites() == 0) {
            System.out.println("[inkan] coverage gate: no suite wrote coverage into " + dir + "; nothing to check "
                    + "(no generated suites yet?)");
            return;
        }
        Files.writeString(dir.resolve("report.md"), r.report(), StandardCharsets.UTF_8);
        System.out.println("[inkan] coverage report: " + dir.resolve("report.md").toAbsolutePath());
        if (!r.passed()) {
            throw new IllegalStateException("coverage gate: " + r.problems().size() + " problem(s):\n  "
                    + String.join("\n  ", r.problems()));
        }
        System.out.println("[inkan] coverage gate passed: every transition of the spec was exercised by "
                + r.suites() + " suites");
    }

    public static Result check(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Result("", List.of(), 0);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cov")).sorted().toList();
        }
        // group by model; a model's newest shape wins (files of an older shape are stale)
        Map<String, List<Path>> byModel = new LinkedHashMap<>();
        Map<String, String> newestShape = new LinkedHashMap<>();
        Map<String, FileTime> newestTime = new LinkedHashMap<>();
        Map<Path, Coverage.Header> headers = new LinkedHashMap<>();
        for (Path f : files) {
            Coverage.Header h = Coverage.header(f);
            headers.put(f, h);
            FileTime t = Files.getLastModifiedTime(f);
            if (!newestTime.containsKey(h.origin()) || t.compareTo(newestTime.get(h.origin())) > 0) {
                newestTime.put(h.origin(), t);
                newestShape.put(h.origin(), h.fingerprint());
            }
            byModel.computeIfAbsent(h.origin(), k -> new ArrayList<>()).add(f);
        }
        StringBuilder report = new StringBuilder("# Coverage of the property suites\n\n");
        List<String> problems = new ArrayList<>();
        int suites = 0;
        for (Map.Entry<String, List<Path>> e : byModel.entrySet()) {
            ModelSource source = ModelOrigins.load(e.getKey());
            ModelInfo info = source.info();
            if (!Coverage.fingerprint(info).equals(newestShape.get(e.getKey()))) {
                report.append("Coverage files of ").append(e.getKey()).append(" are of another version of the model;"
                        + " they are ignored.\n\n");
                continue;
            }
            Coverage total = new Coverage(info);
            report.append("## ").append(source.displayName()).append("\n\n")
                    .append("| suite | chains | steps | transitions | guard outcomes | states | requirements |\n")
                    .append("|---|---:|---:|---:|---:|---:|---|\n");
            for (Path f : e.getValue()) {
                if (!headers.get(f).fingerprint().equals(newestShape.get(e.getKey()))) {
                    continue;
                }
                Coverage c = Coverage.read(f, info);
                suites++;
                report.append(row(headers.get(f).suite(), c));
                total.merge(c);
            }
            report.append(row("**all suites**", total)).append('\n');
            List<ModelInfo.Transition> missing = total.missing();
            if (!missing.isEmpty()) {
                report.append("Transitions never exercised:\n\n");
                for (ModelInfo.Transition t : missing) {
                    report.append("- `").append(t.label()).append("` at ").append(t.location()).append('\n');
                    problems.add("transition " + t.label() + " at " + t.location() + " was never exercised by the "
                            + "suites (mark it @unreachable \"why\" if that is by design)");
                }
                report.append('\n');
            }
            for (ModelInfo.Transition t : total.wronglyUnreachable()) {
                problems.add("transition " + t.label() + " at " + t.location() + " is marked @unreachable (\""
                        + t.unreachableReason() + "\") but the suites took it");
            }
            List<String> unreachable = new ArrayList<>();
            for (ModelInfo.Transition t : info.transitions()) {
                if (t.unreachableReason() != null && !total.covered(t.id())) {
                    unreachable.add("- `" + t.label() + "`: " + t.unreachableReason());
                }
            }
            if (!unreachable.isEmpty()) {
                report.append("Unreachable by design:\n\n").append(String.join("\n", unreachable)).append("\n\n");
            }
            List<String> states = total.statesMissing();
            if (!states.isEmpty()) {
                report.append("Machine states never entered: ").append(String.join(", ", states)).append("\n\n");
            }
        }
        return new Result(report.toString(), problems, suites);
    }

    private static String row(String suite, Coverage c) {
        int transitions = c.info().transitions().size();
        return "| " + suite + " | " + c.chains() + " | " + c.steps() + " | " + c.transitionsCovered() + "/"
                + transitions + " | " + c.guardOutcomesSeen() + "/" + c.guardOutcomes() + " | " + c.statesSeen() + "/"
                + c.statesTotal() + " | " + String.join(", ", c.requirements()) + " |\n";
    }
}
