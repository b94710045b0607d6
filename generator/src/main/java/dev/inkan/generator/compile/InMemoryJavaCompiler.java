package dev.inkan.generator.compile;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated Java in memory and loads it: how the explorer runs a spec's model without
 * a build, and how tests prove the generated code compiles without a single warning.
 */
public final class InMemoryJavaCompiler {
    /** Compiler messages (empty when clean) and, when there were no errors, a loader for the classes. */
    public record Result(List<String> messages, boolean success, ClassLoader loader) {
    }

    private InMemoryJavaCompiler() {
    }

    /**
     * @param sources   path (any form ending in .java) to source text
     * @param classpath extra class path entries
     * @param options   javac options, such as {@code -Xlint:all}
     * @param parent    parent of the loader of the compiled classes
     */
    public static Result compile(Map<String, String> sources, List<Path> classpath, List<String> options,
                                 ClassLoader parent) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        classes.put(className, out);
                        return out;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String text = e.getValue();
            units.add(new SimpleJavaFileObject(URI.create("string:///" + e.getKey()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            });
        }
        List<String> opts = new ArrayList<>(options);
        String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String own = System.getProperty("java.class.path");
        opts.add("-classpath");
        opts.add(cp.isEmpty() ? own : cp + File.pathSeparator + own);
        boolean ok = javac.getTask(null, manager, diagnostics, opts, null, units).call();
        List<String> messages = diagnostics.getDiagnostics().stream()
                .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName() + ":"
                        + d.getLineNumber() + ": ") + d.getMessage(Locale.ROOT))
                .toList();
        if (!ok) {
            return new Result(messages, false, null);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        ClassLoader loader = new ClassLoader(parent) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = bytes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        return new Result(messages, true, loader);
    }
}
