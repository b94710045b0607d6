package dev.inkan.properties.chain;

/** A property that failed at a step of a chain (0-based; -1 for the initial state). */
public record Violation(Property property, String message, int step) {
}
