package dev.inkan.properties.suite;

import dev.inkan.properties.model.ModelCompiler;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.runtime.model.Model;

/** Finds a model again from the origin failure and coverage files record ({@code class X} or {@code spec DIR}). */
public final class ModelOrigins {
    private ModelOrigins() {
    }

    public static ModelSource load(String origin) {
        String o = origin.trim();
        if (o.startsWith("class ")) {
            String name = o.substring(6).trim();
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                Class<?> c = Class.forName(name, true, cl == null ? ModelOrigins.class.getClassLoader() : cl);
                return ModelSource.ofClass(c.asSubclass(Model.class));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("model class " + name + " is not on the class path (is generated/ "
                        + "there? run ./inkan spec generate)", e);
            }
        }
        if (o.startsWith("spec ")) {
            return ModelCompiler.compile(RepoPaths.resolve(o.substring(5).trim()));
        }
        throw new IllegalArgumentException("not a model origin (class NAME or spec DIR): " + origin);
    }
}
