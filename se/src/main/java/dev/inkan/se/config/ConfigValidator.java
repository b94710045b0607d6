package dev.inkan.se.config;

import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;

/** Checks a {@link SeConfig}; every message names the offending key. */
final class ConfigValidator {
    private ConfigValidator() {
    }

    static void validate(SeConfig c) {
        require(c.vpcd != null, "vpcd", "missing");
        require(c.vpcd.host != null && !c.vpcd.host.isBlank(), "vpcd.host", "missing");
        require(c.vpcd.port > 0 && c.vpcd.port < 65536, "vpcd.port", "must be 1..65535");
        try {
            Atr.check(Hex.decode(c.atr));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atr: " + e.getMessage());
        }
        require(c.logicalChannels >= 1 && c.logicalChannels <= 20, "logicalChannels", "must be 1..20");
        int card = parse(() -> LifeCycle.parse(c.cardLifeCycle), "cardLifeCycle");
        require(card == LifeCycle.CARD_OP_READY || card == LifeCycle.CARD_INITIALIZED
                || card == LifeCycle.CARD_SECURED || card == LifeCycle.CARD_LOCKED, "cardLifeCycle",
                "must be OP_READY, INITIALIZED, SECURED or CARD_LOCKED");
        require(c.isd != null, "isd", "missing");
        aid(c.isd.aid, "isd.aid");
        require(!c.isd.keySets.isEmpty(), "isd.keySets", "the ISD needs at least one key set");
        domain(c.isd.keySets, c.isd.keyDiversificationData, c.isd.minimumSecurityLevel, "isd");
        if (c.isd.iin != null) {
            hex(c.isd.iin, "isd.iin", 1, 16);
        }
        if (c.isd.cin != null) {
            hex(c.isd.cin, "isd.cin", 1, 16);
        }
        for (int i = 0; i < c.loadFiles.size(); i++) {
            SeConfig.LoadFile lf = c.loadFiles.get(i);
            String k = "loadFiles[" + i + "]";
            aid(lf.aid, k + ".aid");
            require(!lf.modules.isEmpty(), k + ".modules", "a load file needs a module");
            for (int j = 0; j < lf.modules.size(); j++) {
                aid(lf.modules.get(j).aid, k + ".modules[" + j + "].aid");
                require(lf.modules.get(j).className != null, k + ".modules[" + j + "].className", "missing");
            }
        }
        if (c.instances != null) {
            for (int i = 0; i < c.instances.size(); i++) {
                SeConfig.Instance in = c.instances.get(i);
                String k = "instances[" + i + "]";
                aid(in.aid, k + ".aid");
                aid(in.loadFile, k + ".loadFile");
                aid(in.module, k + ".module");
                if (in.securityDomain != null) {
                    aid(in.securityDomain, k + ".securityDomain");
                }
                parse(() -> Privileges.parse(in.privileges), k + ".privileges");
                hex(in.parameters == null ? "" : in.parameters, k + ".parameters", 0, 255);
                parse(() -> LifeCycle.parse(in.lifeCycle), k + ".lifeCycle");
                if (Privileges.has(Privileges.parse(in.privileges), Privileges.SECURITY_DOMAIN)) {
                    domain(in.keySets, in.keyDiversificationData, in.minimumSecurityLevel, k);
                }
            }
        }
        for (int i = 0; i < c.accessRules.size(); i++) {
            SeConfig.AccessRule r = c.accessRules.get(i);
            String k = "accessRules[" + i + "]";
            if (r.aid != null) {
                aid(r.aid, k + ".aid");
            }
            if (r.hash != null) {
                int n = hex(r.hash, k + ".hash", 20, 32);
                require(n == 20 || n == 32, k + ".hash", "SHA-1 (20 bytes) or SHA-256 (32 bytes)");
            }
            require(r.apdu != null, k + ".apdu", "missing");
            if (!r.apdu.equals("always") && !r.apdu.equals("never")) {
                int n = hex(r.apdu, k + ".apdu", 8, 248);
                require(n % 8 == 0, k + ".apdu", "filters are 8 bytes each (header 4, mask 4)");
            }
            require(r.nfc == null || r.nfc.equals("always") || r.nfc.equals("never"), k + ".nfc",
                    "always, never or absent");
        }
    }

    /** Rejects keys the configuration classes do not know (a misspelt key must not pass silently). */
    static void checkKeys(com.google.gson.JsonObject json, Class<?> type, String path) {
        for (java.util.Map.Entry<String, com.google.gson.JsonElement> e : json.entrySet()) {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            java.lang.reflect.Field f;
            try {
                f = type.getField(e.getKey());
            } catch (NoSuchFieldException ex) {
                throw new IllegalArgumentException(key + ": unknown key");
            }
            com.google.gson.JsonElement v = e.getValue();
            Class<?> ft = f.getType();
            if (v.isJsonObject() && ft.getName().startsWith("dev.inkan.se.config.")) {
                checkKeys(v.getAsJsonObject(), ft, key);
            } else if (v.isJsonArray() && java.util.List.class.isAssignableFrom(ft)) {
                Class<?> element = (Class<?>) ((java.lang.reflect.ParameterizedType) f.getGenericType())
                        .getActualTypeArguments()[0];
                int i = 0;
                for (com.google.gson.JsonElement item : v.getAsJsonArray()) {
                    if (item.isJsonObject()) {
                        checkKeys(item.getAsJsonObject(), element, key + "[" + i + "]");
                    }
                    i++;
                }
            }
        }
    }

    private static void domain(java.util.List<SeConfig.KeySet> keySets, String kdd, String level, String k) {
        hex(kdd, k + ".keyDiversificationData", 10, 10);
        int l = parse(() -> Integer.parseInt(level, 16), k + ".minimumSecurityLevel");
        require(SecurityLevel.isValid(l), k + ".minimumSecurityLevel", "must be 00, 01, 03, 11, 13 or 33");
        for (int i = 0; i < keySets.size(); i++) {
            SeConfig.KeySet ks = keySets.get(i);
            String kk = k + ".keySets[" + i + "]";
            int kvn = parse(() -> Integer.parseInt(ks.kvn, 16), kk + ".kvn");
            require(kvn >= 1 && kvn <= 0xFF, kk + ".kvn", "must be 01..FF");
            int n = hex(ks.enc, kk + ".enc", 16, 32);
            require(n == 16 || n == 32, kk + ".enc", "an SCP03 key is AES-128 or AES-256 (16 or 32 bytes)");
            hex(ks.mac, kk + ".mac", n, n);
            hex(ks.dek, kk + ".dek", n, n);
            hex(ks.sequenceCounter, kk + ".sequenceCounter", 3, 3);
        }
    }

    private static void aid(String value, String key) {
        require(value != null, key, "missing");
        int n = hex(value, key, 5, 16);
        require(Aid.validLength(n), key, "an AID has 5 to 16 bytes");
    }

    private static int hex(String value, String key, int min, int max) {
        require(value != null, key, "missing");
        byte[] b;
        try {
            b = Hex.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": not hex: " + value);
        }
        require(b.length >= min && b.length <= max, key, "needs " + min + ".." + max + " bytes, has " + b.length);
        return b.length;
    }

    private static int parse(java.util.function.IntSupplier s, String key) {
        try {
            return s.getAsInt();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + message);
        }
    }
}
