package dev.inkan.properties.protocol;

/**
 * An argument of an event a protocol fires: a protocol parameter ({@code param("ph")}), a value
 * as the spec writes it ({@code value("Auth")}, {@code value("3")}, {@code value("none")}), or
 * an expression the harness does not evaluate, which matches any value that enables the event
 * ({@code any("limit(k)")}).
 */
public sealed interface Term {
    record Param(String name) implements Term {
    }

    record Value(String text) implements Term {
    }

    record Any(String expression) implements Term {
    }

    static Term param(String name) {
        return new Param(name);
    }

    static Term value(String text) {
        return new Value(text);
    }

    static Term any(String expression) {
        return new Any(expression);
    }

    /** As the spec wrote it. */
    default String display() {
        if (this instanceof Param p) {
            return p.name();
        }
        if (this instanceof Value v) {
            return v.text();
        }
        return ((Any) this).expression();
    }
}
