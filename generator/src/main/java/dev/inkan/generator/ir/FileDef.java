package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;

/** An elementary file of an applet, with what selecting and reading it requires. */
public final class FileDef extends Element {
    public enum Kind { DATA, KEY, PIN }

    public enum Access { FREE, PIN, NEVER }

    private final int index;
    private final int fid;
    private final Kind kind;
    private final Access access;
    private final PinDef pin;
    private final int size;

    public FileDef(String name, Span span, int index, int fid, Kind kind, Access access, PinDef pin, int size) {
        super(name, span);
        this.index = index;
        this.fid = fid;
        this.kind = kind;
        this.access = access;
        this.pin = pin;
        this.size = size;
    }

    public int index() {
        return index;
    }

    public int fid() {
        return fid;
    }

    public Kind kind() {
        return kind;
    }

    public Access access() {
        return access;
    }

    /** For a key file, the PIN that authorises its use; for a PIN file, that PIN; for data, the read PIN. */
    public PinDef pin() {
        return pin;
    }

    /** Maximum content size in bytes (0 = the back end's default). */
    public int size() {
        return size;
    }
}
