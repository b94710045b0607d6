package dev.inkan.se.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.inkan.se.util.Hex;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javacard.framework.APDU;
import javacard.framework.JCSystem;
import javacard.security.Key;
import javacard.security.KeyPair;

/**
 * Saves an applet's object graph as JSON and rebuilds it (our design, no kryo): every object
 * reachable from the applet through non-static, non-transient fields gets a numeric id (breadth
 * first, fields ordered by class hierarchy and name, so the output is deterministic).
 * Supported: primitive fields, String, arrays (byte, short, boolean, int, objects), Java Card
 * transient arrays (saved as type, event and length; rebuilt zeroed and transient in the applet's
 * context), keys ({@link KeyCodec}), KeyPair, crypto engines ({@link EngineCodec}), the APDU,
 * and plain objects of applet classes (and javacard.framework.AID / OwnerPIN) whose fields are of
 * those kinds. Anything else (java.util collections, jcardsim internals) is refused with an error
 * naming the field, at save time.
 */
public final class ObjectGraphCodec {
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private ObjectGraphCodec() {
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes the graph reachable from {@code root}. */
    public static JsonObject encode(Object root) {
        IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
        Deque<Object> queue = new ArrayDeque<>();
        List<JsonObject> objects = new ArrayList<>();
        ids.put(root, 0);
        queue.add(root);
        while (!queue.isEmpty()) {
            Object o = queue.poll();
            objects.add(encodeObject(o, ids, queue));
        }
        JsonArray arr = new JsonArray();
        objects.forEach(arr::add);
        JsonObject out = new JsonObject();
        out.add("objects", arr);
        return out;
    }

    private static JsonElement ref(Object v, IdentityHashMap<Object, Integer> ids, Deque<Object> queue, String where) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        Integer id = ids.get(v);
        if (id == null) {
            check(v, where);
            id = ids.size();
            ids.put(v, id);
            queue.add(v);
        }
        JsonObject r = new JsonObject();
        r.addProperty("r", id);
        return r;
    }

    private static void check(Object v, String where) {
        if (v instanceof String || v.getClass().isArray() || v instanceof APDU || v instanceof KeyPair
                || KeyCodec.supports(v) || EngineCodec.supports(v)) {
            return;
        }
        if (v instanceof Key) {
            throw new IllegalArgumentException(where + ": key type " + v.getClass().getName() + " cannot be saved");
        }
        String n = v.getClass().getName();
        boolean allowedJavacard = v instanceof javacard.framework.AID || v instanceof javacard.framework.OwnerPIN;
        if (!allowedJavacard && (n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("sun.")
                || n.startsWith("jdk.") || n.startsWith("com.licel.") || n.startsWith("javacard.")
                || n.startsWith("javacardx.") || v.getClass().isEnum() || v.getClass().isSynthetic())) {
            throw new IllegalArgumentException(where + ": objects of " + n
                    + " cannot be saved; applets must keep their state in Java Card types");
        }
    }

    private static JsonObject encodeObject(Object o, IdentityHashMap<Object, Integer> ids, Deque<Object> queue) {
        JsonObject j = new JsonObject();
        j.addProperty("id", ids.get(o));
        if (o instanceof String s) {
            j.addProperty("t", "string");
            j.addProperty("v", s);
            return j;
        }
        if (o instanceof APDU) {
            j.addProperty("t", "apdu");
            return j;
        }
        if (o.getClass().isArray()) {
            return encodeArray(j, o, ids, queue);
        }
        if (o instanceof KeyPair kp) {
            j.addProperty("t", "keypair");
            j.add("pub", ref(kp.getPublic(), ids, queue, "KeyPair.public"));
            j.add("priv", ref(kp.getPrivate(), ids, queue, "KeyPair.private"));
            return j;
        }
        if (KeyCodec.supports(o)) {
            JsonObject k = KeyCodec.encode((Key) o);
            k.addProperty("id", ids.get(o));
            return k;
        }
        if (EngineCodec.supports(o)) {
            JsonObject e = EngineCodec.encode(o);
            e.addProperty("id", ids.get(o));
            return e;
        }
        j.addProperty("t", "object");
        j.addProperty("c", o.getClass().getName());
        JsonObject fields = new JsonObject();
        for (Field f : fields(o.getClass())) {
            String name = f.getDeclaringClass().getSimpleName() + "." + f.getName();
            Object v;
            try {
                v = f.get(o);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
            Class<?> type = f.getType();
            if (type.isPrimitive()) {
                fields.add(name, primitive(v));
            } else {
                fields.add(name, ref(v, ids, queue, o.getClass().getName() + "#" + f.getName()));
            }
        }
        j.add("f", fields);
        return j;
    }

    private static JsonElement primitive(Object v) {
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Character c) {
            return new JsonPrimitive((int) c);
        }
        return new JsonPrimitive((Number) v);
    }

