package dev.inkan.generator.ir;

/**
 * Types of the DSL. Every type a state variable or event parameter may have is finite; values
 * are ints at run time: bool 0/1, an int itself, an enum member's or a domain element's index,
 * and -1 for {@code none} of an optional type.
 */
public sealed interface Type {
    String display();

    /** Whether values of this type may be enumerated (quantifiers, event parameters, state). */
    default boolean finite() {
        return true;
    }

    record Bool() implements Type {
        @Override
        public String display() {
            return "bool";
        }
    }

    /** A bounded int; arithmetic widens the bounds, assignment checks them at run time. */
    record Int(long lo, long hi) implements Type {
        public static final long UNBOUNDED = Integer.MAX_VALUE;

        @Override
        public String display() {
            return hi >= UNBOUNDED || lo <= -UNBOUNDED ? "int" : lo + ".." + hi;
        }

        @Override
        public boolean finite() {
            return hi < UNBOUNDED && lo > -UNBOUNDED && hi - lo < 256;
        }
    }

    record Enum(EnumDef def) implements Type {
        @Override
        public String display() {
            return def.name();
        }
    }

    record Domain(DomainDef def) implements Type {
        @Override
        public String display() {
            return def.name();
        }
    }

    record Optional(Type inner) implements Type {
        @Override
        public String display() {
            return inner.display() + "?";
        }
    }

    /** What {@code Machine(args)} denotes: one instance, whose state and variables can be read. */
    record Instance(MachineDef def) implements Type {
        @Override
        public String display() {
            return "instance of " + def.name();
        }

        @Override
        public boolean finite() {
            return false;
        }
    }

    /** A byte of a command header or payload (command parameters only). */
    record Byte() implements Type {
        @Override
        public String display() {
            return "byte";
        }
    }

    /** A byte string (command data only). */
    record Bytes() implements Type {
        @Override
        public String display() {
            return "bytes";
        }

        @Override
        public boolean finite() {
            return false;
        }
    }

    /** The type of {@code none} before it meets an optional type. */
    record None() implements Type {
        @Override
        public String display() {
            return "none";
        }
    }

    /** Stands for an expression that already had an error, so it causes no second one. */
    record Error() implements Type {
        @Override
        public String display() {
            return "<error>";
        }
    }

    Type BOOL = new Bool();
    Type BYTE = new Byte();
    Type BYTES = new Bytes();
    Type NONE = new None();
    Type ERROR = new Error();

    static boolean isInt(Type t) {
        return t instanceof Int || t instanceof Byte;
    }

    /** Whether a value of {@code from} may be stored where {@code to} is expected. */
    static boolean assignable(Type from, Type to) {
        if (from instanceof Error || to instanceof Error) {
            return true;
        }
        if (isInt(from) && isInt(to)) {
            return true;
        }
        if (to instanceof Optional o) {
            return from instanceof None || from.equals(o.inner()) || from.equals(to);
        }
        return from.equals(to);
    }

    /** Whether two values may be compared with {@code ==}. */
    static boolean comparable(Type a, Type b) {
        return assignable(a, b) || assignable(b, a);
    }
}
