package dev.inkan.runtime.model;

import java.util.Arrays;

/** An external event fired on one instance: what the environment does in one step. */
public record Action(int event, int instance, int[] args) {
    public Action {
        args = args.clone();
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    public int arg(int i) {
        return args[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Action a && a.event == event && a.instance == instance && Arrays.equals(a.args, args);
    }

    @Override
    public int hashCode() {
        return (event * 31 + instance) * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return "Action[event=" + event + ", instance=" + instance + ", args=" + Arrays.toString(args) + "]";
    }
}