    private static JsonObject encodeArray(JsonObject j, Object a, IdentityHashMap<Object, Integer> ids,
                                          Deque<Object> queue) {
        Class<?> component = a.getClass().getComponentType();
        int length = Array.getLength(a);
        byte event = transientEvent(a);
        j.addProperty("length", length);
        if (event != JCSystem.NOT_A_TRANSIENT_OBJECT) {
            j.addProperty("transient", event);
        }
        if (component == byte.class) {
            j.addProperty("t", "byte[]");
            if (event == 0) {
                j.addProperty("v", Hex.encode((byte[]) a));
            }
        } else if (component == short.class) {
            j.addProperty("t", "short[]");
            if (event == 0) {
                JsonArray v = new JsonArray();
                for (short s : (short[]) a) {
                    v.add(s);
                }
                j.add("v", v);
            }
        } else if (component == int.class) {
            j.addProperty("t", "int[]");
            JsonArray v = new JsonArray();
            for (int s : (int[]) a) {
                v.add(s);
            }
            j.add("v", v);
        } else if (component == boolean.class) {
            j.addProperty("t", "boolean[]");
            if (event == 0) {
                StringBuilder sb = new StringBuilder();
                for (boolean z : (boolean[]) a) {
                    sb.append(z ? '1' : '0');
                }
                j.addProperty("v", sb.toString());
            }
        } else if (!component.isPrimitive()) {
            j.addProperty("t", "object[]");
            j.addProperty("c", component.getName());
            if (event == 0) {
                JsonArray v = new JsonArray();
                for (int i = 0; i < length; i++) {
                    v.add(ref(Array.get(a, i), ids, queue, component.getName() + "[" + i + "]"));
                }
                j.add("v", v);
            }
        } else {
            throw new IllegalArgumentException("arrays of " + component + " cannot be saved");
        }
        return j;
    }

    private static byte transientEvent(Object a) {
        try {
            return JCSystem.isTransient(a);
        } catch (RuntimeException e) {
            return JCSystem.NOT_A_TRANSIENT_OBJECT;
        }
    }

