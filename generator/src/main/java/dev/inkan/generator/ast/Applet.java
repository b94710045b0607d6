package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Parts of an applet binding: PINs, elementary files and commands. */
public final class Applet {
    private Applet() {
    }

    public record Pin(Span span, List<Annotation> annotations, Name name, Integer tries, Integer minLength,
                      Integer maxLength, Name charset, Name modelMachine, List<Expr> modelArgs) {
    }

    public record File(Span span, List<Annotation> annotations, Name name, Integer fid, Span fidSpan, Name kind,
                       Name access, Name accessPin, Integer size) {
    }

    /** A header byte: a constant, {@code *} (any) or a command parameter. */
    public record HeaderValue(Span span, Integer constant, boolean any, Name param) {
    }

    public record Refusal(Span span, Name reason, int sw) {
    }

    public record Command(Span span, List<Annotation> annotations, Name name, List<Param> params,
                          HeaderValue cla, HeaderValue ins, HeaderValue p1, HeaderValue p2,
                          Name dataParam, byte[] dataConstant, boolean dataGiven, Integer le, boolean leNone,
                          Member.StateSet states, List<Name> secure, boolean secureGiven,
                          Name pin, boolean pinSelected, boolean pinGiven,
                          List<Refusal> refusals, Name event) {
    }
}
