package dev.inkan.properties.adapter;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system under test as the harness drives it. The model decides what may happen and what
 * should follow; an implementation does the same action for real and shows what it can of its
 * state. Adapters put the applet on jcardsim, the TSMs and the phone behind this interface;
 * {@link ModelOnly} stands in until they land.
 *
 * <p>Per chain the harness calls {@link #reset} once, then for every step: the model takes the
 * action, {@link #apply} performs it on the implementation, and {@link #compare} checks that
 * what the implementation shows matches the model's state. Any difference is a failure of the
 * correspondence property, shrunk and replayed like any other.
 */
public interface Implementation extends AutoCloseable {
    /** Short name for reports and failure files ({@code model-only}, {@code applet}...). */
    String name();

    /** Brings the implementation to the state that corresponds to the model's initial state. */
    void reset(Model model);

    /**
     * Performs an action the model has just taken; {@code modelStateAfter} is the model's state
     * after it (read it through {@code model}). An exception counts as a refusal.
     */
    Response apply(Model model, Action action, byte[] modelStateAfter);

    /**
     * What the implementation shows of its state, as facts named like {@link ModelFacts}:
     * {@code "Pin(phone1, Auth)" -> "Set"}, {@code "Pin(phone1, Auth).tries" -> "2"}. Only what
     * it can observe: a fact it leaves out is not compared.
     */
    Map<String, String> observe();

    /**
     * Differences between the model's state and the implementation's observation, one line
     * each; empty when they correspond. The default compares every observed fact with the
     * model's value of it.
     */
    default List<String> compare(Model model, byte[] modelState) {
        List<String> out = new ArrayList<>();
        ModelFacts facts = ModelFacts.of(model);
        for (Map.Entry<String, String> f : observe().entrySet()) {
            String expected = facts.value(modelState, f.getKey());
            if (expected == null) {
                out.add(f.getKey() + ": the model has no such fact (implementation shows " + f.getValue() + ")");
            } else if (!expected.equals(f.getValue())) {
                out.add(f.getKey() + ": model " + expected + ", implementation " + f.getValue());
            }
        }
        return out;
    }

    /**
     * Whether the implementation itself must refuse this action, which the model does not
     * enable in {@code modelState}: true only when the model's refusal is a check the
     * implementation makes (a locked key, a PIN not verified, no SCP03 session), not a policy of
     * an actor the adapter plays (the SP-TSM's decision which key to lock). The harness then
     * {@link #probe}s it. The default probes nothing.
     */
    default boolean probes(Model model, Action action, byte[] modelState) {
        return false;
    }

    /**
     * Attempts an action the model refuses (see {@link #probes}); the answer must be a refusal
     * that changes nothing. Accepted means the implementation did what the model forbids.
     */
    default Response probe(Model model, Action action, byte[] modelState) {
        return Response.refused("not probed");
    }

    /**
     * Right after {@link #reset}: brings the implementation to the state a real run of
     * {@code prefix} left it in, if it kept one ({@link #remember}); false when it did not, and the
     * harness runs the prefix step by step.
     */
    default boolean restore(Model model, List<Action> prefix) {
        return false;
    }

    /** Called after {@code prefix} ran for real from a reset, every step checked: the implementation may keep its state. */
    default void remember(Model model, List<Action> prefix) {
    }

    /** Releases what the implementation holds (cards, databases); the default holds nothing. */
    @Override
    default void close() {
    }

    /** What an implementation answered to an action. */
    record Response(boolean accepted, String detail) {
        public static final Response OK = new Response(true, "");

        public static Response refused(String detail) {
            return new Response(false, detail);
        }
    }
}
