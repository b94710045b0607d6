package dev.inkan.properties.explore;

/** Where an exploration stands, reported about once a second. */
public record Progress(int depth, long states, long transitions, long frontier, long nanos) {
    public double statesPerSecond() {
        return nanos == 0 ? 0 : states * 1e9 / nanos;
    }

    @Override
    public String toString() {
        return String.format("depth %d, %,d states, %,d transitions, %,d queued, %.1f s, %,.0f states/s", depth, states,
                transitions, frontier, nanos / 1e9, statesPerSecond());
    }
}
