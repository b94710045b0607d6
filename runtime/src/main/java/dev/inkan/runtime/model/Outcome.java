package dev.inkan.runtime.model;

/** How a step ended: fine, or with a violation of the spec's semantics or of a monitor. */
public record Outcome(Kind kind, String message) {
    public enum Kind {
        OK,
        /** The action was not enabled (a harness bug or a stale replay file). */
        NOT_ENABLED,
        /** An emitted event no transition took and the target does not ignore. */
        UNHANDLED_EVENT,
        /** Emits kept feeding each other. */
        EMIT_LOOP,
        /** An assignment left a variable's range. */
        OUT_OF_RANGE,
        /** A monitor said {@code fail}. */
        MONITOR_FAILED
    }

    public static final Outcome OK = new Outcome(Kind.OK, "");

    public boolean ok() {
        return kind == Kind.OK;
    }
}
