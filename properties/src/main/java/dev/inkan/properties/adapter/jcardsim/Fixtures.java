package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts that ran for real once (every step compared): each phone's SE snapshot and host-side
 * memo, the model's state and the phones' facts at the end, and the registry's rows, per applet
 * variant, model, domain sizes and prefix. Issuance costs RSA-2048 key generations in the applet
 * and signatures by the CA and the card keys, so later chains come back from here instead of
 * running the start again. Shared by the adapters of a JVM (of a class loader).
 */
final class Fixtures {
    private static final Map<String, Fixture> FIXTURES = new ConcurrentHashMap<>();
    private static final int MAX_FIXTURES = 64;

    private Fixtures() {
    }

    record Fixture(String[] images, PhoneSe.Memo[] memos, byte[] modelState, Map<String, String> seFacts,
                   Registry.Snapshot registry) {
    }

    static String key(String variant, Model model, List<Action> prefix) {
        return variant + "|" + model.info().name() + "|" + Arrays.toString(model.domainSizes()) + "|" + prefix;
    }

    static Fixture get(String key) {
        return FIXTURES.get(key);
    }

    static boolean full() {
        return FIXTURES.size() >= MAX_FIXTURES;
    }

    static void put(String key, Fixture f) {
        FIXTURES.putIfAbsent(key, f);
    }
}
