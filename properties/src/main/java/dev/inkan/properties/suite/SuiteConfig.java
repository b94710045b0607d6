package dev.inkan.properties.suite;

import dev.inkan.properties.chain.ChainConfig;
import java.nio.file.Path;

/**
 * Budgets and places for the suites, from system properties so CI and people can change them
 * without touching code: {@code inkan.system} and {@code inkan.bounds} (domain sizes),
 * {@code inkan.seed}, {@code inkan.tries}, {@code inkan.length}, {@code inkan.budget},
 * {@code inkan.weights} (random chains), {@code inkan.maxStates}, {@code inkan.depth},
 * {@code inkan.symmetry} (exploration), {@code inkan.protocolStates} and {@code inkan.protocolRounds}
 * (how far protocol replays search), {@code inkan.impl} (the implementation),
 * {@code inkan.failures.dir} and {@code inkan.coverage.dir} (where files go).
 *
 * @param seed              an exact seed for every random-chain test, or null to derive one per test
 * @param protocolStates    how many explored states a protocol suite searches for a start
 * @param protocolRounds    how many protocols in a row lead to the deep states searched next
 * @param coverageDir       where suites write their coverage, or null for nowhere
 */
public record SuiteConfig(String system, String bounds, Long seed, int tries, int length, long budgetMillis,
                          String weights, long maxStates, int maxDepth, boolean symmetry, int protocolStates,
                          int protocolRounds, Path failuresDir, Path coverageDir, String implementation) {
    public static final long DEFAULT_MAX_STATES = 300_000;

    public static SuiteConfig fromSystemProperties() {
        String seed = System.getProperty("inkan.seed");
        String coverage = System.getProperty("inkan.coverage.dir");
        return new SuiteConfig(
                System.getProperty("inkan.system"),
                System.getProperty("inkan.bounds", ""),
                seed == null || seed.isBlank() ? null : ChainConfig.parseSeed(seed),
                Integer.getInteger("inkan.tries", ChainConfig.DEFAULT_TRIES),
                Integer.getInteger("inkan.length", ChainConfig.DEFAULT_LENGTH),
                (long) (Double.parseDouble(System.getProperty("inkan.budget",
                        Double.toString(ChainConfig.DEFAULT_BUDGET_MILLIS / 1000.0))) * 1000),
                System.getProperty("inkan.weights", ""),
                Long.getLong("inkan.maxStates", DEFAULT_MAX_STATES),
                Integer.getInteger("inkan.depth", Integer.MAX_VALUE),
                !"false".equals(System.getProperty("inkan.symmetry")),
                Integer.getInteger("inkan.protocolStates", 200_000),
                Integer.getInteger("inkan.protocolRounds", 4),
                Path.of(System.getProperty("inkan.failures.dir", "target/inkan-failures")),
                coverage == null || coverage.isBlank() ? null : Path.of(coverage),
                System.getProperty("inkan.impl", ""));
    }

    /** The chains of one test: its own fixed seed unless {@code inkan.seed} gives one. */
    public ChainConfig chains(String test) {
        ChainConfig c = ChainConfig.defaults(test).withTries(tries).withLength(length).withBudgetMillis(budgetMillis);
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (!weights.isBlank()) {
            for (String part : weights.split(",")) {
                String[] kv = part.trim().split("=");
                c = c.withWeight(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
        }
        return c;
    }

    public SuiteConfig withTries(int n) {
        return new SuiteConfig(system, bounds, seed, n, length, budgetMillis, weights, maxStates, maxDepth, symmetry,
                protocolStates, protocolRounds, failuresDir, coverageDir, implementation);
    }

    public SuiteConfig withSeed(Long s) {
        return new SuiteConfig(system, bounds, s, tries, length, budgetMillis, weights, maxStates, maxDepth, symmetry,
                protocolStates, protocolRounds, failuresDir, coverageDir, implementation);
    }

    public SuiteConfig withFailuresDir(Path dir) {
        return new SuiteConfig(system, bounds, seed, tries, length, budgetMillis, weights, maxStates, maxDepth, symmetry,
                protocolStates, protocolRounds, dir, coverageDir, implementation);
    }

    public SuiteConfig withCoverageDir(Path dir) {
        return new SuiteConfig(system, bounds, seed, tries, length, budgetMillis, weights, maxStates, maxDepth, symmetry,
                protocolStates, protocolRounds, failuresDir, dir, implementation);
    }

    public SuiteConfig withMaxStates(long n) {
        return new SuiteConfig(system, bounds, seed, tries, length, budgetMillis, weights, n, maxDepth, symmetry,
                protocolStates, protocolRounds, failuresDir, coverageDir, implementation);
    }
}
