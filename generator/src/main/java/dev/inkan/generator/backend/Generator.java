package dev.inkan.generator.backend;

import dev.inkan.generator.backend.dispatch.DispatchBackend;
import dev.inkan.generator.backend.docs.DocsBackend;
import dev.inkan.generator.backend.model.ModelBackend;
import dev.inkan.generator.backend.scripts.ScriptsBackend;
import dev.inkan.generator.backend.suites.SuitesBackend;
import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Runs every back end and writes, or compares, the {@code generated/} tree. */
public final class Generator {
    private Generator() {
    }

    public static List<Backend> backends() {
        return List.of(new ModelBackend(), new DispatchBackend(), new ScriptsBackend(), new SuitesBackend(),
                new DocsBackend());
    }

    /** Every generated file, sorted by path: deterministic for a given spec. */
    public static Map<String, String> generate(Spec spec) {
        Map<String, String> out = new TreeMap<>();
        for (Backend b : backends()) {
            for (GeneratedFile f : b.generate(spec)) {
                if (out.put(f.path(), f.content()) != null) {
                    throw new IllegalStateException("two back ends write " + f.path());
                }
            }
        }
        return out;
    }

    /** Writes the files and deletes stale ones under the back ends' folders. Returns what changed. */
    public static List<String> write(Map<String, String> files, Path root) throws IOException {
        List<String> changed = new ArrayList<>();
        for (String stale : difference(files, root)) {
            if (!files.containsKey(stale)) {
                Files.delete(root.resolve(stale));
                changed.add("deleted " + stale);
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(p) && java.util.Arrays.equals(Files.readAllBytes(p), bytes)) {
                continue;
            }
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            changed.add("wrote " + f.getKey());
        }
        return changed;
    }

    /**
     * Paths that differ between the generated files and the tree on disk: missing, different or
     * extra (an extra file under a back end's folder is stale).
     */
    public static List<String> difference(Map<String, String> files, Path root) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            if (!Files.isRegularFile(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
                out.add(f.getKey());
            }
        }
        for (Backend b : backends()) {
            Path dir = root.resolve(b.name());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !files.containsKey(p))
                        .forEach(out::add);
            }
        }
        return new ArrayList<>(out);
    }
}
