package dev.inkan.properties.protocol;

import dev.inkan.properties.chain.ActionBuffer;
import dev.inkan.properties.chain.Property;
import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import dev.inkan.runtime.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays the events one sequence of a protocol fires, in the model: it searches the explored
 * states (breadth first, so the shortest way there comes first) and the values of the
 * protocol's parameters for a start from which every event is enabled at its turn and every
 * invariant holds after it.
 */
public final class ProtocolReplayer {
    /** A start that works: the stored state, the parameter values, and the whole chain from the initial state. */
    public record Found(int state, Map<String, String> binding, List<Action> chain, int prefix) {
    }

    /**
     * The outcome: found, or a violation met on the way (a property fails while replaying from
     * a reachable state: a real counterexample), or neither, with what got furthest.
     */
    public record Result(Found found, Property violated, String message, List<Action> violationTrace,
                         String furthest, int statesSearched) {
    }

    private record Resolved(Fired fired, int machine, ModelInfo.Event event, int[] instanceParam, int[] instanceFixed,
                            int[] argParam, int[] argFixed) {
    }

    private final Model model;
    private final ModelInfo info;
    private final List<Resolved> events = new ArrayList<>();
    private final List<String> params = new ArrayList<>();
    private final List<ValueType> paramTypes = new ArrayList<>();

    public ProtocolReplayer(Model model, List<Fired> fired) {
        this.model = model;
        this.info = model.info();
        int[] sizes = model.domainSizes();
        for (Fired f : fired) {
            ModelInfo.Machine m = info.machine(f.machine());
            ModelInfo.Event e = info.event(f.machine(), f.event());
            if (e.internal()) {
                throw new IllegalArgumentException(f + " fires internal event " + f.machine() + "." + f.event()
                        + ", which only arrives through emit: fire the external event that emits it");
            }
            if (f.instance().size() != m.params().size() || f.args().size() != e.params().size()) {
                throw new IllegalArgumentException(f + " does not match " + m.name() + "'s parameters or "
                        + e.name() + "'s: the generated suite is stale, run ./inkan spec generate");
            }
            int[] ip = new int[f.instance().size()];
            int[] ifx = new int[f.instance().size()];
            for (int i = 0; i < ip.length; i++) {
                ip[i] = resolve(f.instance().get(i), m.params().get(i).type(), sizes, ifx, i);
            }
            int[] ap = new int[f.args().size()];
            int[] afx = new int[f.args().size()];
            for (int i = 0; i < ap.length; i++) {
                ap[i] = resolve(f.args().get(i), e.params().get(i).type(), sizes, afx, i);
            }
            events.add(new Resolved(f, m.index(), e, ip, ifx, ap, afx));
        }
    }

    /** The parameter index of a param term (-1 for a value, kept in fixed, -2 for any). */
    private int resolve(Term t, ValueType type, int[] sizes, int[] fixed, int i) {
        if (t instanceof Term.Param p) {
            int k = params.indexOf(p.name());
            if (k < 0) {
                params.add(p.name());
                paramTypes.add(type);
                return params.size() - 1;
            }
            if (!sameKind(paramTypes.get(k), type)) {
                throw new IllegalArgumentException("protocol parameter " + p.name() + " is used as "
                        + describe(paramTypes.get(k)) + " and as " + describe(type));
            }
            return k;
        }
        if (t instanceof Term.Value v) {
            fixed[i] = ModelText.parseValue(type, v.text(), sizes);
            return -1;
        }
        return -2;
    }

    private static boolean sameKind(ValueType a, ValueType b) {
        return a.kind() == b.kind() && a.domain() == b.domain() && a.names().equals(b.names()) && a.lo() == b.lo();
    }

