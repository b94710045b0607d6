package dev.inkan.generator.parse;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.diag.Span;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Rewrites ANTLR's messages into short ones a spec author can act on. */
final class SyntaxErrorListener extends BaseErrorListener {
    private final SourceFile file;
    private final Diagnostics diagnostics;
    private int count;

    SyntaxErrorListener(SourceFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String msg,
                            RecognitionException e) {
        count++;
        int length = 1;
        String found = null;
        if (offendingSymbol instanceof Token t) {
            if (t.getType() == Token.EOF) {
                found = "end of file";
            } else {
                found = "'" + printable(t.getText()) + "'";
                length = Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
            }
        }
        diagnostics.syntax(new Span(file, line, column + 1, length), rewrite(msg, found));
    }

    static String rewrite(String msg, String found) {
        String expecting = null;
        int at = msg.indexOf(" expecting ");
        if (at >= 0) {
            expecting = msg.substring(at + " expecting ".length());
            if (expecting.startsWith("{") && expecting.split(",").length > 5) {
                expecting = null;
            }
        }
        if (msg.startsWith("missing ")) {
            String what = msg.substring("missing ".length(), msg.indexOf(" at "));
            return "missing " + what + (found != null ? " before " + found : "");
        }
        if (found != null && found.startsWith("'") && found.length() == 3 && !Character.isLetterOrDigit(found.charAt(1))
                && msg.contains("token recognition")) {
            return "unexpected character " + found;
        }
        String head = found == null ? "syntax error" : "unexpected " + found;
        return expecting == null ? head : head + ", expected " + expecting.replace("<EOF>", "end of file");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        String text = out.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
