package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Checked, typed, immutable expressions. Values are ints (see {@link Type}). */
public sealed interface Expr {
    Span span();

    Type type();

    /** A literal: bool (0/1), int, enum member index, or -1 for {@code none}. */
    record Const(Span span, Type type, int value) implements Expr {
    }

    /** Reads a parameter, state variable, event parameter or binder. */
    record Read(Span span, Variable variable) implements Expr {
        @Override
        public Type type() {
            return variable.type();
        }
    }

    /** {@code Machine(args)}: one instance of a machine. */
    record Instance(Span span, MachineDef machine, List<Expr> args) implements Expr {
        @Override
        public Type type() {
            return new Type.Instance(machine);
        }
    }

    /** {@code self} inside a machine. */
    record Self(Span span, MachineDef machine) implements Expr {
        @Override
        public Type type() {
            return new Type.Instance(machine);
        }
    }

    /** {@code instance.var}. */
    record InstanceVar(Span span, Expr instance, Variable variable) implements Expr {
        @Override
        public Type type() {
            return variable.type();
        }
    }

    /** {@code instance in {S1, S2}} (or not in). */
    record InState(Span span, Expr instance, List<StateDef> states, boolean negated) implements Expr {
        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    /** {@code value in {A, B}} for enum values (members as indexes). */
    record InSet(Span span, Expr value, List<Integer> members, boolean negated) implements Expr {
        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    record Unary(Span span, Type type, String op, Expr operand) implements Expr {
    }

    record Binary(Span span, Type type, String op, Expr left, Expr right) implements Expr {
    }

    record Conditional(Span span, Type type, Expr cond, Expr thenValue, Expr elseValue) implements Expr {
    }

    record Quantified(Span span, boolean universal, List<Variable> binders, Expr body) implements Expr {
        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    record Count(Span span, List<Variable> binders, Expr body) implements Expr {
        @Override
        public Type type() {
            return new Type.Int(0, Type.Int.UNBOUNDED);
        }
    }

    record Call(Span span, FunctionDef function, List<Expr> args) implements Expr {
        @Override
        public Type type() {
            return function.result();
        }
    }

    /** Stands for an expression that had an error. */
    record Invalid(Span span) implements Expr {
        @Override
        public Type type() {
            return Type.ERROR;
        }
    }
}
