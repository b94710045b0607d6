package dev.inkan.generator.diag;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** Renders diagnostics for people (source line and caret) or for editors (JSON). */
public final class DiagnosticPrinter {
    private DiagnosticPrinter() {
    }

    public static String text(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(d.headline()).append('\n');
            String line = d.span().file().line(d.span().line());
            if (!line.isEmpty()) {
                out.append("    ").append(line.replace('\t', ' ')).append('\n');
                int caretAt = Math.min(d.span().column() - 1, line.length());
                int width = Math.max(1, Math.min(d.span().length(), line.length() - caretAt));
                out.append("    ").append(" ".repeat(caretAt)).append('^')
                        .append("~".repeat(width - 1)).append('\n');
            }
        }
        return out.toString();
    }

    public static String json(List<Diagnostic> diagnostics, int errors, int warnings) {
        JsonObject root = new JsonObject();
        JsonArray items = new JsonArray();
        for (Diagnostic d : diagnostics) {
            JsonObject o = new JsonObject();
            o.addProperty("file", d.span().file().displayName());
            o.addProperty("line", d.span().line());
            o.addProperty("column", d.span().column());
            o.addProperty("length", d.span().length());
            o.addProperty("severity", d.severity().label());
            o.addProperty("code", d.code());
            o.addProperty("message", d.message());
            if (d.related() != null) {
                JsonObject r = new JsonObject();
                r.addProperty("file", d.related().file().displayName());
                r.addProperty("line", d.related().line());
                r.addProperty("column", d.related().column());
                o.add("related", r);
            }
            items.add(o);
        }
        root.add("diagnostics", items);
        root.addProperty("errors", errors);
        root.addProperty("warnings", warnings);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }
}
