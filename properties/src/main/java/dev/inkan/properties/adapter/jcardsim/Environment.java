package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The CA of the JPKI service and the card holders' card keys: RSA-2048 on the host, made once per
 * JVM (per class loader: a test's faulty system has its own), since every chain's registry
 * signs with them and making them costs seconds.
 */
final class Environment {
    private static volatile Environment environment;

    final JpkiCa ca;
    final Map<Integer, KeyPair> cardKeys = new HashMap<>();
    final Map<Integer, byte[]> caDer = new HashMap<>();

    private Environment() {
        ca = JpkiCa.generate(new SecureRandom(), Clock.systemUTC());
        for (int t = 0; t < 2; t++) {
            try {
                caDer.put(t, ca.caCertificate(Profile.of(Profile.Holder.PHONE, usage(t))).getEncoded());
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    synchronized KeyPair cardKey(int index) {
        return cardKeys.computeIfAbsent(index, p -> {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** The CA and the card holders' card keys: made once per JVM (RSA-2048 on the host). */
    static Environment get() {
        Environment e = environment;
        if (e == null) {
            synchronized (Environment.class) {
                if (environment == null) {
                    environment = new Environment();
                }
                e = environment;
            }
        }
        return e;
    }

    private static Profile.Usage usage(int t) {
        return t == 0 ? Profile.Usage.AUTHENTICATION : Profile.Usage.SIGNATURE;
    }
}
