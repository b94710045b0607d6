package dev.inkan.properties.chain;

import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain written down so it replays exactly: which model (a class on the class path or a spec
 * directory), the domain sizes, the implementation, the property it failed, and its steps in
 * the spec's words. Replay one with {@code -Dinkan.replay=FILE}; files under
 * {@code properties/src/test/resources/regressions/} replay on every build.
 *
 * <pre>
 * # inkan failure file
 * model class dev.inkan.generated.model.SpecModel
 * sizes Phone=2
 * implementation model-only
 * failed invariant NeverFive
 * step Counter(phone1).start
 * step Counter(phone1).inc
 * </pre>
 *
 * A replay passes when every step is enabled and every property holds, as it should once the
 * fault is fixed. A line {@code expect invariant NeverFive} turns it around: the replay must
 * fail that property (for fixtures that prove a check bites).
 *
 * @param failed what the chain failed when it was written (null if unknown)
 * @param expect the property the replay must fail, or null when it must pass
 */
public record FailureFile(String model, String sizes, String implementation, Property failed, Property expect,
                          List<String> steps, List<String> comments) {
    public FailureFile {
        steps = List.copyOf(steps);
        List<String> lines = new ArrayList<>();
        for (String c : comments) {
            lines.addAll(List.of(c.split("\n", -1)));
        }
        comments = List.copyOf(lines);
    }

    public static FailureFile of(String model, String sizes, String implementation, Property failed, Model m,
                                 List<Action> chain, List<String> comments) {
        List<String> steps = new ArrayList<>();
        for (Action a : chain) {
            steps.add(ModelText.action(m, a));
        }
        return new FailureFile(model, sizes, implementation, failed, null, steps, comments);
    }

    public List<Action> actions(Model m) {
        List<Action> out = new ArrayList<>();
        for (String s : steps) {
            out.add(ModelText.parseAction(m, s));
        }
        return out;
    }

    public String render() {
        StringBuilder out = new StringBuilder("# inkan failure file: replay with -Dinkan.replay=FILE; keep it under\n"
                + "# properties/src/test/resources/regressions/ to replay it on every build.\n");
        for (String c : comments) {
            out.append("# ").append(c).append('\n');
        }
        out.append("model ").append(model).append('\n');
        out.append("sizes ").append(sizes).append('\n');
        out.append("implementation ").append(implementation).append('\n');
        if (failed != null) {
            out.append("failed ").append(failed).append('\n');
        }
        if (expect != null) {
            out.append("expect ").append(expect).append('\n');
        }
        for (String s : steps) {
            out.append("step ").append(s).append('\n');
        }
        return out.toString();
    }

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    public static FailureFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static FailureFile parse(String text, String where) {
        String model = null;
        String sizes = "";
        String impl = "model-only";
        Property failed = null;
        Property expect = null;
        List<String> steps = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : line.substring(sp + 1).strip();
            switch (key) {
                case "model" -> model = value;
                case "sizes" -> sizes = value;
                case "implementation" -> impl = value;
                case "failed" -> failed = Property.parse(value);
                case "expect" -> expect = Property.parse(value);
                case "step" -> steps.add(value);
                default -> throw new IllegalArgumentException(where + ":" + n + ": unknown line '" + key + "'");
            }
        }
        if (model == null) {
            throw new IllegalArgumentException(where + ": no 'model' line");
        }
        comments.removeIf(c -> c.startsWith("inkan failure file:") || c.startsWith("properties/src/test/resources/"));
        return new FailureFile(model, sizes, impl, failed, expect, steps, comments);
    }
}
