package dev.inkan.properties.model;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the generated model's package from its own URLs first, so a model compiled at run time
 * is not shadowed by the {@code SpecModel} of {@code generated/} on the class path; everything
 * else (the runtime engine in particular) comes from the parent, so both sides share
 * {@code Model}.
 */
final class ChildFirstLoader extends URLClassLoader {
    private static final String OWN = "dev.inkan.generated.";

    static {
        registerAsParallelCapable();
    }

    private final String origin;

    ChildFirstLoader(URL[] urls, ClassLoader parent, String origin) {
        super(urls, parent);
        this.origin = origin;
    }

    /** Where the classes come from ({@code spec DIR}), or null. */
    String origin() {
        return origin;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OWN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
