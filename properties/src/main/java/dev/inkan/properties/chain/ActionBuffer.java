package dev.inkan.properties.chain;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.ActionSink;
import dev.inkan.runtime.model.Model;
import java.util.Arrays;

/** The enabled actions of one state, collected without allocating per action. */
public final class ActionBuffer implements ActionSink {
    private int[] events = new int[64];
    private int[] instances = new int[64];
    /** Per action: the transition it is known to take without changing anything, or -1 (see {@link ActionSink#loop}). */
    private int[] loops = new int[64];
    private int[] argStart = new int[65];
    private int[] args = new int[256];
    private int size;
    private int[][] scratch = new int[4][];

    /** Collects the enabled actions of a state (replacing what was there). */
    public ActionBuffer fill(Model model, byte[] state) {
        size = 0;
        argStart[0] = 0;
        model.enabled(state, this);
        return this;
    }

    @Override
    public void accept(int event, int instance, int[] a) {
        if (size == events.length) {
            events = Arrays.copyOf(events, size * 2);
            instances = Arrays.copyOf(instances, size * 2);
            loops = Arrays.copyOf(loops, size * 2);
            argStart = Arrays.copyOf(argStart, size * 2 + 1);
        }
        int start = argStart[size];
        if (start + a.length > args.length) {
            args = Arrays.copyOf(args, Math.max(args.length * 2, start + a.length));
        }
        System.arraycopy(a, 0, args, start, a.length);
        events[size] = event;
        instances[size] = instance;
        loops[size] = -1;
        argStart[size + 1] = start + a.length;
        size++;
    }

    @Override
    public void loop(int event, int instance, int[] a, int transition) {
        accept(event, instance, a);
        loops[size - 1] = transition;
    }

    /**
     * The transition action i is known to take while changing nothing, or -1 when only
     * stepping it tells what it does.
     */
    public int loopTransition(int i) {
        return loops[i];
    }

    public int size() {
        return size;
    }

    public int event(int i) {
        return events[i];
    }

    public int instance(int i) {
        return instances[i];
    }

    public int arity(int i) {
        return argStart[i + 1] - argStart[i];
    }

    public int arg(int i, int k) {
        return args[argStart[i] + k];
    }

    /**
     * The arguments of action i in an array owned by the buffer (one per arity, overwritten by
     * the next call): for stepping without allocating.
     */
    public int[] args(int i) {
        int n = arity(i);
        if (n >= scratch.length) {
            scratch = Arrays.copyOf(scratch, n + 1);
        }
        int[] out = scratch[n];
        if (out == null) {
            out = new int[n];
            scratch[n] = out;
        }
        System.arraycopy(args, argStart[i], out, 0, n);
        return out;
    }

    public Action action(int i) {
        return new Action(events[i], instances[i], Arrays.copyOfRange(args, argStart[i], argStart[i + 1]));
    }

    /** Whether the buffer holds this action. */
    public boolean contains(Action a) {
        for (int i = 0; i < size; i++) {
            if (events[i] == a.event() && instances[i] == a.instance() && arity(i) == a.args().length) {
                boolean same = true;
                for (int k = 0; k < arity(i) && same; k++) {
                    same = args[argStart[i] + k] == a.arg(k);
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }
}
