package dev.inkan.generator.resolve;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.EnumDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-level names of all files, and which file sees which. Every top-level declaration shares
 * one namespace; enum members have their own and may repeat across enums.
 */
final class GlobalNames {
    private final Diagnostics diagnostics;
    private final Map<SourceFile, Set<SourceFile>> visible;
    private final Map<String, Element> elements = new LinkedHashMap<>();
    private final Map<String, List<EnumDef.Member>> members = new LinkedHashMap<>();

    GlobalNames(Diagnostics diagnostics, Map<SourceFile, Set<SourceFile>> visible) {
        this.diagnostics = diagnostics;
        this.visible = visible;
    }

    /** Registers a declaration; false (and an error) when the name is taken. */
    boolean declare(Element e, String kind) {
        Element previous = elements.get(e.name());
        if (previous != null) {
            diagnostics.duplicate(e.span(), kind, e.name(), previous.span());
            return false;
        }
        elements.put(e.name(), e);
        return true;
    }

    void declareMember(EnumDef.Member m) {
        members.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
    }

    private boolean sees(SourceFile from, Element e) {
        Set<SourceFile> files = visible.get(from);
        return files == null || files.contains(e.span().file());
    }

    /**
     * Looks a name up from a file, expecting a given class. Reports an unknown name, a name of
     * another kind, or a declaration the file does not import; returns null then.
     */
    <T extends Element> T find(SourceFile from, Span at, String name, Class<T> type, String kind) {
        Element e = elements.get(name);
        if (e == null) {
            diagnostics.unknown(at, kind, name);
            return null;
        }
        if (!type.isInstance(e)) {
            diagnostics.wrongKind(at, name, "a " + kind, Resolver.describe(e));
            return null;
        }
        if (!sees(from, e)) {
            diagnostics.unknown(at, kind, name, "(it is declared in " + e.span().file().displayName()
                    + ", which this file does not import)");
            return null;
        }
        return type.cast(e);
    }

    /** The element of that name if it exists and is visible, without reporting anything. */
    Element peek(SourceFile from, String name) {
        Element e = elements.get(name);
        return e != null && sees(from, e) ? e : null;
    }

    /** Enum members of that name among visible enums. */
    List<EnumDef.Member> members(SourceFile from, String name) {
        return members.getOrDefault(name, List.of()).stream().filter(m -> sees(from, m.owner())).toList();
    }
}
