package dev.inkan.generator.backend.docs;

import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.Element;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each spec file's page lives under {@code docs/}: its path below the directory all spec
 * files share, {@code /} as {@code -}, {@code .jsm} as {@code .md} ({@code spec/pins.jsm} ->
 * {@code pins.md}); and the anchors of the sections on it.
 */
final class Pages {
    static final String INDEX = "README.md";
    static final String REQUIREMENTS = "requirements.md";
    /** The heading of the table of enums, domains, roles, functions, systems and security domains. */
    static final String DECLARATIONS = "Declarations";

    private final List<SourceFile> files;
    private final Map<SourceFile, String> names = new IdentityHashMap<>();

    Pages(List<SourceFile> sources) {
        files = new ArrayList<>(sources);
        files.sort(Comparator.comparing(SourceFile::displayName));
        List<String[]> parts = files.stream().map(f -> f.displayName().replace('\\', '/').split("/")).toList();
        int common = parts.isEmpty() ? 0 : parts.get(0).length - 1;
        for (String[] p : parts) {
            int i = 0;
            while (i < common && i < p.length - 1 && p[i].equals(parts.get(0)[i])) {
                i++;
            }
            common = i;
        }
        for (int k = 0; k < files.size(); k++) {
            String[] p = parts.get(k);
            String name = String.join("-", Arrays.asList(p).subList(common, p.length));
            name = name.endsWith(".jsm") ? name.substring(0, name.length() - 4) : name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("readme") || lower.equals("requirements")) {
                name = name + "-spec";
            }
            names.put(files.get(k), name + ".md");
        }
    }

    /** The spec files, sorted by name. */
    List<SourceFile> files() {
        return files;
    }

    /** The page of a spec file, relative to {@code docs/}. */
    String page(SourceFile f) {
        String name = names.get(f);
        if (name == null) {
            throw new IllegalStateException("docs: " + f.displayName() + " is not a file of the spec");
        }
        return name;
    }

    /** The heading of an element's section: {@code Machine Pin}. */
    static String heading(String kind, String name) {
        return kind + " " + name;
    }

    /** A link to the section of an element on its file's page. */
    String link(Element e, String kind) {
        return link(e, kind, e.name());
    }

    String link(Element e, String kind, String text) {
        return Markdown.link(text, target(e, kind));
    }

    /** Where the section of an element is: {@code pins.md#machine-pin}. */
    String target(Element e, String kind) {
        return page(e.span().file()) + "#" + Markdown.anchor(heading(kind, e.name()));
    }

    /** A link to the declarations table holding an enum, domain, role, function, system or security domain. */
    String declaration(Element e) {
        return Markdown.link(e.name(), declarationTarget(e));
    }

    String declarationTarget(Element e) {
        return page(e.span().file()) + "#" + Markdown.anchor(DECLARATIONS);
    }
}
