package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** A PIN of an applet: its try limit, length and alphabet, and the model machine it follows. */
public final class PinDef extends Element {
    public enum Charset { DIGITS, UPPER_ALNUM, ANY }

    private final int index;
    private final int tries;
    private final int minLength;
    private final int maxLength;
    private final Charset charset;
    private MachineDef model;
    private List<Expr> modelArgs = List.of();

    public PinDef(String name, Span span, int index, int tries, int minLength, int maxLength, Charset charset) {
        super(name, span);
        this.index = index;
        this.tries = tries;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.charset = charset;
    }

    public int index() {
        return index;
    }

    public int tries() {
        return tries;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public Charset charset() {
        return charset;
    }

    public MachineDef model() {
        return model;
    }

    public List<Expr> modelArgs() {
        return modelArgs;
    }

    public void setModel(MachineDef model, List<Expr> args) {
        this.model = model;
        this.modelArgs = args;
    }
}
