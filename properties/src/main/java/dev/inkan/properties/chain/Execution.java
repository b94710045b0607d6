package dev.inkan.properties.chain;

import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.adapter.ModelOnly;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import java.util.List;

/**
 * One chain being run: the model and the implementation side by side. Each {@link #apply}
 * steps the model, performs the action on the implementation, then checks the invariants, the
 * monitors (through the step's outcome) and the correspondence.
 */
public final class Execution {
    /** How a step went. */
    public enum Status {
        OK,
        /** The action is not enabled in the model's state: the chain is not valid here. */
        NOT_ENABLED,
        /** A checked property failed. */
        VIOLATED,
        /** A property this run does not check failed: the chain cannot go on, but it did not fail. */
        STOPPED
    }

    public record StepResult(Status status, Violation violation, boolean probe) {
        static final StepResult OK = new StepResult(Status.OK, null, false);
        static final StepResult PROBED = new StepResult(Status.OK, null, true);

        public StepResult(Status status, Violation violation) {
            this(status, violation, false);
        }
        static final StepResult NOT_ENABLED = new StepResult(Status.NOT_ENABLED, null, false);
    }

    private final Model model;
    private final ModelInfo info;
    private final Implementation implementation;
    private final boolean modelOnly;
    private final Checks checks;
    private final StepObserver observer;
    private final int[] invariants;
    private byte[] state;
    private int step;

    public Execution(Model model, Implementation implementation, Checks checks, StepObserver observer) {
        this.model = model;
        this.info = model.info();
        this.implementation = implementation;
        this.modelOnly = implementation instanceof ModelOnly;
        this.checks = checks;
        this.observer = observer == null ? StepObserver.NONE : observer;
        this.invariants = checks.invariants();
    }

    public Model model() {
        return model;
    }

    public Implementation implementation() {
        return implementation;
    }

    /** The model's current state (live: do not change it). */
    public byte[] state() {
        return state;
    }

    /** Steps taken since the reset. */
    public int steps() {
        return step;
    }

    /** Starts a chain; a violation here means the initial state already fails (step -1). */
    public StepResult reset() {
        state = model.initialState();
        step = 0;
        if (!modelOnly) {
            try {
                implementation.reset(model);
            } catch (RuntimeException e) {
                return violated(Property.correspondence(implementation.name()), "reset failed: " + e, -1);
            }
        }
        for (int i : invariants) {
            if (!model.invariantHolds(i, state)) {
                return violated(Property.invariant(info.invariants().get(i).name()),
                        "the initial state violates it", -1);
            }
        }
        return correspondence(-1);
    }

    /**
     * Runs a start prefix right after {@link #reset}: the model takes every step as usual; the
     * implementation restores the state a checked real run of the prefix left
     * ({@link Implementation#restore}), or runs it step by step and may remember it.
     */
    public StepResult applyPrefix(List<Action> prefix) {
        if (modelOnly || step != 0 || !implementation.restore(model, prefix)) {
            StepResult r = StepResult.OK;
            for (Action a : prefix) {
                r = apply(a);
                if (r.status() != Status.OK) {
                    return r;
                }
            }
            if (!modelOnly) {
                implementation.remember(model, prefix);
            }
            return r;
        }
        for (Action a : prefix) {
            int at = step;
            Outcome outcome = model.step(state, a, observer);
            if (outcome.kind() == Outcome.Kind.NOT_ENABLED) {
                return StepResult.NOT_ENABLED;
            }
            step++;
            if (!outcome.ok()) {
                Property p = propertyOf(outcome);
                return checks.covers(p, info) ? violated(p, outcome.message(), at)
                        : new StepResult(Status.STOPPED, new Violation(p, outcome.message(), at));
            }
            for (int i : invariants) {
                if (!model.invariantHolds(i, state)) {
                    ModelInfo.Invariant inv = info.invariants().get(i);
                    return violated(Property.invariant(inv.name()), "invariant " + inv.name() + " (" + inv.location()
                            + ") does not hold", at);
                }
            }
        }
        return correspondence(step - 1);
    }

    public StepResult apply(Action action) {
        int at = step;
        Outcome outcome = model.step(state, action, observer);
        if (outcome.kind() == Outcome.Kind.NOT_ENABLED) {
            if (modelOnly || !implementation.probes(model, action, state)) {
                return StepResult.NOT_ENABLED;
            }
            step++;
            Implementation.Response r;
            try {
                r = implementation.probe(model, action, state);
            } catch (RuntimeException e) {
                r = Implementation.Response.refused("threw " + e);
            }
            if (r.accepted()) {
                return violated(Property.correspondence(implementation.name()), "the model refuses "
                        + ModelText.action(model, action) + " here, the implementation accepted it: " + r.detail(), at);
            }
            StepResult c = correspondence(at);
            return c.status() == Status.OK ? StepResult.PROBED : c;
        }
        step++;
        if (!outcome.ok()) {
            Property p = propertyOf(outcome);
            return checks.covers(p, info) ? violated(p, outcome.message(), at)
                    : new StepResult(Status.STOPPED, new Violation(p, outcome.message(), at));
        }
        if (!modelOnly) {
            Implementation.Response r;
            try {
                r = implementation.apply(model, action, state);
            } catch (RuntimeException e) {
                r = Implementation.Response.refused("threw " + e);
            }
            if (!r.accepted() && checks.correspondence()) {
                return violated(Property.correspondence(implementation.name()), "the model takes "
                        + ModelText.action(model, action) + ", the implementation refused it: " + r.detail(), at);
            }
        }
        for (int i : invariants) {
            if (!model.invariantHolds(i, state)) {
                ModelInfo.Invariant inv = info.invariants().get(i);
                return violated(Property.invariant(inv.name()), "invariant " + inv.name() + " (" + inv.location()
                        + ") does not hold", at);
            }
        }
        return correspondence(at);
    }

    private StepResult correspondence(int at) {
        if (modelOnly || !checks.correspondence()) {
            return StepResult.OK;
        }
        List<String> diff;
        try {
            diff = implementation.compare(model, state);
        } catch (RuntimeException e) {
            diff = List.of("observing the implementation threw " + e);
        }
        if (diff.isEmpty()) {
            return StepResult.OK;
        }
        return violated(Property.correspondence(implementation.name()), "model and implementation differ: "
                + String.join("; ", diff), at);
    }

    private static StepResult violated(Property p, String message, int at) {
        return new StepResult(Status.VIOLATED, new Violation(p, message, at));
    }

    /** The property a failed step outcome names. */
    public Property propertyOf(Outcome outcome) {
        return Property.ofOutcome(info, outcome);
    }
}
