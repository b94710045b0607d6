package dev.inkan.properties.adapter;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.Map;

/**
 * No implementation: every action is accepted and nothing is observed, so chains check the
 * model's own invariants, monitors and semantics. The default until real adapters land.
 */
public final class ModelOnly implements Implementation {
    public static final String NAME = "model-only";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(Model model) {
    }

    @Override
    public Response apply(Model model, Action action, byte[] modelStateAfter) {
        return Response.OK;
    }

    @Override
    public Map<String, String> observe() {
        return Map.of();
    }
}
