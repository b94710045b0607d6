package dev.inkan.generator.resolve;

import dev.inkan.generator.diag.SourceFile;
import dev.inkan.generator.ir.MachineDef;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names visible inside one body: variables by name (several when two kinds of names clash, which
 * is an error only when the name is used), the machine {@code self} stands for, and what the body
 * may do.
 */
final class Scope {
    /** What a body is: decides which statements and reads are allowed. */
    enum Context { MACHINE, MONITOR, FUNCTION, INVARIANT, PROTOCOL, APPLET }

    final SourceFile file;
    final Context context;
    final MachineDef self;
    private final Scope parent;
    private final Map<String, List<Variable>> names = new LinkedHashMap<>();

    private Scope(SourceFile file, Context context, MachineDef self, Scope parent) {
        this.file = file;
        this.context = context;
        this.self = self;
        this.parent = parent;
    }

    static Scope root(SourceFile file, Context context, MachineDef self) {
        return new Scope(file, context, self, null);
    }

    /** A nested scope (quantifier or loop binders) whose names hide the outer ones. */
    Scope child() {
        return new Scope(file, context, self, this);
    }

    void add(Variable v) {
        names.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
    }

    /** The variables a name may denote, innermost scope first; empty when unknown. */
    List<Variable> lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            List<Variable> found = s.names.get(name);
            if (found != null) {
                return found;
            }
        }
        return List.of();
    }

    boolean readsState() {
        return context != Context.FUNCTION;
    }
}
