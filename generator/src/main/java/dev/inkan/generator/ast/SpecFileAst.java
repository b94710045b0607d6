package dev.inkan.generator.ast;

import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import java.util.List;

/** One parsed spec file. */
public record SpecFileAst(SourceFile source, List<Import> imports, List<Decl> decls) {

    public record Import(Span span, String path) {
    }
}
