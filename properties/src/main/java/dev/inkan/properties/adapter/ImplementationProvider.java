package dev.inkan.properties.adapter;

import dev.inkan.runtime.model.ModelInfo;

/**
 * Makes implementations for the harness; adapters register one in
 * {@code META-INF/services/dev.inkan.properties.adapter.ImplementationProvider} and are chosen
 * with {@code -Dinkan.impl=NAME}.
 */
public interface ImplementationProvider {
    String name();

    /** Whether it can stand behind this model (it knows the machines the model declares). */
    boolean supports(ModelInfo info);

    Implementation create();
}
