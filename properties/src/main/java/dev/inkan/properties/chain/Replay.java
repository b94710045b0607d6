package dev.inkan.properties.chain;

import dev.inkan.runtime.model.Action;
import java.util.List;

/** Runs a fixed chain from the start. */
public final class Replay {
    /**
     * How it went: OK (every step ran and every checked property held), NOT_ENABLED at
     * {@code step}, VIOLATED or STOPPED with the violation.
     */
    public record Result(Execution.Status status, Violation violation, int step) {
        public boolean failed() {
            return status == Execution.Status.VIOLATED;
        }
    }

    private Replay() {
    }

    public static Result run(Execution exec, List<Action> chain) {
        return run(exec, chain, 0);
    }

    /**
     * With the first {@code prefix} actions a start prefix the implementation may restore
     * instead of running ({@link Execution#applyPrefix}).
     */
    public static Result run(Execution exec, List<Action> chain, int prefix) {
        Execution.StepResult r = exec.reset();
        if (r.status() != Execution.Status.OK) {
            return new Result(r.status(), r.violation(), -1);
        }
        int from = 0;
        if (prefix > 0 && prefix <= chain.size()) {
            r = exec.applyPrefix(chain.subList(0, prefix));
            if (r.status() != Execution.Status.OK) {
                return new Result(r.status(), r.violation(), r.violation() == null ? prefix - 1 : r.violation().step());
            }
            from = prefix;
        }
        for (int i = from; i < chain.size(); i++) {
            r = exec.apply(chain.get(i));
            if (r.status() != Execution.Status.OK) {
                return new Result(r.status(), r.violation(), i);
            }
        }
        return new Result(Execution.Status.OK, null, chain.size());
    }
}
