package dev.inkan.properties.protocol;

import dev.inkan.properties.chain.ActionBuffer;
import dev.inkan.properties.explore.StateLayout;
import dev.inkan.properties.explore.Symmetry;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.StepObserver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * States breadth-first exploration does not reach within its bounds, reached through the flows
 * the spec describes: starting from the initial state, every protocol sequence that replays is
 * a step (preparation, then issuance, then revocation...), for a few rounds; then, from every
 * state met on the way, each enabled action repeated a few times (wrong PIN entries until the
 * PIN blocks); then a small breadth-first neighbourhood around every state met so far. Each state keeps the concrete
 * chain that reaches it from the initial state, so suites can run it on the implementation.
 */
public final class DeepStates {
    /** A state, the node it was reached from and by which action (null for the root), and how. */
    private record Node(int parent, Action action, byte[] state, String via) {
    }

    /**
     * Bounds: protocol rounds, states kept per round, how often one action is repeated from a
     * state of the flows, neighbourhood depth, and states in all.
     */
    public record Options(int rounds, int perRound, int repeats, int neighbourhood, int maxStates) {
        public static Options defaults() {
            return new Options(4, 300, 6, 3, 400_000);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> protocolEnds = new ArrayList<>();
    private final Set<ByteBuffer> seen = new HashSet<>();
    private final Model model;
    private final StateLayout layout;
    private final Symmetry symmetry;
    private final int[] firstTaking;
    private final long nanos;

    private DeepStates(Model model, List<ProtocolSequence> catalog, Options o) {
        long start = System.nanoTime();
        this.model = model;
        this.layout = StateLayout.of(model);
        this.symmetry = Symmetry.of(model, layout, 5040);
        this.firstTaking = new int[model.info().transitions().size()];
        Arrays.fill(firstTaking, -1);
        byte[] init = model.initialState();
        isNew(init);
        add(-1, null, init, "the initial state");
        Map<ProtocolSequence, ProtocolReplayer> replayers = new LinkedHashMap<>();
        for (ProtocolSequence s : catalog) {
            try {
                replayers.put(s, new ProtocolReplayer(model, s.events()));
            } catch (IllegalArgumentException e) {
                // a sequence that cannot be fired at all: its own suite reports it
            }
        }
        List<Integer> frontier = List.of(0);
        for (int round = 0; round < o.rounds() && nodes.size() < o.maxStates(); round++) {
            List<Integer> next = new ArrayList<>();
            // states in the middle of a flow start the next round too (a signature presented, then a
            // key replaced), after the ends of the flows
            List<Integer> middles = new ArrayList<>();
            for (int from : frontier) {
                for (Map.Entry<ProtocolSequence, ProtocolReplayer> e : replayers.entrySet()) {
                    for (List<Action> actions : e.getValue().replays(nodes.get(from).state())) {
                        int at = from;
                        boolean fresh = false;
                        for (int x = 0; x < actions.size(); x++) {
                            byte[] st = nodes.get(at).state().clone();
                            model.step(st, actions.get(x), StepObserver.NONE);
                            fresh = isNew(st);
                            at = add(at, actions.get(x), st, e.getKey().toString());
                            if (fresh && x < actions.size() - 1) {
                                middles.add(at);
                            }
                        }
                        if (fresh && next.size() < o.perRound()) {
                            next.add(at);
                            protocolEnds.add(at);
                        }
                    }
                }
            }
            // with a quota of their own: the ends of a round's many flows would otherwise crowd them out
            for (int m = 0; m < middles.size() && m < o.perRound(); m++) {
                next.add(middles.get(m));
            }
            frontier = next;
        }
        // the same action again and again from every state of the flows (wrong PINs until blocked...)
        ActionBuffer buffer = new ActionBuffer();
        int flows = nodes.size();
        for (int i = 0; i < flows && nodes.size() < o.maxStates(); i++) {
            buffer.fill(model, nodes.get(i).state());
            List<Action> actions = new ArrayList<>();
            for (int k = 0; k < buffer.size(); k++) {
                actions.add(buffer.action(k));
            }
            for (Action a : actions) {
                int at = i;
                for (int r = 0; r < o.repeats() && nodes.size() < o.maxStates(); r++) {
                    byte[] t = nodes.get(at).state().clone();
                    if (!model.step(t, a, StepObserver.NONE).ok() || !isNew(t)) {
                        break;
                    }
                    at = add(at, a, t, "the same step again after " + nodes.get(i).via());
                }
            }
        }
        // a small neighbourhood of every state met so far, level by level, so each gets its first level
        List<Integer> level = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            level.add(i);
        }
        for (int d = 0; d < o.neighbourhood() && nodes.size() < o.maxStates(); d++) {
            List<Integer> nextLevel = new ArrayList<>();
            for (int n : level) {
                byte[] s = nodes.get(n).state();
                buffer.fill(model, s);
                for (int k = 0; k < buffer.size() && nodes.size() < o.maxStates(); k++) {
                    byte[] t = s.clone();
                    Action a = buffer.action(k);
                    if (model.step(t, a, StepObserver.NONE).ok() && isNew(t)) {
                        nextLevel.add(add(n, a, t, "a step after " + nodes.get(n).via()));
                    }
                }
            }
            level = nextLevel;
        }
        nanos = System.nanoTime() - start;
    }

    public static DeepStates build(Model model, List<ProtocolSequence> catalog, Options o) {
        return new DeepStates(model, catalog, o);
    }

    /** Whether no renaming of the state was met before (and from now on, it was). */
    private boolean isNew(byte[] state) {
        byte[] canon = new byte[state.length];
        symmetry.canonicalize(state, canon);
        return seen.add(ByteBuffer.wrap(canon));
    }

    /** Adds a node; notes the transitions its step takes that no node took before. */
    private int add(int parent, Action action, byte[] state, String via) {
        nodes.add(new Node(parent, action, state, via));
        int id = nodes.size() - 1;
        if (action != null) {
            byte[] before = nodes.get(parent).state().clone();
            model.step(before, action, new StepObserver() {
                @Override
                public void transition(int transition, int instance, int fromState, int[] args) {
                    if (firstTaking[transition] < 0) {
                        firstTaking[transition] = id;
                    }
                }
            });
        }
        return id;
    }

    public int size() {
        return nodes.size();
    }

    /** The state (do not change it). */
    public byte[] state(int i) {
        return nodes.get(i).state();
    }

    /** How the state was reached: a protocol sequence, or a step after one. */
    public String via(int i) {
        return nodes.get(i).via();
    }

    /** The concrete chain from the initial state to the state. */
    public List<Action> chain(int i) {
        List<Action> out = new ArrayList<>();
        for (int at = i; nodes.get(at).action() != null; at = nodes.get(at).parent()) {
            out.add(0, nodes.get(at).action());
        }
        return out;
    }

    /** Chains that end where a protocol sequence ended: good starts for random chains. */
    public List<List<Action>> protocolEnds() {
        List<List<Action>> out = new ArrayList<>();
        for (int i : protocolEnds) {
            out.add(chain(i));
        }
        return out;
    }

    /** A chain whose last step takes the transition, or null. */
    public List<Action> pathTaking(int transition) {
        return firstTaking[transition] < 0 ? null : chain(firstTaking[transition]);
    }

    public long nanos() {
        return nanos;
    }
}
