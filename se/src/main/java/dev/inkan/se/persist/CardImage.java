package dev.inkan.se.persist;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.inkan.se.gp.GlobalPlatform;
import dev.inkan.se.gp.Registry;
import dev.inkan.se.gp.RegistryEntry;
import dev.inkan.se.gp.SdData;
import dev.inkan.se.runtime.GpRuntime;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javacard.framework.Applet;

/**
 * The persistent image of a card: card life cycle, registry (with security domain keys and
 * sequence counters) and each applet's object graph ({@link ObjectGraphCodec}), as one JSON
 * document. Built incrementally: only the registry when it changed and the applets that ran code
 * are encoded again after a command.
 */
public final class CardImage {
    static final int FORMAT = 1;
    private static final Gson GSON = new Gson();
    private String registryPart;
    private final Map<Aid, String> appletParts = new TreeMap<>();

    /** Re-encodes what may have changed; returns true when the image differs from the last one. */
    public boolean update(GlobalPlatform gp, boolean registryDirty, Set<Aid> touched) {
        gp.runtime().activate();
        boolean changed = false;
        if (registryDirty || registryPart == null) {
            String r = GSON.toJson(registry(gp.registry()));
            if (!r.equals(registryPart)) {
                registryPart = r;
                changed = true;
            }
        }
        List<Aid> present = new ArrayList<>();
        for (RegistryEntry e : gp.registry().entries()) {
            if (e.isInstance()) {
                present.add(e.aid());
            }
        }
        changed |= appletParts.keySet().retainAll(present);
        for (Aid aid : present) {
            if (touched.contains(aid) || !appletParts.containsKey(aid)) {
                Applet applet = gp.runtime().applet(aid);
                String s = GSON.toJson(ObjectGraphCodec.encode(applet));
                if (!s.equals(appletParts.put(aid, s))) {
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The whole image as JSON text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"format\":").append(FORMAT).append(",\n\"registry\":").append(registryPart).append(",\n\"applets\":{");
        boolean first = true;
        for (Map.Entry<Aid, String> e : appletParts.entrySet()) {
            sb.append(first ? "\n" : ",\n").append('"').append(e.getKey().hex()).append("\":").append(e.getValue());
            first = false;
        }
        return sb.append("\n}}\n").toString();
    }

    /** A fresh full image of {@code gp} (used for snapshots). */
    public static String capture(GlobalPlatform gp) {
        CardImage image = new CardImage();
        image.update(gp, true, Set.of());
        return image.text();
    }

    private static JsonObject registry(Registry reg) {
        JsonObject j = new JsonObject();
        j.addProperty("cardLifeCycle", Hex.byteHex(reg.cardLifeCycle()));
        j.addProperty("isd", reg.isd().aid().hex());
        JsonArray entries = new JsonArray();
        for (RegistryEntry e : reg.entries()) {
            JsonObject o = new JsonObject();
            o.addProperty("aid", e.aid().hex());
            o.addProperty("kind", e.kind().name());
            o.addProperty("lifeCycle", Hex.byteHex(e.lifeCycle()));
            o.addProperty("privileges", Hex.encode(dev.inkan.se.gp.Privileges.toBytes(e.privileges())));
            if (e.associatedSd() != null) {
                o.addProperty("securityDomain", e.associatedSd().hex());
            }
            if (e.loadFileAid() != null) {
                o.addProperty("loadFile", e.loadFileAid().hex());
                o.addProperty("module", e.moduleAid().hex());
            }
            if (e.isLoadFile()) {
                JsonArray m = new JsonArray();
                e.modules().forEach(a -> m.add(a.hex()));
                o.add("modules", m);
            }
            if (e.sd() != null) {
                o.add("domain", domain(e.sd()));
            }
            entries.add(o);
        }
        j.add("entries", entries);
        return j;
    }

    private static JsonObject domain(SdData sd) {
        JsonObject d = new JsonObject();
        d.addProperty("keyDiversificationData", Hex.encode(sd.keyDiversificationData()));
        d.addProperty("minimumSecurityLevel", Hex.byteHex(sd.minimumSecurityLevel()));
        d.addProperty("iin", Hex.encode(sd.iin()));
        d.addProperty("cin", Hex.encode(sd.cin()));
        JsonArray keys = new JsonArray();
        for (CardKeySet k : sd.keySets()) {
            JsonObject ko = new JsonObject();
            ko.addProperty("kvn", Hex.byteHex(k.kvn()));
            ko.addProperty("enc", Hex.encode(k.enc()));
            ko.addProperty("mac", Hex.encode(k.mac()));
            ko.addProperty("dek", Hex.encode(k.dek()));
            ko.addProperty("sequenceCounter", k.sequenceCounter());
            keys.add(ko);
        }
        d.add("keySets", keys);
        return d;
    }

    /**
     * Fills an empty platform (ROM load files registered, registry empty) from an image:
     * registry entries, domains, then each applet object graph in its own context.
     */
    public static void restore(GlobalPlatform gp, String text, ClassLoader loader) {
        JsonObject root = JsonParser.parseString(text).getAsJsonObject();
        if (root.get("format").getAsInt() != FORMAT) {
            throw new IllegalArgumentException("unsupported image format " + root.get("format"));
        }
        JsonObject reg = root.getAsJsonObject("registry");
        Registry registry = gp.registry();
        Aid isd = Aid.of(reg.get("isd").getAsString());
        for (JsonElement el : reg.getAsJsonArray("entries")) {
            registry.add(entry(el.getAsJsonObject()), isd.equals(Aid.of(el.getAsJsonObject().get("aid").getAsString())));
        }
        registry.cardLifeCycle(Integer.parseInt(reg.get("cardLifeCycle").getAsString(), 16));
        JsonObject applets = root.getAsJsonObject("applets");
        GpRuntime rt = gp.runtime();
        for (RegistryEntry e : registry.entries()) {
            if (!e.isInstance()) {
                continue;
            }
            JsonElement graph = applets.get(e.aid().hex());
            if (graph == null) {
                throw new IllegalArgumentException("image has no state for instance " + e.aid());
            }
            Object applet = rt.inContext(e.aid(), () -> ObjectGraphCodec.decode(graph.getAsJsonObject(), loader));
            if (!(applet instanceof Applet a)) {
                throw new IllegalArgumentException("state of " + e.aid() + " is not an applet");
            }
            Class<?> expected = gp.moduleClass(e.moduleAid());
            if (expected == null || expected != a.getClass()) {
                throw new IllegalArgumentException("instance " + e.aid() + " was made from module " + e.moduleAid()
                        + " which the configuration no longer maps to " + a.getClass().getName());
            }
            rt.register(e.aid(), a);
        }
    }

    private static RegistryEntry entry(JsonObject o) {
        Aid aid = Aid.of(o.get("aid").getAsString());
        RegistryEntry.Kind kind = RegistryEntry.Kind.valueOf(o.get("kind").getAsString());
        int lc = Integer.parseInt(o.get("lifeCycle").getAsString(), 16);
        int priv = dev.inkan.se.gp.Privileges.parse(o.get("privileges").getAsString());
        Aid sd = o.has("securityDomain") ? Aid.of(o.get("securityDomain").getAsString()) : null;
        if (kind == RegistryEntry.Kind.LOAD_FILE) {
            List<Aid> modules = new ArrayList<>();
            o.getAsJsonArray("modules").forEach(m -> modules.add(Aid.of(m.getAsString())));
            return RegistryEntry.loadFile(aid, modules, sd);
        }
        Aid lf = Aid.of(o.get("loadFile").getAsString());
        Aid module = Aid.of(o.get("module").getAsString());
        if (kind == RegistryEntry.Kind.APPLICATION) {
            return RegistryEntry.application(aid, lf, module, lc, priv, sd);
        }
        JsonObject d = o.getAsJsonObject("domain");
        SdData data = new SdData(aid, Hex.decode(d.get("keyDiversificationData").getAsString()),
                Integer.parseInt(d.get("minimumSecurityLevel").getAsString(), 16));
        for (JsonElement k : d.getAsJsonArray("keySets")) {
            JsonObject ko = k.getAsJsonObject();
            data.addKeySet(new CardKeySet(Integer.parseInt(ko.get("kvn").getAsString(), 16),
                    Hex.decode(ko.get("enc").getAsString()), Hex.decode(ko.get("mac").getAsString()),
                    Hex.decode(ko.get("dek").getAsString()), ko.get("sequenceCounter").getAsInt()));
        }
        byte[] iin = Hex.decode(d.get("iin").getAsString());
        byte[] cin = Hex.decode(d.get("cin").getAsString());
        if (iin.length > 0) {
            data.iin(iin);
        }
        if (cin.length > 0) {
            data.cin(cin);
        }
        return RegistryEntry.securityDomain(aid, lf, module, lc, priv, sd, data);
    }
}
