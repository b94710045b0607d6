package dev.inkan.generator;

import dev.inkan.generator.check.Checker;
import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.parse.SpecLoader;
import dev.inkan.generator.resolve.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The front end in one place: load and parse, resolve and type, analyse. */
public final class SpecCompiler {
    private static final Pattern REQUIREMENT = Pattern.compile("^- ([A-Z]+-\\d+)\\b", Pattern.MULTILINE);

    /** The result: a spec (null when parsing failed) and every diagnostic. */
    public record Compilation(Spec spec, Diagnostics diagnostics, Set<String> requirementIds) {
        public boolean ok() {
            return spec != null && !diagnostics.hasErrors();
        }
    }

    private SpecCompiler() {
    }

    /**
     * Compiles every {@code .jsm} file under the roots.
     *
     * @param displayBase  paths in diagnostics are relative to it
     * @param requirements REQUIREMENTS.md, or null to skip the requirement check
     */
    public static Compilation compile(List<Path> roots, Path displayBase, Path requirements) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        List<Path> files = SpecLoader.specFiles(roots);
        SpecLoader.Loaded loaded = new SpecLoader(displayBase, diagnostics).load(files);
        return analyse(loaded, diagnostics, requirements == null ? null : requirementIds(requirements),
                requirements == null ? Map.of() : requirementTitles(requirements));
    }

    /** Compiles sources held in memory (tests, fuzzing, editors). */
    public static Compilation compileSources(List<SourceFile> sources, Set<String> requirementIds) {
        Diagnostics diagnostics = new Diagnostics();
        SpecLoader.Loaded loaded = new SpecLoader(Path.of(""), diagnostics).loadSources(sources);
        return analyse(loaded, diagnostics, requirementIds, Map.of());
    }

    /** Resolution and analyses, after parsing; stops after the first stage with errors. */
    private static Compilation analyse(SpecLoader.Loaded loaded, Diagnostics diagnostics, Set<String> ids,
                                       Map<String, String> titles) {
        if (diagnostics.hasErrors()) {
            return new Compilation(null, diagnostics, ids);
        }
        Spec spec = Resolver.resolve(loaded.files(), loaded.visible(), diagnostics);
        spec.requirements.putAll(titles);
        if (!diagnostics.hasErrors()) {
            Checker.check(spec, ids, diagnostics);
        }
        return new Compilation(spec, diagnostics, ids);
    }

    /** The requirement ids a REQUIREMENTS.md defines: list items that start with an id. */
    public static Set<String> requirementIds(Path file) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = REQUIREMENT.matcher(Files.readString(file));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * The requirements a REQUIREMENTS.md defines, id -> text on one line: the list items
     * {@link #requirementIds} finds, with their indented continuation lines joined.
     */
    public static Map<String, String> requirementTitles(Path file) throws IOException {
        Map<String, String> titles = new LinkedHashMap<>();
        String id = null;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            Matcher m = REQUIREMENT.matcher(line);
            boolean continuation = id != null && !line.isBlank() && Character.isWhitespace(line.charAt(0));
            if (continuation) {
                text.append(' ').append(line.strip());
                continue;
            }
            if (id != null) {
                titles.putIfAbsent(id, text.toString().strip());
                id = null;
            }
            if (m.lookingAt()) {
                id = m.group(1);
                text.setLength(0);
                text.append(line.substring(m.end()));
            }
        }
        if (id != null) {
            titles.putIfAbsent(id, text.toString().strip());
        }
        return titles;
    }

    /** Finds REQUIREMENTS.md for a spec directory: beside it, or in {@code docs/} next to it. */
    public static Path findRequirements(Path specDir) {
        Path dir = specDir.toAbsolutePath().normalize();
        Path[] candidates = {
            dir.resolve("REQUIREMENTS.md"),
            dir.resolveSibling("docs").resolve("REQUIREMENTS.md"),
            dir.getParent() == null ? null : dir.getParent().resolveSibling("docs").resolve("REQUIREMENTS.md"),
        };
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
