package dev.inkan.properties.chain;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a failing chain small: first drops steps (halves, quarters, ... single steps), then
 * simplifies parameters (lower instances, lower argument values), and repeats until nothing
 * helps. A candidate is kept only when every one of its actions is enabled when replayed and it
 * still fails the same property; it is cut right after the step that fails.
 */
public final class Shrinker {
    private final Execution exec;
    private final Property target;
    private final int maxReplays;
    private final int prefix;
    private int replays;

    public Shrinker(Execution exec, Property target, int maxReplays) {
        this(exec, target, maxReplays, 0);
    }

    /**
     * Keeping the first {@code prefix} actions as they are: a start the chain was run from (a
     * protocol's steps, one macro step of the chain), which the implementation may restore
     * instead of running; only the steps after it are shrunk.
     */
    public Shrinker(Execution exec, Property target, int maxReplays, int prefix) {
        this.exec = exec;
        this.target = target;
        this.maxReplays = maxReplays;
        this.prefix = prefix;
    }

    /** Candidate chains replayed so far. */
    public int replays() {
        return replays;
    }

    /** The smallest chain found that still fails {@code target}; {@code chain} itself must fail it. */
    public List<Action> shrink(List<Action> chain) {
        List<Action> best = failing(chain);
        if (best == null) {
            throw new IllegalArgumentException("the chain does not fail " + target);
        }
        boolean changed = true;
        while (changed && replays < maxReplays) {
            changed = false;
            List<Action> dropped = dropSteps(best);
            if (dropped.size() < best.size()) {
                best = dropped;
                changed = true;
            }
            List<Action> renamed = prefix > 0 ? best : rename(best);
            if (renamed != best) {
                best = renamed;
                changed = true;
            }
            List<Action> simpler = simplify(best);
            if (simpler != best) {
                best = simpler;
                changed = true;
            }
        }
        return best;
    }

    /** The chain cut after its failing step when it fails the target, else null. */
    private List<Action> failing(List<Action> chain) {
        replays++;
        Replay.Result r = Replay.run(exec, chain, prefix);
        if (r.failed() && r.violation().property().equals(target)) {
            return r.step() + 1 < chain.size() ? List.copyOf(chain.subList(0, Math.max(0, r.step() + 1)))
                    : List.copyOf(chain);
        }
        return null;
    }

