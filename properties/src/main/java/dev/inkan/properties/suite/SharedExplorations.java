package dev.inkan.properties.suite;

import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.explore.Explorer;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.properties.protocol.DeepStates;
import dev.inkan.properties.protocol.ProtocolSequence;
import java.util.List;
import dev.inkan.runtime.model.ModelInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One exploration per model and bounds for the whole test run: every invariant, monitor,
 * machine and protocol suite of a spec reads the same one instead of exploring again.
 */
public final class SharedExplorations {
    private record Key(String origin, ModelInfo info, String sizes, long maxStates, int maxDepth, boolean symmetry) {
    }

    private static final Map<Key, Exploration> CACHE = new ConcurrentHashMap<>();
    private static final Map<List<Object>, DeepStates> DEEP = new ConcurrentHashMap<>();

    private SharedExplorations() {
    }

    /** The states reached through the spec's protocols (see {@link DeepStates}), once per model and catalog. */
    public static DeepStates deep(ModelSource source, int[] sizes, SuiteConfig config, List<ProtocolSequence> catalog) {
        List<Object> key = List.of(source.origin(), source.info(), Arrays.toString(sizes), catalog,
                config.protocolRounds());
        return DEEP.computeIfAbsent(key, k -> {
            DeepStates.Options d = DeepStates.Options.defaults();
            DeepStates deep = DeepStates.build(source.create(sizes), catalog, new DeepStates.Options(
                    config.protocolRounds(), d.perRound(), d.repeats(), d.neighbourhood(), d.maxStates()));
            System.out.printf("deep states of %s through %d protocol sequences: %,d states (%d protocol ends), %.2f s%n",
                    source.displayName(), catalog.size(), deep.size(), deep.protocolEnds().size(), deep.nanos() / 1e9);
            return deep;
        });
    }

    public static Exploration get(ModelSource source, int[] sizes, SuiteConfig config) {
        Key key = new Key(source.origin(), source.info(), Arrays.toString(sizes), config.maxStates(), config.maxDepth(),
                config.symmetry());
        return CACHE.computeIfAbsent(key, k -> {
            Explorer.Options o = Explorer.Options.defaults().withMaxStates(config.maxStates())
                    .withMaxDepth(config.maxDepth()).withSymmetry(config.symmetry()).withLiveness(true);
            Exploration ex = new Explorer(source.create(sizes), o).run();
            System.out.printf("explored %s (%s): %,d states, %,d transitions, depth %d%s, %.2f s, %,.0f states/s%n",
                    source.displayName(), source.describeSizes(sizes), ex.stateCount(), ex.transitions(), ex.depth(),
                    ex.complete() ? " (complete)" : " (" + ex.stopReason() + ")", ex.nanos() / 1e9,
                    ex.statesPerSecond());
            return ex;
        });
    }
}
