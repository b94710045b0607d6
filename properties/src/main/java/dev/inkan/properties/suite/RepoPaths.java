package dev.inkan.properties.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in failure files are relative to the repository root, so the files replay from anywhere in it. */
public final class RepoPaths {
    private RepoPaths() {
    }

    /** The repository root: the nearest directory up from the working directory that holds {@code .git}, else null. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    /** The path relative to the repository root when it lies inside it. */
    public static String relative(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path root = root();
        return root != null && abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/')
                : abs.toString();
    }

    /** Finds a path as given, else relative to the working directory's ancestors (the repository root among them). */
    public static Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(path))) {
                return dir.resolve(path);
            }
        }
        return p;
    }
}