    private List<Action> dropSteps(List<Action> chain) {
        List<Action> best = chain;
        int keep = Math.min(prefix, chain.size());
        for (int chunk = Math.max(1, (best.size() - keep) / 2); chunk >= 1; chunk /= 2) {
            boolean progress = true;
            while (progress && replays < maxReplays) {
                progress = false;
                for (int from = keep; from < best.size() && replays < maxReplays; from += chunk) {
                    List<Action> candidate = new ArrayList<>(best.subList(0, from));
                    candidate.addAll(best.subList(Math.min(best.size(), from + chunk), best.size()));
                    if (candidate.isEmpty()) {
                        continue;
                    }
                    List<Action> f = failing(candidate);
                    if (f != null) {
                        best = f;
                        progress = true;
                        from -= chunk;
                    }
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        // steps that only make sense together (open and close, start and reset) at any offset
        for (int window = 2; window <= 4; window++) {
            boolean progress = true;
            while (progress && replays < maxReplays) {
                progress = false;
                for (int from = keep; from + window <= best.size() && replays < maxReplays; from++) {
                    List<Action> candidate = new ArrayList<>(best.subList(0, from));
                    candidate.addAll(best.subList(from + window, best.size()));
                    if (candidate.isEmpty()) {
                        continue;
                    }
                    List<Action> f = failing(candidate);
                    if (f != null) {
                        best = f;
                        progress = true;
                        window = 1;
                        break;
                    }
                }
            }
        }
        return best;
    }

    /**
     * Domain elements are interchangeable: swaps two elements of a domain throughout the chain,
     * so the failure is told with the first persons and phones. The same list when none helped.
     */
    private List<Action> rename(List<Action> chain) {
        Model model = exec.model();
        ModelInfo info = model.info();
        int[] sizes = model.domainSizes();
        List<Action> best = chain;
        for (ModelInfo.Domain d : info.domains()) {
            for (int hi = sizes[d.index()] - 1; hi > 0; hi--) {
                for (int lo = 0; lo < hi && replays < maxReplays; lo++) {
                    if (firstOf(best, d.index(), lo, hi, model) != hi) {
                        continue;
                    }
                    List<Action> candidate = new ArrayList<>();
                    for (Action a : best) {
                        candidate.add(swap(a, d.index(), lo, hi, model));
                    }
                    List<Action> f = failing(candidate);
                    if (f != null) {
                        best = f;
                        break;
                    }
                }
            }
        }
        return best;
    }

    /** Which of two elements the chain mentions first (so a swap that puts the lower first is progress), or -1. */
    private static int firstOf(List<Action> chain, int domain, int x, int y, Model model) {
        ModelInfo info = model.info();
        for (Action a : chain) {
            ModelInfo.Event e = info.events().get(a.event());
            ModelInfo.Machine m = info.machines().get(e.machine());
            int[] params = model.instanceParams(m.index(), a.instance());
            for (int i = 0; i < params.length; i++) {
                ValueType t = m.params().get(i).type();
                if (t.kind() == ValueType.Kind.DOMAIN && t.domain() == domain && (params[i] == x || params[i] == y)) {
                    return params[i];
                }
            }
            for (int i = 0; i < e.params().size(); i++) {
                ValueType t = e.params().get(i).type();
                if (t.kind() == ValueType.Kind.DOMAIN && t.domain() == domain && (a.arg(i) == x || a.arg(i) == y)) {
                    return a.arg(i);
                }
            }
        }
        return -1;
    }

    private static Action swap(Action a, int domain, int x, int y, Model model) {
        ModelInfo info = model.info();
        ModelInfo.Event e = info.events().get(a.event());
        ModelInfo.Machine m = info.machines().get(e.machine());
        int[] params = model.instanceParams(m.index(), a.instance());
        for (int i = 0; i < params.length; i++) {
            params[i] = swap(m.params().get(i).type(), domain, x, y, params[i]);
        }
        int[] args = a.args();
        for (int i = 0; i < args.length; i++) {
            args[i] = swap(e.params().get(i).type(), domain, x, y, args[i]);
        }
        return new Action(a.event(), model.instanceOf(m.index(), params), args);
    }

    private static int swap(ValueType t, int domain, int x, int y, int v) {
        if (t.kind() != ValueType.Kind.DOMAIN || t.domain() != domain) {
            return v;
        }
        return v == x ? y : v == y ? x : v;
    }

    /** One pass over the steps trying simpler instances and arguments; the same list when none helped. */
    private List<Action> simplify(List<Action> chain) {
        Model model = exec.model();
        ModelInfo info = model.info();
        int[] sizes = model.domainSizes();
        List<Action> best = chain;
        for (int i = Math.min(prefix, chain.size()); i < best.size() && replays < maxReplays; i++) {
            Action a = best.get(i);
            for (Action c : simpler(a, info, sizes)) {
                List<Action> candidate = new ArrayList<>(best);
                candidate.set(i, c);
                List<Action> f = failing(candidate);
                if (f != null) {
                    best = f;
                    break;
                }
                if (replays >= maxReplays) {
                    break;
                }
            }
        }
        return best;
    }

    /** Simpler versions of an action, simplest first: a lower instance, then lower argument values. */
    private static List<Action> simpler(Action a, ModelInfo info, int[] sizes) {
        List<Action> out = new ArrayList<>();
        for (int inst = 0; inst < a.instance(); inst++) {
            out.add(new Action(a.event(), inst, a.args()));
        }
        List<ModelInfo.Param> params = info.events().get(a.event()).params();
        for (int k = 0; k < params.size(); k++) {
            ValueType t = params.get(k).type();
            for (int v = t.first(); v < a.arg(k); v++) {
                int[] args = a.args();
                args[k] = v;
                out.add(new Action(a.event(), a.instance(), args));
            }
        }
        return out;
    }
}
