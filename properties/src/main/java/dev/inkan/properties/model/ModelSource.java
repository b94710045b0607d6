package dev.inkan.properties.model;

import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A generated model as the harness sees it: what it declares, the systems (domain sizes) its
 * spec names, how to build one, and where it came from (so a failure file can find it again).
 * Everything the harness does goes through the runtime's {@link Model} API, never through the
 * generated classes, so it works for any spec.
 *
 * @param origin {@code class <name>} for a model on the class path, {@code spec <dir>} for one
 *               compiled from a spec directory at run time
 */
public record ModelSource(ModelInfo info, Map<String, int[]> systems, ModelFactory factory, String origin) {
    /** The system the harness uses unless told otherwise. */
    public static final String DEFAULT_SYSTEM = "Default";

    public ModelSource {
        Map<String, int[]> copy = new LinkedHashMap<>();
        systems.forEach((k, v) -> copy.put(k, v.clone()));
        systems = Collections.unmodifiableMap(copy);
    }

    /**
     * A generated model class: it has a public static {@code INFO}, a public static
     * {@code SYSTEMS} map and a public constructor taking the domain sizes.
     */
    public static ModelSource ofClass(Class<? extends Model> type) {
        try {
            ModelInfo info = (ModelInfo) type.getField("INFO").get(null);
            @SuppressWarnings("unchecked")
            Map<String, int[]> systems = (Map<String, int[]>) type.getField("SYSTEMS").get(null);
            Constructor<? extends Model> ctor = type.getConstructor(int[].class);
            ModelFactory factory = sizes -> {
                try {
                    return ctor.newInstance((Object) sizes.clone());
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build " + type.getName(), e);
                }
            };
            String origin = type.getClassLoader() instanceof ChildFirstLoader l && l.origin() != null ? l.origin()
                    : "class " + type.getName();
            return new ModelSource(info, systems, factory, origin);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(type.getName() + " is not a generated model: " + e, e);
        }
    }

    /** The system named {@value #DEFAULT_SYSTEM}, else the first one, else every domain of size 1. */
    public String defaultSystem() {
        if (systems.containsKey(DEFAULT_SYSTEM) || systems.isEmpty()) {
            return DEFAULT_SYSTEM;
        }
        return systems.keySet().iterator().next();
    }

    /** Domain sizes of a system. */
    public int[] sizes(String system) {
        int[] s = systems.get(system);
        if (s == null) {
            if (systems.isEmpty() && system.equals(DEFAULT_SYSTEM)) {
                int[] ones = new int[info.domains().size()];
                Arrays.fill(ones, 1);
                return ones;
            }
            throw new IllegalArgumentException("no system " + system + "; the spec declares " + systems.keySet());
        }
        return s.clone();
    }

    /**
     * Sizes overridden by a bounds string: {@code Person=2,Phone=3} (domains left out keep their
     * size). Sizes range from 1 to 8.
     */
    public int[] withBounds(int[] sizes, String bounds) {
        int[] out = sizes.clone();
        if (bounds == null || bounds.isBlank()) {
            return out;
        }
        for (String part : bounds.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("bounds are Domain=N, separated by commas: " + bounds);
            }
            int d = info.domainIndex(kv[0].trim());
            int n;
            try {
                n = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a size: " + part.trim(), e);
            }
            if (n < 1 || n > 8) {
                throw new IllegalArgumentException("domain sizes range from 1 to 8: " + part.trim());
            }
            out[d] = n;
        }
        return out;
    }

    /** {@code Person=2, Phone=3}. */
    public String describeSizes(int[] sizes) {
        if (info.domains().isEmpty()) {
            return "no domains";
        }
        StringJoiner j = new StringJoiner(", ");
        for (ModelInfo.Domain d : info.domains()) {
            j.add(d.name() + "=" + sizes[d.index()]);
        }
        return j.toString();
    }

    public Model create(int[] sizes) {
        return factory.create(sizes.clone());
    }

    /** A short name for messages: the model class or the spec directory. */
    public String displayName() {
        return origin.toLowerCase(Locale.ROOT).startsWith("class ") ? origin.substring(6) : origin.substring(5);
    }
}
