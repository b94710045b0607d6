package dev.inkan.properties.adapter.jcardsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class loader behind the test-only fault seams ({@link AppletFault}, {@link SeFault}): it
 * defines the classes {@code childFirst} selects itself, from the production bytecode its parent
 * sees, after {@code mutation}; everything else comes from the parent. Production code is never
 * changed; only the test's loader sees the fault.
 */
final class MutatingLoader extends ClassLoader {
    /** One targeted change to a class's bytecode (the bytes as they are when it has nothing to change). */
    @FunctionalInterface
    interface Mutation {
        byte[] apply(String className, byte[] bytes);
    }

    /** Wraps the visitor of one method; counts in {@code applied[0]} each change it makes. */
    @FunctionalInterface
    interface MethodMutator {
        MethodVisitor visit(String name, String desc, MethodVisitor mv, int[] applied);
    }

    private final Predicate<String> childFirst;
    private final Mutation mutation;

    MutatingLoader(String name, ClassLoader parent, Predicate<String> childFirst, Mutation mutation) {
        super(name, parent);
        this.childFirst = childFirst;
        this.mutation = mutation;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!childFirst.test(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = mutation.apply(name, read(name));
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code bytes} with every method passed through {@code mutator}, frames recomputed (a mutation
     * may add a branch; every type merged in the mutated classes is taken as an Object). Fails
     * unless the mutator changed something exactly {@code expected} times (0: at least once): a
     * fault that no longer finds its target means the production code moved on.
     */
    static byte[] rewrite(String fault, String className, byte[] bytes, int expected, MethodMutator mutator) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        int[] applied = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return mutator.visit(name, desc, super.visitMethod(access, name, desc, sig, exceptions), applied);
            }
        }, 0);
        if (expected == 0 ? applied[0] == 0 : applied[0] != expected) {
            throw new IllegalStateException(fault + ": the mutation applied " + applied[0] + " times in " + className
                    + "; the production code changed, update the fault");
        }
        return writer.toByteArray();
    }
}
