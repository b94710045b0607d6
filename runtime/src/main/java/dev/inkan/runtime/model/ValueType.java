package dev.inkan.runtime.model;

import java.util.List;

/**
 * The type of a parameter or variable of the executable model, as metadata: enough to draw
 * values, print them and permute domain elements. Values are ints; {@code none} is -1.
 */
public record ValueType(Kind kind, int lo, int hi, List<String> names, int domain, boolean optional) {
    public enum Kind { BOOL, INT, ENUM, DOMAIN }

    public static ValueType bool() {
        return new ValueType(Kind.BOOL, 0, 1, List.of(), -1, false);
    }

    public static ValueType range(int lo, int hi) {
        return new ValueType(Kind.INT, lo, hi, List.of(), -1, false);
    }

    public static ValueType enumeration(List<String> names, boolean optional) {
        return new ValueType(Kind.ENUM, 0, names.size() - 1, List.copyOf(names), -1, optional);
    }

    public static ValueType domain(int domain, String name, boolean optional) {
        return new ValueType(Kind.DOMAIN, 0, -1, List.of(name), domain, optional);
    }

    /** Smallest value; -1 (none) for optional types. */
    public int first() {
        return optional ? -1 : lo;
    }

    /** Largest value, given the domain sizes. */
    public int last(int[] domainSizes) {
        return kind == Kind.DOMAIN ? domainSizes[domain] - 1 : hi;
    }

    public int cardinality(int[] domainSizes) {
        return last(domainSizes) - lo + 1 + (optional ? 1 : 0);
    }

    /** The value as a spec author writes it. */
    public String format(int value) {
        if (value == -1 && optional) {
            return "none";
        }
        return switch (kind) {
            case BOOL -> value != 0 ? "true" : "false";
            case INT -> Integer.toString(value);
            case ENUM -> value >= 0 && value < names.size() ? names.get(value) : "?" + value;
            case DOMAIN -> names.get(0).toLowerCase(java.util.Locale.ROOT) + (value + 1);
        };
    }
}
