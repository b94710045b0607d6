package dev.inkan.properties.chain;

import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import java.util.Locale;

/** Something a chain or an exploration checks, and what a failure names. */
public record Property(Kind kind, String name) {
    public enum Kind {
        INVARIANT("invariant"),
        MONITOR("monitor"),
        /** The DSL's step semantics: unhandled emitted events, emit loops, values out of range. */
        SEMANTICS("semantics"),
        /** The implementation does what the model does and shows the same state. */
        CORRESPONDENCE("correspondence"),
        /** A hot monitor state is left eventually. */
        LIVENESS("liveness");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static Property invariant(String name) {
        return new Property(Kind.INVARIANT, name);
    }

    public static Property monitor(String name) {
        return new Property(Kind.MONITOR, name);
    }

    public static Property liveness(String monitor) {
        return new Property(Kind.LIVENESS, monitor);
    }

    public static Property correspondence(String implementation) {
        return new Property(Kind.CORRESPONDENCE, implementation);
    }

    /** {@code unhandled-event}, {@code emit-loop}, {@code out-of-range}. */
    public static Property semantics(Outcome.Kind outcome) {
        return new Property(Kind.SEMANTICS, outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * The property a failed step outcome names: the monitor whose name its message starts with
     * ({@code Name(args): message} or {@code Name: message}), else the step semantics.
     */
    public static Property ofOutcome(ModelInfo info, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.MONITOR_FAILED) {
            String best = null;
            String msg = outcome.message();
            for (ModelInfo.Monitor m : info.monitors()) {
                int n = m.name().length();
                if (msg.startsWith(m.name()) && msg.length() > n && (msg.charAt(n) == '(' || msg.charAt(n) == ':')
                        && (best == null || n > best.length())) {
                    best = m.name();
                }
            }
            if (best != null) {
                return monitor(best);
            }
        }
        return semantics(outcome.kind());
    }

    /** {@code invariant NeverFive}, as {@link #toString} writes it. */
    public static Property parse(String text) {
        String t = text.trim();
        int sp = t.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("not 'kind name': " + text);
        }
        String word = t.substring(0, sp);
        for (Kind k : Kind.values()) {
            if (k.word.equals(word)) {
                return new Property(k, t.substring(sp + 1).trim());
            }
        }
        throw new IllegalArgumentException("unknown property kind " + word);
    }

    @Override
    public String toString() {
        return kind.word + " " + name;
    }
}