    /** Instance fields to save: non-static, non-transient, declared below javacard.framework.Applet. */
    static List<Field> fields(Class<?> cls) {
        return FIELDS.computeIfAbsent(cls, c -> {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> k = c; k != null && k != Object.class && k != javacard.framework.Applet.class;
                 k = k.getSuperclass()) {
                chain.add(0, k);
            }
            List<Field> out = new ArrayList<>();
            for (Class<?> k : chain) {
                Field[] declared = k.getDeclaredFields();
                Arrays.sort(declared, Comparator.comparing(Field::getName));
                for (Field f : declared) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Rebuilds the graph; must run in the applet's context on the SE's runtime (transient arrays
     * get their owner from it). Returns the root object.
     */
    public static Object decode(JsonObject graph, ClassLoader loader) {
        JsonArray arr = graph.getAsJsonArray("objects");
        Object[] objects = new Object[arr.size()];
        // pass 1: allocate everything but key pairs (which need their keys)
        for (int i = 0; i < arr.size(); i++) {
            JsonObject j = arr.get(i).getAsJsonObject();
            if (!"keypair".equals(j.get("t").getAsString())) {
                objects[j.get("id").getAsInt()] = allocate(j, loader);
            }
        }
        for (int i = 0; i < arr.size(); i++) {
            JsonObject j = arr.get(i).getAsJsonObject();
            if ("keypair".equals(j.get("t").getAsString())) {
                objects[j.get("id").getAsInt()] = new KeyPair(
                        (javacard.security.PublicKey) resolve(j.get("pub"), objects),
                        (javacard.security.PrivateKey) resolve(j.get("priv"), objects));
            }
        }
        // pass 2: contents
        for (int i = 0; i < arr.size(); i++) {
            JsonObject j = arr.get(i).getAsJsonObject();
            fill(objects[j.get("id").getAsInt()], j, objects);
        }
        return objects[0];
    }

    private static Object allocate(JsonObject j, ClassLoader loader) {
        String t = j.get("t").getAsString();
        int length = j.has("length") ? j.get("length").getAsInt() : 0;
        byte event = j.has("transient") ? j.get("transient").getAsByte() : 0;
        switch (t) {
            case "string":
                return j.get("v").getAsString();
            case "apdu":
                return APDU.getCurrentAPDU();
            case "byte[]":
                return event != 0 ? JCSystem.makeTransientByteArray((short) length, event) : new byte[length];
            case "short[]":
                return event != 0 ? JCSystem.makeTransientShortArray((short) length, event) : new short[length];
            case "boolean[]":
                return event != 0 ? JCSystem.makeTransientBooleanArray((short) length, event) : new boolean[length];
            case "int[]":
                return new int[length];
            case "object[]":
                if (event != 0) {
                    return JCSystem.makeTransientObjectArray((short) length, event);
                }
                return Array.newInstance(load(j.get("c").getAsString(), loader), length);
            case "key":
                return KeyCodec.allocate(j);
            case "engine":
                return EngineCodec.allocate(j);
            case "object":
                return instantiate(load(j.get("c").getAsString(), loader));
            default:
                throw new IllegalArgumentException("unknown object kind " + t);
        }
    }

    private static void fill(Object o, JsonObject j, Object[] objects) {
        String t = j.get("t").getAsString();
        switch (t) {
            case "byte[]":
                if (j.has("v")) {
                    byte[] v = Hex.decode(j.get("v").getAsString());
                    System.arraycopy(v, 0, o, 0, v.length);
                }
                return;
            case "short[]":
                if (j.has("v")) {
                    JsonArray v = j.getAsJsonArray("v");
                    for (int i = 0; i < v.size(); i++) {
                        ((short[]) o)[i] = v.get(i).getAsShort();
                    }
                }
                return;
            case "int[]": {
                JsonArray v = j.getAsJsonArray("v");
                for (int i = 0; i < v.size(); i++) {
                    ((int[]) o)[i] = v.get(i).getAsInt();
                }
                return;
            }
            case "boolean[]":
                if (j.has("v")) {
                    String v = j.get("v").getAsString();
                    for (int i = 0; i < v.length(); i++) {
                        ((boolean[]) o)[i] = v.charAt(i) == '1';
                    }
                }
                return;
            case "object[]":
                if (j.has("v")) {
                    JsonArray v = j.getAsJsonArray("v");
                    for (int i = 0; i < v.size(); i++) {
                        Array.set(o, i, resolve(v.get(i), objects));
                    }
                }
                return;
            case "key":
                KeyCodec.fill((Key) o, j);
                return;
            case "object":
                fillFields(o, j.getAsJsonObject("f"), objects);
                return;
            default:
                // strings, engines, key pairs, the APDU: nothing more to set
        }
    }

    private static void fillFields(Object o, JsonObject values, Object[] objects) {
        for (Field f : fields(o.getClass())) {
            String name = f.getDeclaringClass().getSimpleName() + "." + f.getName();
            JsonElement v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("saved state of " + o.getClass().getName() + " lacks field " + name
                        + " (the class changed since the state was saved)");
            }
            try {
                Class<?> type = f.getType();
                if (type == boolean.class) {
                    f.setBoolean(o, v.getAsBoolean());
                } else if (type == byte.class) {
                    f.setByte(o, v.getAsByte());
                } else if (type == short.class) {
                    f.setShort(o, v.getAsShort());
                } else if (type == int.class) {
                    f.setInt(o, v.getAsInt());
                } else if (type == long.class) {
                    f.setLong(o, v.getAsLong());
                } else if (type == char.class) {
                    f.setChar(o, (char) v.getAsInt());
                } else if (type == float.class || type == double.class) {
                    throw new IllegalArgumentException("floating point fields are not Java Card: " + name);
                } else {
                    f.set(o, resolve(v, objects));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set " + name, e);
            }
        }
    }

    private static Object resolve(JsonElement e, Object[] objects) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return objects[e.getAsJsonObject().get("r").getAsInt()];
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class of saved state not found: " + name, e);
        }
    }

    /** Allocates an instance without running a constructor (as Java serialization does). */
    static Object instantiate(Class<?> cls) {
        try {
            Class<?> rf = Class.forName("sun.reflect.ReflectionFactory");
            Object factory = rf.getMethod("getReflectionFactory").invoke(null);
            Constructor<?> objectCtor = Object.class.getDeclaredConstructor();
            Constructor<?> ctor = (Constructor<?>) rf.getMethod("newConstructorForSerialization", Class.class,
                    Constructor.class).invoke(factory, cls, objectCtor);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot allocate " + cls.getName(), e);
        }
    }
}
