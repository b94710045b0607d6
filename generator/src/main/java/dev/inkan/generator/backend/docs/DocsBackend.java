package dev.inkan.generator.backend.docs;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.backend.Templates;
import dev.inkan.generator.backend.docs.CrossReference.Citation;
import dev.inkan.generator.backend.docs.RequirementsView.Requirement;
import dev.inkan.generator.backend.docs.RequirementsView.Row;
import dev.inkan.generator.backend.docs.RequirementsView.Section;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The docs: a Markdown page per spec file with a Mermaid state diagram per machine and monitor,
 * a sequence diagram per protocol and tables of events, transitions, observations and applet
 * commands; {@code README.md}, an index with counts; and {@code requirements.md}, which maps
 * every requirement of REQUIREMENTS.md (from {@link Spec#requirements}) to the spec elements
 * citing it and the generated suites covering them, listing first the requirements no element
 * covers. {@code inkan spec diagram} writes the same files.
 */
public final class DocsBackend implements Backend {
    /** Where the files go, relative to {@code generated/}. */
    public static final String DIR = "docs/";

    @Override
    public String name() {
        return "docs";
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        Pages pages = new Pages(spec.files);
        CrossReference xref = CrossReference.of(spec, pages);
        List<GeneratedFile> out = new ArrayList<>();
        for (SourceFile f : pages.files()) {
            out.add(new GeneratedFile(DIR + pages.page(f),
                    Templates.render("docs/page.vm", Map.of("page", PageBuilder.build(spec, pages, f)))));
        }
        out.add(new GeneratedFile(DIR + Pages.INDEX, Templates.render("docs/index.vm",
                Map.of("index", index(spec, pages, xref)))));
        out.add(new GeneratedFile(DIR + Pages.REQUIREMENTS, Templates.render("docs/requirements.vm",
                Map.of("view", requirements(spec, xref)))));
        return out;
    }

    /** The Mermaid state diagram of one machine or monitor, or null when the spec has none of that name. */
    public static String diagram(Spec spec, String name) {
        MachineDef m = spec.machine(name);
        if (m != null) {
            return StateDiagram.of(m).text();
        }
        return spec.monitors.stream().filter(x -> x.name().equals(name)).findFirst()
                .map(x -> StateDiagram.of(x).text()).orElse(null);
    }

    // ------------------------------------------------------------------ README.md

    private static IndexView index(Spec spec, Pages pages, CrossReference xref) {
        List<IndexView.Row> rows = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (SourceFile f : pages.files()) {
            Predicate<Element> here = e -> e.span().file() == f;
            List<MachineDef> machines = spec.machines.stream().filter(here).toList();
            List<AppletDef> applets = spec.applets.stream().filter(here).toList();
            rows.add(new IndexView.Row(f.displayName(), Markdown.link(pages.page(f), pages.page(f)), machines.size(),
                    machines.stream().mapToInt(m -> m.states().size()).sum(),
                    machines.stream().mapToInt(m -> m.transitions().size()).sum(),
                    (int) spec.monitors.stream().filter(here).count(),
                    (int) spec.invariants.stream().filter(here).count(),
                    applets.size(), applets.stream().mapToInt(a -> a.commands().size()).sum(),
                    (int) spec.protocols.stream().filter(here).count(), xref.idsCitedIn(f).size()));
            List<String> parts = new ArrayList<>();
            names(parts, "machines", "Machine", spec.machines, here, pages);
            names(parts, "monitors", "Monitor", spec.monitors, here, pages);
            names(parts, "invariants", "Invariant", spec.invariants, here, pages);
            names(parts, "applets", "Applet", spec.applets, here, pages);
            names(parts, "protocols", "Protocol", spec.protocols, here, pages);
            contents.add(Markdown.link(f.displayName(), pages.page(f)) + ": "
                    + (parts.isEmpty() ? "declarations only" : String.join("; ", parts)));
        }
        int cited = xref.byId().size();
        IndexView.Row total = new IndexView.Row("**total**", "", rows.stream().mapToInt(IndexView.Row::machines).sum(),
                rows.stream().mapToInt(IndexView.Row::states).sum(),
                rows.stream().mapToInt(IndexView.Row::transitions).sum(),
                rows.stream().mapToInt(IndexView.Row::monitors).sum(),
                rows.stream().mapToInt(IndexView.Row::invariants).sum(),
                rows.stream().mapToInt(IndexView.Row::applets).sum(),
                rows.stream().mapToInt(IndexView.Row::commands).sum(),
                rows.stream().mapToInt(IndexView.Row::protocols).sum(), cited);
        return new IndexView(SourceHeader.markdown(spec.files), summary(spec, xref), rows, total, contents);
    }

    private static void names(List<String> out, String title, String kind, List<? extends Element> all,
                              Predicate<Element> here, Pages pages) {
        List<String> links = all.stream().filter(here).map(e -> pages.link(e, kind)).toList();
        if (!links.isEmpty()) {
            out.add(title + " " + String.join(", ", links));
        }
    }

    private static String summary(Spec spec, CrossReference xref) {
        Map<String, List<Citation>> byId = xref.byId();
        if (spec.requirements.isEmpty()) {
            return "The spec cites " + byId.size() + " requirement id(s); REQUIREMENTS.md was not found, so "
                    + "requirements no element covers cannot be listed.";
        }
        long covered = spec.requirements.keySet().stream().filter(byId::containsKey).count();
        long undefined = byId.keySet().stream().filter(id -> !spec.requirements.containsKey(id)).count();
        return "REQUIREMENTS.md defines " + spec.requirements.size() + " requirements: spec elements cite " + covered
                + ", " + (spec.requirements.size() - covered) + " are covered by no element"
                + (undefined == 0 ? "" : "; the spec also cites " + undefined + " id(s) it does not define") + ".";
    }

    // ------------------------------------------------------------------ requirements.md

    private static RequirementsView requirements(Spec spec, CrossReference xref) {
        Map<String, List<Citation>> byId = xref.byId();
        List<Requirement> uncovered = new ArrayList<>();
        List<Requirement> untested = new ArrayList<>();
        List<Requirement> undefined = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        spec.requirements.forEach((id, text) -> {
            if (!byId.containsKey(id)) {
                uncovered.add(new Requirement(id, Markdown.anchor(id), text));
            } else if (byId.get(id).stream().allMatch(c -> c.suite() == null)) {
                untested.add(new Requirement(id, Markdown.anchor(id), text));
            }
            sections.add(section(id, text, true, byId.getOrDefault(id, List.of())));
        });
        byId.forEach((id, citations) -> {
            if (!spec.requirements.containsKey(id)) {
                if (!spec.requirements.isEmpty()) {
                    undefined.add(new Requirement(id, Markdown.anchor(id), ""));
                }
                sections.add(section(id, "", spec.requirements.isEmpty(), citations));
            }
        });
        return new RequirementsView(SourceHeader.markdown(spec.files), summary(spec, xref), SuiteNames.PACKAGE,
                !spec.requirements.isEmpty(), uncovered, untested, undefined, sections);
    }

    private static Section section(String id, String text, boolean defined, List<Citation> citations) {
        List<Row> rows = citations.stream().map(c -> new Row(c.kind(),
                Markdown.link(Markdown.cell(c.name()), c.target()),
                PageBuilder.location(c.span()), c.suite() == null ? Markdown.NONE : Markdown.code(c.suite()))).toList();
        String tests = citations.stream().map(Citation::suite).filter(Objects::nonNull).distinct().sorted()
                .map(Markdown::code).collect(Collectors.joining(", "));
        return new Section(id, text, defined, rows, tests);
    }
}
