package dev.inkan.properties.model;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.model.ModelBackend;
import dev.inkan.generator.diag.DiagnosticPrinter;
import dev.inkan.generator.parse.SpecLoader;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns a spec directory into a loaded model at run time: the generator runs in process, its
 * model back end writes Java into a temporary directory, {@link javax.tools.JavaCompiler}
 * compiles it against the runtime classes, and a class loader of its own loads it. So
 * {@code inkan explore DIR} and the harness's tests work on any spec without a build.
 */
public final class ModelCompiler {
    private static final String MODEL_CLASS = "dev.inkan.generated.model.SpecModel";
    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String fingerprint, ModelSource source) {
    }

    /** The spec did not compile: its diagnostics, as the checker prints them. */
    public static final class SpecException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SpecException(String message) {
            super(message);
        }
    }

    private ModelCompiler() {
    }

    /** Compiles the specs under {@code specDir}; cached per directory while its files stay the same. */
    public static ModelSource compile(Path specDir) {
        Path dir = specDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(specDir + ": no such directory");
        }
        try {
            String fingerprint = fingerprint(dir);
            Cached c = CACHE.get(dir);
            if (c != null && c.fingerprint().equals(fingerprint)) {
                return c.source();
            }
            ModelSource source = build(dir);
            CACHE.put(dir, new Cached(fingerprint, source));
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(Path dir) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : SpecLoader.specFiles(List.of(dir))) {
                md.update(f.toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelSource build(Path dir) throws IOException {
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), dir.getParent(),
                SpecCompiler.findRequirements(dir));
        if (!c.ok()) {
            throw new SpecException(dir + " does not check:\n" + DiagnosticPrinter.text(c.diagnostics().sorted()));
        }
        List<GeneratedFile> files = new ModelBackend().generate(c.spec());
        Path work = Files.createTempDirectory("inkan-model-");
        deleteOnExit(work);
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<Path> sources = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path p = src.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            sources.add(p);
        }
        javac(sources, classes);
        ClassLoader loader = loader(classes, ModelCompiler.class.getClassLoader(), dir);
        try {
            Class<? extends Model> type = Class.forName(MODEL_CLASS, true, loader).asSubclass(Model.class);
            return ModelSource.ofClass(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the model back end wrote no " + MODEL_CLASS, e);
        }
    }

    private static void javac(List<Path> sources, Path classes) {
        List<String> errors = javac(sources, classes, List.of(runtimeClassPath()), List.of("-nowarn"));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the generated model does not compile:\n" + String.join("\n", errors));
        }
    }

    /**
     * Compiles Java sources into {@code classes}; returns every diagnostic javac reported
     * (warnings included), so a caller can insist on none. Release 17, no annotation processing.
     */
    public static List<String> javac(List<Path> sources, Path classes, List<String> classPath, List<String> options) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run inkan on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> all = new ArrayList<>(List.of("-classpath",
                    String.join(java.io.File.pathSeparator, classPath), "-d", classes.toString(), "-proc:none",
                    "--release", "17", "-encoding", "UTF-8"));
            all.addAll(options);
            boolean ok = compiler.getTask(null, fm, diagnostics, all, null, fm.getJavaFileObjectsFromPaths(sources))
                    .call();
            List<String> out = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                out.add(d.getKind() + ": " + d);
            }
            if (!ok && out.isEmpty()) {
                out.add("javac failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A class loader for compiled generated classes, ahead of any {@code dev.inkan.generated} classes of the parent. */
    public static ClassLoader loader(Path classes, ClassLoader parent) {
        return new ChildFirstLoader(new URL[] {url(classes)}, parent, null);
    }

    /**
     * As {@link #loader(Path, ClassLoader)}, for classes generated from a spec directory: a model
     * loaded by it names that directory as its origin ({@code spec DIR}), so failure files and
     * coverage point at the spec, not at a class no class path holds.
     */
    public static ClassLoader loader(Path classes, ClassLoader parent, Path specDir) {
        return new ChildFirstLoader(new URL[] {url(classes)}, parent, "spec " + specDir.toAbsolutePath().normalize());
    }

    /** Where a class was loaded from (a jar or a classes directory), for class paths. */
    public static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the runtime's classes are (a jar or a classes directory). */
    static String runtimeClassPath() {
        return locationOf(Model.class);
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory tree when the JVM exits. */
    public static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }));
    }
}
