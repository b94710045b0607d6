package dev.inkan.se.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of a simulated SE (JSON; every key is optional and documented in se/README.md).
 * Plain fields so Gson can fill them; {@link #validate()} checks values before use.
 */
public final class SeConfig {
    /** The vsmartcard vpcd endpoint the PC/SC face connects to. */
    public Vpcd vpcd = new Vpcd();
    /** Answer to reset, hex. */
    public String atr = Defaults.ATR;
    /** Logical channels per interface, 1..20 (basic channel included). */
    public int logicalChannels = 20;
    /** Card life cycle at first start: OP_READY, INITIALIZED, SECURED (default), CARD_LOCKED. */
    public String cardLifeCycle = "SECURED";
    /** Persistence file; absent = the SE forgets everything when the process ends. */
    public String persistence;
    /** The issuer security domain. */
    public SecurityDomain isd = SecurityDomain.defaultIsd();
    /** Load files in addition to the built-in ones (security domain, ARA-M, FeliCa stand-in). */
    public List<LoadFile> loadFiles = new ArrayList<>();
    /** Instances created at first start, in order; absent = ARA-M and the FeliCa stand-in. */
    public List<Instance> instances;
    /** Access rules written into the ARA-M at first start (through the ISD, as the SEI-TSM would). */
    public List<AccessRule> accessRules = new ArrayList<>();

    /** vpcd host and port. */
    public static final class Vpcd {
        public String host = "localhost";
        public int port = 35963;
    }

    /** A security domain: AID, key sets, diversification data, minimum security level, IIN/CIN. */
    public static final class SecurityDomain {
        public String aid;
        public List<KeySet> keySets = new ArrayList<>();
        public String keyDiversificationData = "00000000000000000000";
        /** Weakest security level EXTERNAL AUTHENTICATE may set: 00, 01, 03, 11, 13 or 33. */
        public String minimumSecurityLevel = "01";
        public String iin;
        public String cin;

        static SecurityDomain defaultIsd() {
            SecurityDomain sd = new SecurityDomain();
            sd.aid = Defaults.ISD_AID;
            sd.keySets.add(KeySet.defaultKeys());
            return sd;
        }
    }

    /** An SCP03 key set: KVN and AES keys as hex (all AES-128 or all AES-256), initial sequence counter (3 bytes hex). */
    public static final class KeySet {
        public String kvn = "30";
        public String enc;
        public String mac;
        public String dek;
        public String sequenceCounter = "000000";

        static KeySet defaultKeys() {
            KeySet k = new KeySet();
            k.enc = Defaults.TEST_KEY;
            k.mac = Defaults.TEST_KEY;
            k.dek = Defaults.TEST_KEY;
            return k;
        }
    }

    /** A load file and its modules (applet classes by name). */
    public static final class LoadFile {
        public String aid;
        public List<Module> modules = new ArrayList<>();
    }

    /** A module: AID and the applet class. */
    public static final class Module {
        public String aid;
        public String className;
    }

    /** An instance created at first start. */
    public static final class Instance {
        public String aid;
        public String loadFile;
        public String module;
        /** 1 or 3 bytes hex (GP 2.3 section 11.1.2); '80' makes a security domain. */
        public String privileges = "000000";
        /** Application parameters (the value of 'C9'), hex. */
        public String parameters = "";
        /** INSTALLED, SELECTABLE (default), PERSONALIZED (SDs) or a hex state. */
        public String lifeCycle = "SELECTABLE";
        /** AID of the associated security domain; default the ISD. */
        public String securityDomain;
        /** For security domains: keys and data. */
        public List<KeySet> keySets = new ArrayList<>();
        public String keyDiversificationData = "00000000000000000000";
        public String minimumSecurityLevel = "01";
    }

    /** An access rule for the ARA-M (GP SEAC 1.1 REF-AR-DO). */
    public static final class AccessRule {
        /** SE application AID; absent = all SE applications. */
        public String aid;
        /** SHA-1 or SHA-256 of the device application's signing certificate, hex; absent = all device applications. */
        public String hash;
        /** "always", "never", or APDU filters as hex "header(4) mask(4)" pairs separated by spaces. */
        public String apdu = "always";
        /** "always", "never" or absent. */
        public String nfc;
    }

    /**
     * Adds a load file with one module for {@code appletClass} and a selectable instance
     * {@code instanceAid} associated with the ISD. Load file AID = instance AID + 'F1', module
     * AID = instance AID + 'F2' (each cut to 16 bytes). Returns this configuration.
     */
    public SeConfig addApplet(String instanceAid, Class<? extends javacard.framework.Applet> appletClass) {
        return addApplet(instanceAid, appletClass.getName(), "000000", "", null);
    }

    /**
     * Adds a load file and a module for the applet class named {@code className}, and an instance
     * with the given privileges (hex), application parameters (hex, the value of 'C9') and
     * associated security domain (null: the ISD).
     */
    public SeConfig addApplet(String instanceAid, String className, String privileges, String parameters,
                              String securityDomain) {
        String base = instanceAid.replace(" ", "").toUpperCase();
        String stem = base.length() > 30 ? base.substring(0, 30) : base;
        LoadFile lf = new LoadFile();
        lf.aid = stem + "F1";
        Module m = new Module();
        m.aid = stem + "F2";
        m.className = className;
        lf.modules.add(m);
        loadFiles.add(lf);
        if (instances == null) {
            instances = new ArrayList<>(dev.inkan.se.config.Defaults.defaultInstances());
        }
        Instance in = new Instance();
        in.aid = base;
        in.loadFile = lf.aid;
        in.module = m.aid;
        in.privileges = privileges;
        in.parameters = parameters;
        in.securityDomain = securityDomain;
        instances.add(in);
        return this;
    }

    /** The instances that will be created: the configured ones, or the default ARA-M and FeliCa stand-in. */
    public List<Instance> effectiveInstances() {
        return instances != null ? instances : Defaults.defaultInstances();
    }

    /** Reads a JSON configuration file. */
    public static SeConfig load(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            com.google.gson.JsonElement tree = com.google.gson.JsonParser.parseString(text);
            if (!tree.isJsonObject()) {
                throw new IOException(file + ": the configuration must be a JSON object");
            }
            ConfigValidator.checkKeys(tree.getAsJsonObject(), SeConfig.class, "");
            SeConfig c = new Gson().fromJson(tree, SeConfig.class);
            Path base = file.toAbsolutePath().getParent();
            if (c.persistence != null && base != null && !Path.of(c.persistence).isAbsolute()) {
                c.persistence = base.resolve(c.persistence).toString();
            }
            c.validate();
            return c;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The configuration as pretty JSON. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(this);
    }

    /** Checks every value; throws {@link IllegalArgumentException} naming the bad key. */
    public SeConfig validate() {
        ConfigValidator.validate(this);
        return this;
    }
}