    private static String describe(ValueType t) {
        return t.kind() == ValueType.Kind.DOMAIN || t.kind() == ValueType.Kind.ENUM ? t.names().toString()
                : t.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How one try from one state with one binding went. */
    private record Attempt(int reached, List<Action> actions, Property violated, String message) {
        boolean complete(int size) {
            return violated == null && reached == size;
        }
    }

    /**
     * Every way the sequence replays from a state (one per parameter binding that works), as the
     * actions of the sequence; empty when none does. Stops at a violation (it is not a replay).
     */
    public List<List<Action>> replays(byte[] start) {
        List<List<Action>> out = new ArrayList<>();
        int[] binding = new int[params.size()];
        long combos = combos();
        for (long c = 0; c < combos; c++) {
            bind(c, binding);
            Attempt a = attempt(start, binding);
            if (a.complete(events.size())) {
                out.add(a.actions());
            }
        }
        return out;
    }

    /** Searches the first {@code maxStates} explored states, then the deep states reached through protocols. */
    public Result search(Exploration ex, int maxStates, DeepStates deep) {
        Result r = search(ex, maxStates);
        if (r.found() != null || r.violated() != null || deep == null) {
            return r;
        }
        int[] binding = new int[params.size()];
        long combos = combos();
        int best = -1;
        String furthest = r.furthest();
        for (int i = 0; i < deep.size(); i++) {
            byte[] start = deep.state(i);
            if (model.violatedInvariant(start) >= 0) {
                continue;
            }
            for (long c = 0; c < combos; c++) {
                bind(c, binding);
                Attempt a = attempt(start, binding);
                if (a.violated() != null || a.complete(events.size())) {
                    List<Action> chain = new ArrayList<>(deep.chain(i));
                    int prefix = chain.size();
                    chain.addAll(a.actions());
                    return a.violated() != null
                            ? new Result(null, a.violated(), a.message(), chain, null, r.statesSearched() + i + 1)
                            : new Result(new Found(-1, bindingText(binding), chain, prefix), null, null, null, null,
                            r.statesSearched() + i + 1);
                }
                if (a.reached() > best && a.reached() > 0) {
                    best = a.reached();
                    furthest = "after " + best + " event(s), " + events.get(best).fired() + " with "
                            + bindingText(binding) + " from a state reached through " + deep.via(i)
                            + ", is never enabled";
                }
            }
        }
        return new Result(null, null, null, null, furthest, r.statesSearched() + deep.size());
    }

    /** Searches the first {@code maxStates} explored states. */
    public Result search(Exploration ex, int maxStates) {
        int limit = Math.min(ex.stateCount(), maxStates);
        byte[] start = new byte[model.stateSize()];
        int[] binding = new int[params.size()];
        long combos = combos();
        int best = -1;
        String furthest = "no explored state";
        for (int id = 0; id < limit; id++) {
            ex.state(id, start);
            if (model.violatedInvariant(start) >= 0) {
                continue; // a counterexample of its own, which the invariant's suite reports
            }
            for (long c = 0; c < combos; c++) {
                bind(c, binding);
                Attempt a = attempt(start, binding);
                if (a.violated() != null || a.complete(events.size())) {
                    return concretely(ex, id, a);
                }
                if (a.reached() > best) {
                    best = a.reached();
                    furthest = (best == 0 ? "the first event, " : "after " + best + " event(s), ")
                            + events.get(best).fired() + " with " + bindingText(binding) + ", is never enabled";
                }
            }
        }
        return new Result(null, null, null, null, furthest, limit);
    }

    private long combos() {
        int[] sizes = model.domainSizes();
        long combos = 1;
        for (ValueType t : paramTypes) {
            combos *= t.cardinality(sizes);
        }
        return combos;
    }

    private void bind(long c, int[] binding) {
        int[] sizes = model.domainSizes();
        long rest = c;
        for (int k = params.size() - 1; k >= 0; k--) {
            int card = paramTypes.get(k).cardinality(sizes);
            binding[k] = (int) (rest % card) + paramTypes.get(k).first();
            rest /= card;
        }
    }

    private Attempt attempt(byte[] start, int[] binding) {
        byte[] cur = start.clone();
        ActionBuffer buffer = new ActionBuffer();
        List<Action> actions = new ArrayList<>();
        for (int j = 0; j < events.size(); j++) {
            Action a = pick(events.get(j), binding, cur, buffer);
            if (a == null) {
                return new Attempt(j, actions, null, null);
            }
            actions.add(a);
            Outcome o = model.step(cur, a, StepObserver.NONE);
            if (!o.ok()) {
                return new Attempt(j, actions, Property.ofOutcome(info, o), o.message());
            }
            int inv = model.violatedInvariant(cur);
            if (inv >= 0) {
                ModelInfo.Invariant i = info.invariants().get(inv);
                return new Attempt(j, actions, Property.invariant(i.name()), "invariant " + i.name() + " ("
                        + i.location() + ") does not hold");
            }
        }
        return new Attempt(events.size(), actions, null, null);
    }

    /**
     * The stored state is a canonical form; the shortest path reaches a renaming of it. The same
     * outcome exists there under the renamed parameter values: find those, so the whole chain is
     * concrete and replays from the initial state.
     */
    private Result concretely(Exploration ex, int id, Attempt onStored) {
        List<Action> path = ex.pathTo(id);
        byte[] concrete = model.initialState();
        for (Action a : path) {
            model.step(concrete, a, StepObserver.NONE);
        }
        int[] binding = new int[params.size()];
        long combos = combos();
        for (long c = 0; c < combos; c++) {
            bind(c, binding);
            Attempt a = attempt(concrete, binding);
            if (onStored.violated() != null && onStored.violated().equals(a.violated())) {
                List<Action> trace = new ArrayList<>(path);
                trace.addAll(a.actions());
                return new Result(null, a.violated(), a.message(), trace, null, id + 1);
            }
            if (onStored.violated() == null && a.complete(events.size())) {
                List<Action> all = new ArrayList<>(path);
                all.addAll(a.actions());
                return new Result(new Found(id, bindingText(binding), all, path.size()), null, null, null, null, id + 1);
            }
        }
        throw new IllegalStateException("a renaming of stored state " + id + " does not replay the protocol alike");
    }

    /** The action for event r under the binding in the current state, or null when it is not enabled. */
    private Action pick(Resolved r, int[] binding, byte[] state, ActionBuffer buffer) {
        int[] ip = new int[r.instanceParam().length];
        boolean anyInstance = false;
        for (int i = 0; i < ip.length; i++) {
            int k = r.instanceParam()[i];
            ip[i] = k >= 0 ? binding[k] : r.instanceFixed()[i];
            anyInstance |= k == -2;
        }
        int[] args = new int[r.argParam().length];
        boolean anyArg = false;
        for (int i = 0; i < args.length; i++) {
            int k = r.argParam()[i];
            args[i] = k >= 0 ? binding[k] : r.argFixed()[i];
            anyArg |= k == -2;
        }
        if (!anyInstance && !anyArg) {
            Action a = new Action(r.event().id(), model.instanceOf(r.machine(), ip), args);
            byte[] probe = state.clone();
            return model.step(probe, a, StepObserver.NONE).kind() == Outcome.Kind.NOT_ENABLED ? null : a;
        }
        buffer.fill(model, state);
        for (int b = 0; b < buffer.size(); b++) {
            if (buffer.event(b) != r.event().id()) {
                continue;
            }
            int[] actual = model.instanceParams(r.machine(), buffer.instance(b));
            boolean match = true;
            for (int i = 0; i < ip.length && match; i++) {
                match = r.instanceParam()[i] == -2 || actual[i] == ip[i];
            }
            for (int i = 0; i < args.length && match; i++) {
                match = r.argParam()[i] == -2 || buffer.arg(b, i) == args[i];
            }
            if (match) {
                return buffer.action(b);
            }
        }
        return null;
    }

    private Map<String, String> bindingText(int[] binding) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int k = 0; k < params.size(); k++) {
            out.put(params.get(k), paramTypes.get(k).format(binding[k]));
        }
        return out;
    }
}
