package dev.inkan.bench.properties;

import dev.inkan.generated.model.SpecModel;
import dev.inkan.properties.adapter.jcardsim.JcardsimSystem;
import dev.inkan.properties.chain.ChainConfig;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.RandomChains;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model + implementation steps per second, without key generation: random chains on the project
 * spec's model and the in-process system ({@link JcardsimSystem}: SEs on jcardsim, the JPKI
 * applet, SCP03, OMAPI, the CA), every invariant and monitor checked, every step compared, refusals
 * probed; GENERATE KEY has weight 0 (RSA-2048 generation costs 0.3-0.7 s in jcardsim and is
 * measured by the applet benchmarks). The {@code steps} counter is the figure.
 * {@code bench/run SystemSteps}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SystemStepsBenchmark {
    private Model model;
    private Checks checks;
    private JcardsimSystem system;
    private List<Action> firstUse;
    private long seed = 1;

    /** Random steps per chain after the FirstUse start. */
    @Param({"30", "120"})
    public int length;

    /** Random steps taken (model and implementation), reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long steps;

        @Setup(Level.Iteration)
        public void clear() {
            steps = 0;
        }
    }

    @Setup
    public void setup() {
        ModelSource source = ModelSource.ofClass(SpecModel.class);
        model = source.create(source.sizes(source.defaultSystem()));
        checks = Checks.all(source.info());
        system = new JcardsimSystem();
        firstUse = firstUse(model);
        // the start runs for real once (two RSA keys in the applet), then comes back from its snapshots
        new RandomChains(model, system, checks, config().withTries(1).withLength(1), null, List.of(firstUse))
                .alwaysStart().run();
    }

    @TearDown
    public void close() {
        system.close();
    }

    private ChainConfig config() {
        return ChainConfig.defaults("bench").withSeed(seed++).withWeight("JpkiApplet.generateKey", 0);
    }

    /** The FirstUse protocol of spec/protocols.jsm for person1 and phone1, as the harness prints it. */
    static final List<String> FIRST_USE = List.of(
            "CardCert(person1, Auth).issueCard",
            "CardCert(person1, Sign).issueCard",
            "Handset(phone1).installApp",
            "SecureElement(phone1).initializeUpdate",
            "SecureElement(phone1).externalAuthenticate(ok=true)",
            "SecureElement(phone1).install(obj=SpDomainObject)",
            "ScpSession(phone1, IssuerKeys).close",
            "SecureElement(phone1).domainInitializeUpdate",
            "SecureElement(phone1).domainExternalAuthenticate(ok=true)",
            "SecureElement(phone1).storeData",
            "SecureElement(phone1).putKey",
            "ScpSession(phone1, HandOverKeys).close",
            "SecureElement(phone1).domainInitializeUpdate",
            "SecureElement(phone1).domainExternalAuthenticate(ok=true)",
            "SecureElement(phone1).putKey",
            "ScpSession(phone1, HandOverKeys).close",
            "SecureElement(phone1).initializeUpdate",
            "SecureElement(phone1).externalAuthenticate(ok=true)",
            "SecureElement(phone1).setStatus",
            "AccessRules(phone1).initializeUpdate",
            "AccessRules(phone1).externalAuthenticate(ok=true)",
            "AccessRules(phone1).updateRules(op=StoreRule)",
            "SecureElement(phone1).initializeUpdate",
            "SecureElement(phone1).externalAuthenticate(ok=true)",
            "SecureElement(phone1).install(obj=JpkiInstance)",
            "ScpSession(phone1, IssuerKeys).close",
            "PhoneCert(person1, phone1, Auth).apply",
            "PhoneCert(person1, phone1, Sign).apply",
            "PushToken(person1, phone1).register",
            "Omapi(phone1).openChannel",
            "JpkiApplet(phone1).selectAp",
            "JpkiApplet(phone1).initializeUpdate",
            "JpkiApplet(phone1).externalAuthenticate(ok=true)",
            "JpkiApplet(phone1).generateKey(key=Auth)",
            "JpkiApplet(phone1).readPublicKey(key=Auth)",
            "JpkiApplet(phone1).generateKey(key=Sign)",
            "JpkiApplet(phone1).readPublicKey(key=Sign)",
            "PhoneCert(person1, phone1, Auth).issue",
            "PhoneCert(person1, phone1, Sign).issue",
            "JpkiApplet(phone1).storeCert(file=AuthCaFile, last=true)",
            "JpkiApplet(phone1).storeCert(file=AuthCertFile, last=true)",
            "JpkiApplet(phone1).storeCert(file=SignCaFile, last=true)",
            "JpkiApplet(phone1).storeCert(file=SignCertFile, last=true)",
            "JpkiApplet(phone1).setTempPin(key=Auth)",
            "JpkiApplet(phone1).setTempPin(key=Sign)",
            "JpkiApplet(phone1).verify(ref=Auth, entry=Correct)",
            "JpkiApplet(phone1).changePin(ref=Auth)",
            "JpkiApplet(phone1).verify(ref=Sign, entry=Correct)",
            "JpkiApplet(phone1).changePin(ref=Sign)",
            "JpkiApplet(phone1).verify(ref=Auth, entry=Correct)",
            "JpkiApplet(phone1).sign(key=Auth)",
            "Omapi(phone1).closeChannel",
            "Signature(phone1, Auth).accept");

    public static List<Action> firstUse(Model model) {
        List<Action> out = new java.util.ArrayList<>();
        for (String a : FIRST_USE) {
            out.add(ModelText.parseAction(model, a));
        }
        return out;
    }

    /**
     * {@link #fromAPhoneInUse} without the events whose every step is an RSA-2048 private-key
     * operation (the applet's signature, the card-signed application and reset request, the CA
     * issuing, the relying party's OCSP response): what the rest of the system costs per step.
     */
    @Benchmark
    public long fromAPhoneInUseWithoutRsaSteps(Counters counters) {
        ChainConfig c = config().withTries(20).withLength(length);
        for (String e : List.of("JpkiApplet.sign", "Signature.accept", "Signature.reject", "PhoneCert.apply",
                "PhoneCert.issue", "CardCert.issueCard", "PinResetGrant.grant")) {
            c = c.withWeight(e, 0);
        }
        RandomChains.Result r = new RandomChains(model, system, checks, c, null, List.of(firstUse)).alwaysStart().run();
        long random = r.steps() - (long) r.chains() * firstUse.size();
        counters.steps += random;
        return random;
    }

    /** 20 chains of {@code length} steps from new phones (SEI-TSM preparation, ARA rules, channels, SCP03 sessions, registry). */
    @Benchmark
    public long fromNewPhones(Counters counters) {
        RandomChains.Result r = new RandomChains(model, system, checks, config().withTries(20).withLength(length), null)
                .run();
        counters.steps += r.steps();
        return r.steps();
    }

    /**
     * 20 chains of {@code length} steps from a phone in use: the FirstUse start comes back for
     * each chain (SE snapshots and the JPKI service's rows restored, the push gateway's part run
     * again), its time included; only the random steps count.
     */
    @Benchmark
    public long fromAPhoneInUse(Counters counters) {
        RandomChains.Result r = new RandomChains(model, system, checks, config().withTries(20).withLength(length), null,
                List.of(firstUse)).alwaysStart().run();
        long random = r.steps() - (long) r.chains() * firstUse.size();
        counters.steps += random;
        return random;
    }
}
