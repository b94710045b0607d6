package dev.inkan.generator.parse;

import dev.inkan.generator.ast.SpecFileAst;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads spec files and the files they import, parses them and builds their ASTs. A file sees
 * its own declarations and those of the files it imports, directly or not.
 */
public final class SpecLoader {

    /** The parsed files, in a stable order, and which files each one may refer to. */
    public record Loaded(List<SpecFileAst> files, Map<SourceFile, Set<SourceFile>> visible) {
    }

    private final Path displayBase;
    private final Diagnostics diagnostics;
    private final Map<Path, SpecFileAst> parsed = new LinkedHashMap<>();
    private final Map<Path, List<Path>> imports = new LinkedHashMap<>();
    private final Map<Path, SourceFile> sources = new LinkedHashMap<>();

    /** @param displayBase paths in diagnostics are shown relative to this directory */
    public SpecLoader(Path displayBase, Diagnostics diagnostics) {
        this.displayBase = displayBase.toAbsolutePath().normalize();
        this.diagnostics = diagnostics;
    }

    /** Every {@code *.jsm} file under the given directories or files. */
    public static List<Path> specFiles(List<Path> roots) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".jsm") && Files.isRegularFile(p)).sorted()
                            .forEach(p -> out.add(p.toAbsolutePath().normalize()));
                }
            } else {
                out.add(root.toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(out);
    }

    public Loaded load(List<Path> files) {
        Deque<Path> work = new ArrayDeque<>();
        for (Path f : files) {
            work.add(f.toAbsolutePath().normalize());
        }
        while (!work.isEmpty()) {
            Path path = work.poll();
            if (parsed.containsKey(path) || imports.containsKey(path)) {
                continue;
            }
            SpecFileAst ast = parse(path, null);
            List<Path> targets = new ArrayList<>();
            imports.put(path, targets);
            if (ast == null) {
                continue;
            }
            parsed.put(path, ast);
            for (SpecFileAst.Import imp : ast.imports()) {
                Path target = path.getParent().resolve(imp.path()).normalize();
                if (!Files.isRegularFile(target)) {
                    diagnostics.cannotRead(imp.span(), "imported file '" + imp.path() + "'", "no such file");
                    continue;
                }
                targets.add(target);
                work.add(target);
            }
        }
        List<SpecFileAst> ordered = new ArrayList<>(parsed.values());
        ordered.sort((a, b) -> a.source().displayName().compareTo(b.source().displayName()));
        Map<SourceFile, Set<SourceFile>> visible = new LinkedHashMap<>();
        for (SpecFileAst f : ordered) {
            Set<SourceFile> seen = new LinkedHashSet<>();
            collect(f.source().path(), seen);
            visible.put(f.source(), seen);
        }
        return new Loaded(ordered, visible);
    }

    /**
     * Loads sources already in memory (tests, fuzzing): imports resolve among the given
     * sources by path, relative to the importing file.
     */
    public Loaded loadSources(List<SourceFile> given) {
        Map<Path, SourceFile> byPath = new LinkedHashMap<>();
        for (SourceFile f : given) {
            byPath.put(f.path().toAbsolutePath().normalize(), f);
        }
        for (Map.Entry<Path, SourceFile> e : byPath.entrySet()) {
            sources.put(e.getKey(), e.getValue());
            SpecFileAst ast = parseText(e.getValue(), diagnostics);
            List<Path> targets = new ArrayList<>();
            imports.put(e.getKey(), targets);
            if (ast == null) {
                continue;
            }
            parsed.put(e.getKey(), ast);
            for (SpecFileAst.Import imp : ast.imports()) {
                Path target = e.getKey().getParent().resolve(imp.path()).normalize();
                if (!byPath.containsKey(target)) {
                    diagnostics.cannotRead(imp.span(), "imported file '" + imp.path() + "'", "no such file");
                } else {
                    targets.add(target);
                }
            }
        }
        List<SpecFileAst> ordered = new ArrayList<>(parsed.values());
        ordered.sort((a, b) -> a.source().displayName().compareTo(b.source().displayName()));
        Map<SourceFile, Set<SourceFile>> visible = new LinkedHashMap<>();
        for (SpecFileAst f : ordered) {
            Set<SourceFile> seen = new LinkedHashSet<>();
            collect(f.source().path().toAbsolutePath().normalize(), seen);
            visible.put(f.source(), seen);
        }
        return new Loaded(ordered, visible);
    }

    private void collect(Path path, Set<SourceFile> seen) {
        SourceFile source = sources.get(path);
        if (source == null || !seen.add(source)) {
            return;
        }
        for (Path p : imports.getOrDefault(path, List.of())) {
            collect(p, seen);
        }
    }

    private String display(Path path) {
        return path.startsWith(displayBase) ? displayBase.relativize(path).toString() : path.toString();
    }

    /** Parses one file; null when it cannot be read or has syntax errors (they are reported). */
    private SpecFileAst parse(Path path, Span importedAt) {
        String text;
        SourceFile placeholder = new SourceFile(path, display(path), "");
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            diagnostics.cannotRead(new Span(placeholder, 1, 1, 1), "file", "it is not valid UTF-8");
            return null;
        } catch (IOException e) {
            diagnostics.cannotRead(importedAt != null ? importedAt : new Span(placeholder, 1, 1, 1), "file",
                    e.getClass().getSimpleName() + " " + e.getMessage());
            return null;
        }
        SourceFile source = new SourceFile(path, display(path), text);
        sources.put(path, source);
        return parseText(source, diagnostics);
    }

    /** Parses text already in memory (tests, fuzzing); null on syntax errors. */
    public static SpecFileAst parseText(SourceFile source, Diagnostics diagnostics) {
        try {
            JsmParser.SpecFileContext tree = parseTree(source, diagnostics);
            if (tree == null) {
                return null;
            }
            Diagnostics local = new Diagnostics();
            SpecFileAst ast = new AstBuilder(source, local).build(tree);
            local.sorted().forEach(d -> diagnostics.error(d.span(), d.code(), d.message()));
            return local.hasErrors() ? null : ast;
        } catch (StackOverflowError e) {
            diagnostics.syntax(new Span(source, 1, 1, 1), "the file is nested too deeply to be read");
            return null;
        }
    }

    private static JsmParser.SpecFileContext parseTree(SourceFile source, Diagnostics diagnostics) {
        // Fast path: SLL prediction, giving up at the first error; most files are correct.
        JsmLexer lexer = new JsmLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        JsmParser parser = new JsmParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.specFile();
        } catch (ParseCancellationException e) {
            // fall through: full LL with recovery, reporting every error it finds
        }
        lexer = new JsmLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        parser = new JsmParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        SyntaxErrorListener listener = new SyntaxErrorListener(source, diagnostics);
        parser.addErrorListener(listener);
        parser.setErrorHandler(new DefaultErrorStrategy());
        JsmParser.SpecFileContext tree = parser.specFile();
        return listener.count() > 0 ? null : tree;
    }
}
