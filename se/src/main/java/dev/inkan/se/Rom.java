package dev.inkan.se;

import com.licel.jcardsim.base.LoadFile;
import com.licel.jcardsim.base.Module;
import dev.inkan.se.ara.AraMApplet;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.felica.FelicaStandInApplet;
import dev.inkan.se.gp.SecurityDomainApplet;
import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javacard.framework.Applet;

/**
 * The "ROM" of the SE: the preloaded executable load files with their modules (applet classes):
 * the security domain, the ARA-M, the FeliCa stand-in, and those of the configuration.
 */
final class Rom {
    /** One load file: AID and module AID to class. */
    record Entry(Aid aid, Map<Aid, Class<? extends Applet>> modules) {
    }

    private Rom() {
    }

    static List<Entry> loadFiles(SeConfig config) {
        List<Entry> out = new ArrayList<>();
        out.add(single(Defaults.SD_LOAD_FILE, Defaults.SD_MODULE, SecurityDomainApplet.class));
        out.add(single(Defaults.ARA_LOAD_FILE, Defaults.ARA_MODULE, AraMApplet.class));
        out.add(single(Defaults.FELICA_LOAD_FILE, Defaults.FELICA_MODULE, FelicaStandInApplet.class));
        for (SeConfig.LoadFile lf : config.loadFiles) {
            Map<Aid, Class<? extends Applet>> modules = new LinkedHashMap<>();
            for (SeConfig.Module m : lf.modules) {
                modules.put(Aid.of(m.aid), appletClass(m.className));
            }
            out.add(new Entry(Aid.of(lf.aid), modules));
        }
        return out;
    }

    private static Entry single(String lf, String module, Class<? extends Applet> cls) {
        return new Entry(Aid.of(lf), Map.of(Aid.of(module), cls));
    }

    /** Loads an applet class by name with the context class loader (falling back to ours). */
    static Class<? extends Applet> appletClass(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Rom.class.getClassLoader();
        }
        Class<?> c;
        try {
            c = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("applet class not found on the class path: " + name, e);
        }
        if (!Applet.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(name + " does not extend javacard.framework.Applet");
        }
        try {
            c.getMethod("install", byte[].class, short.class, byte.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name + " has no static install(byte[], short, byte)", e);
        }
        return c.asSubclass(Applet.class);
    }

    /** Every module's class, by module AID. */
    static Map<Aid, Class<? extends Applet>> moduleClasses(List<Entry> rom) {
        Map<Aid, Class<? extends Applet>> out = new LinkedHashMap<>();
        for (Entry e : rom) {
            out.putAll(e.modules());
        }
        return out;
    }

    /** The jcardsim load file of an entry. */
    static LoadFile toJcardsim(Entry e) {
        Module[] modules = new Module[e.modules().size()];
        int i = 0;
        for (Map.Entry<Aid, Class<? extends Applet>> m : e.modules().entrySet()) {
            modules[i++] = new Module(m.getKey().toJavacard(), m.getValue());
        }
        return new LoadFile(e.aid().toJavacard(), modules);
    }
}
