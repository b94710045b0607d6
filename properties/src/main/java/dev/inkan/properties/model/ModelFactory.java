package dev.inkan.properties.model;

import dev.inkan.runtime.model.Model;

/** Builds a model for given domain sizes (in the order of {@code ModelInfo.domains()}). */
@FunctionalInterface
public interface ModelFactory {
    Model create(int[] domainSizes);
}
