package dev.inkan.verification;

import de.uka.ilkd.key.control.DefaultUserInterfaceControl;
import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.init.ProofInputException;
import de.uka.ilkd.key.proof.init.ProofOblInput;
import de.uka.ilkd.key.proof.io.ProblemLoaderException;
import de.uka.ilkd.key.settings.PathConfig;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Runs KeY headless over one Java source root: loads it (JML included) and, for every contract of
 * the classes asked for, starts a fresh proof in auto mode and reports whether it closed.
 *
 * <p>Settings: Java integer semantics (overflow of int and short arithmetic must be excluded, not
 * ignored), runtime exceptions banned (a contract's {@code normal_behavior} must also rule out
 * array index and null errors), method contracts for calls, loop invariants for loops, at most
 * {@link #MAX_STEPS} rule applications per proof. KeY's Java Card option stays off: the proved
 * methods use neither transactions nor the Java Card API.
 */
final class KeyProver {
    /** Rule applications after which a proof counts as not closed. */
    static final int MAX_STEPS = 30_000;

    /** One contract's proof. */
    record Result(String className, String method, String contract, boolean closed, int nodes, int openGoals,
            long millis) {
        String line() {
            return String.format("%-18s %-15s closed=%-3s nodes=%6d open=%2d time=%6d ms",
                    className, method, closed ? "yes" : "NO", nodes, openGoals, millis);
        }
    }

    private KeyProver() {
    }

    /**
     * Proves, for each class name, the contracts of its methods that {@code wanted} accepts (class
     * name, simple method name), in class then contract order; one load for all. KeY keeps its settings under
     * {@code target/key-settings-N} (one per test JVM), never in the user's home, and ignores any the user has
     * (system property key.disregardSettings, set by the POM).
     */
    static synchronized List<Result> prove(Path sourceRoot, List<String> classNames, BiPredicate<String, String> wanted)
            throws ProblemLoaderException, ProofInputException {
        PathConfig.setKeyConfigDir(System.getProperty("inkan.key.settings",
                Path.of("target", "key-settings").toAbsolutePath().toString()));
        Map<String, String> choices = new HashMap<>(ProofSettings.DEFAULT_SETTINGS.getChoiceSettings().getDefaultChoices());
        choices.put("intRules", "intRules:javaSemantics");
        choices.put("runtimeExceptions", "runtimeExceptions:ban");
        ProofSettings.DEFAULT_SETTINGS.getChoiceSettings().setDefaultChoices(choices);
        KeYEnvironment<DefaultUserInterfaceControl> env = KeYEnvironment.load(sourceRoot.toFile(), null, null, null);
        try {
            List<Result> results = new ArrayList<>();
            for (String className : classNames) {
                KeYJavaType type = env.getJavaInfo().getKeYJavaType(className);
                if (type == null) {
                    throw new IllegalStateException("KeY did not load " + className + " from " + sourceRoot);
                }
                List<Contract> contracts = new ArrayList<>();
                for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(type)) {
                    for (Contract c : env.getSpecificationRepository().getContracts(type, target)) {
                        if (wanted.test(className, methodName(c))) {
                            contracts.add(c);
                        }
                    }
                }
                contracts.sort(Comparator.comparing(Contract::getName));
                for (Contract contract : contracts) {
                    results.add(prove(env, simpleName(className), contract));
                }
            }
            return results;
        } finally {
            env.dispose();
        }
    }

    private static Result prove(KeYEnvironment<?> env, String className, Contract contract) throws ProofInputException {
        ProofOblInput input = contract.createProofObl(env.getInitConfig(), contract);
        Proof proof = env.createProof(input);
        try {
            String intRules = proof.getSettings().getChoiceSettings().getDefaultChoices().get("intRules");
            if (!"intRules:javaSemantics".equals(intRules)) {
                throw new IllegalStateException("KeY did not take the Java integer semantics: " + intRules);
            }
            StrategyProperties sp = proof.getSettings().getStrategySettings().getActiveStrategyProperties();
            sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
            sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
            sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
            sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
            sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
            sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_NONCLOSE);
            proof.getSettings().getStrategySettings().setActiveStrategyProperties(sp);
            proof.getSettings().getStrategySettings().setMaxSteps(MAX_STEPS);
            long start = System.nanoTime();
            env.getProofControl().startAndWaitForAutoMode(proof);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(className, methodName(contract), contract.getName(), proof.closed(), proof.countNodes(),
                    proof.openGoals().size(), millis);
        } finally {
            proof.dispose();
        }
    }

    /** The simple name of a contract's method: {@code dev.inkan.applet.Rules::padType01} gives {@code padType01}. */
    static String methodName(Contract contract) {
        String name = contract.getTarget().name().toString();
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Writes {@code text} as Java source {@code fileName} of package directory {@code packagePath} under {@code root}. */
    static void writeSource(Path root, String packagePath, String fileName, String text) throws IOException {
        Path pkg = root.resolve(packagePath);
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve(fileName), text);
    }

    /** An empty directory (deleted first if it exists). */
    static Path freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
