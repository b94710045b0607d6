package dev.inkan.properties.chain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How random chains run: a base seed (each chain's seed follows from it), how many chains, how
 * many steps each, a time budget, and event weights that override the spec's {@code @weight}
 * ({@code "Pin.verify" -> 5}; 0 = never chosen at random).
 *
 * <p>From system properties: {@code inkan.seed}, {@code inkan.tries}, {@code inkan.length},
 * {@code inkan.budget} (seconds per test), {@code inkan.weights} ({@code Pin.verify=5,Pin.change=0}).
 */
public record ChainConfig(long seed, int tries, int length, long budgetMillis, Map<String, Integer> weights) {
    public static final int DEFAULT_TRIES = 300;
    public static final int DEFAULT_LENGTH = 40;
    public static final long DEFAULT_BUDGET_MILLIS = 60_000;

    public ChainConfig {
        weights = Map.copyOf(weights);
        if (tries < 1 || length < 1) {
            throw new IllegalArgumentException("tries and length must be positive");
        }
    }

    /** The defaults with a seed derived from a name (fixed per suite and test, so CI runs are repeatable). */
    public static ChainConfig defaults(String name) {
        return new ChainConfig(seedOf(name), DEFAULT_TRIES, DEFAULT_LENGTH, DEFAULT_BUDGET_MILLIS, Map.of());
    }

    /** {@link #defaults} overridden by the {@code inkan.*} system properties. */
    public static ChainConfig fromSystemProperties(String name) {
        ChainConfig d = defaults(name);
        String seed = System.getProperty("inkan.seed");
        long s = seed == null || seed.isBlank() ? d.seed : parseSeed(seed);
        int tries = intProperty("inkan.tries", d.tries);
        int length = intProperty("inkan.length", d.length);
        long budget = (long) (Double.parseDouble(System.getProperty("inkan.budget",
                Double.toString(d.budgetMillis / 1000.0))) * 1000);
        return new ChainConfig(s, tries, length, budget, parseWeights(System.getProperty("inkan.weights", "")));
    }

    public ChainConfig withSeed(long s) {
        return new ChainConfig(s, tries, length, budgetMillis, weights);
    }

    public ChainConfig withTries(int n) {
        return new ChainConfig(seed, n, length, budgetMillis, weights);
    }

    public ChainConfig withLength(int n) {
        return new ChainConfig(seed, tries, n, budgetMillis, weights);
    }

    public ChainConfig withBudgetMillis(long ms) {
        return new ChainConfig(seed, tries, length, ms, weights);
    }

    public ChainConfig withWeight(String machineDotEvent, int weight) {
        Map<String, Integer> w = new LinkedHashMap<>(weights);
        w.put(machineDotEvent, weight);
        return new ChainConfig(seed, tries, length, budgetMillis, w);
    }

    /** The seed of the chain after the one with seed {@code s} (SplitMix64). */
    public static long next(long s) {
        long z = s + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long seedOf(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return next(h);
    }

    /** Decimal or {@code 0x} hex. */
    public static long parseSeed(String s) {
        String t = s.trim();
        return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    public static String formatSeed(long s) {
        return "0x" + Long.toHexString(s);
    }

    private static int intProperty(String name, int def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : Integer.parseInt(v.trim());
    }

    static Map<String, Integer> parseWeights(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !kv[0].contains(".")) {
                throw new IllegalArgumentException("weights are Machine.event=N, separated by commas: " + text);
            }
            out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return out;
    }
}
