package dev.inkan.generator.backend;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * Velocity in strict mode: a misspelled reference fails the generation instead of printing
 * {@code $foo}. Each template gets one small immutable view object, never the generator.
 */
public final class Templates {
    private static final VelocityEngine ENGINE = engine();

    private Templates() {
    }

    private static VelocityEngine engine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty("resource.loader.classpath.class",
                "org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader");
        // parse each template once: templates are part of the generator, they never change under it
        p.setProperty("resource.loader.classpath.cache", "true");
        p.setProperty("resource.loader.classpath.modification_check_interval", "-1");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        VelocityEngine e = new VelocityEngine(p);
        e.init();
        return e;
    }

    /** Renders {@code dev/inkan/generator/backend/<name>} with the given variables. */
    public static String render(String name, Map<String, Object> variables) {
        Template t = ENGINE.getTemplate("dev/inkan/generator/backend/" + name, "UTF-8");
        VelocityContext ctx = new VelocityContext();
        variables.forEach(ctx::put);
        StringWriter out = new StringWriter();
        t.merge(ctx, out);
        return out.toString();
    }
}
