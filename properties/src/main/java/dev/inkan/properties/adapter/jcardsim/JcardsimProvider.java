package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.adapter.ImplementationProvider;
import dev.inkan.runtime.model.ModelInfo;

/** {@code -Dinkan.impl=jcardsim}: the SEs and the JPKI applet in process ({@link JcardsimSystem}). */
public final class JcardsimProvider implements ImplementationProvider {
    @Override
    public String name() {
        return JcardsimSystem.NAME;
    }

    @Override
    public boolean supports(ModelInfo info) {
        return ModelView.supports(info);
    }

    @Override
    public Implementation create() {
        return new JcardsimSystem();
    }
}
