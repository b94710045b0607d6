package dev.inkan.se.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Real randomness for the simulated chip (REQ CRY-1, CRY-4). jcardsim's key pair generators draw
 * from an unseeded SHA-1 generator, so every simulated chip would make the same RSA keys, and
 * its RandomData does the same unless told otherwise. The SE seeds both from the host.
 */
public final class Entropy {
    private static final String KEY_PAIR_IMPL = "com.licel.jcardsim.crypto.KeyPairImpl";
    private static final String RANDOM_FIELD = "rnd";

    static {
        // jcardsim's RandomData seeds itself from java.security.SecureRandom when this is "1"
        System.setProperty("com.licel.jcardsim.randomdata.secure", "1");
    }

    private Entropy() {
    }

    /** Makes sure the RandomData setting is in place before any applet allocates one. */
    public static void init() {
        // the static initializer does the work
    }

    /**
     * Gives every key pair generator reachable from an applet object its own host-seeded random
     * source. Call after an applet is installed or restored.
     */
    public static void seed(Object applet) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> work = new ArrayDeque<>();
        work.add(applet);
        while (!work.isEmpty()) {
            Object o = work.poll();
            if (!seen.add(o)) {
                continue;
            }
            Class<?> c = o.getClass();
            if (c.getName().equals(KEY_PAIR_IMPL)) {
                reseed(o);
                continue;
            }
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        Object e = Array.get(o, i);
                        if (e != null) {
                            work.add(e);
                        }
                    }
                }
                continue;
            }
            if (c.getName().startsWith("java.")) {
                continue;
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        Object v = f.get(o);
                        if (v != null) {
                            work.add(v);
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // a field we may not read holds no key pair of an applet
                    }
                }
            }
        }
    }

    private static void reseed(Object keyPairImpl) {
        try {
            Field f = keyPairImpl.getClass().getDeclaredField(RANDOM_FIELD);
            f.setAccessible(true);
            f.set(keyPairImpl, new SecureRandom());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jcardsim's KeyPairImpl has no field '" + RANDOM_FIELD
                    + "': cannot give the simulated chip real randomness", e);
        }
    }
}
