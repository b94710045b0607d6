package dev.inkan.applet.tearing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Loads the applet's classes with a call to {@link Tearing#point} before every persistent write
 * (field and array stores) and every call into the Java Card platform, and with the transaction
 * calls routed through {@link Tearing}. Everything else comes from the parent loader. Set it as
 * the thread's context class loader before starting an SE: the SE loads applet classes through it.
 */
public final class TearingClassLoader extends ClassLoader {
    private static final String TEARING = Tearing.class.getName().replace('.', '/');
    private final Set<String> instrumented;

    public TearingClassLoader(ClassLoader parent, Set<String> instrumented) {
        super(parent);
        this.instrumented = Set.copyOf(instrumented);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!instrumented.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] b = instrument(original(name));
                c = defineClass(name, b, 0, b.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private byte[] original(String name) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] instrument(byte[] original) {
        ClassReader r = new ClassReader(original);
        ClassWriter w = new ClassWriter(r, ClassWriter.COMPUTE_MAXS);
        r.accept(new ClassVisitor(Opcodes.ASM9, w) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name.substring(name.lastIndexOf('/') + 1);
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                String where = owner + "." + name;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    private void point(String what) {
                        super.visitLdcInsn(where + ": " + what);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, TEARING, "point", "(Ljava/lang/String;)V", false);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String fOwner, String fName, String fDesc) {
                        if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                            point("write " + fName);
                        }
                        super.visitFieldInsn(opcode, fOwner, fName, fDesc);
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
                            point("array store");
                        }
                        super.visitInsn(opcode);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String mOwner, String mName, String mDesc, boolean itf) {
                        if (mOwner.equals("javacard/framework/JCSystem") && (mName.equals("beginTransaction")
                                || mName.equals("commitTransaction") || mName.equals("abortTransaction"))) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, TEARING, mName, "()V", false);
                            return;
                        }
                        if (mOwner.startsWith("javacard") || mOwner.startsWith("dev/inkan/se/api/")) {
                            point(mOwner.substring(mOwner.lastIndexOf('/') + 1) + "." + mName);
                        }
                        super.visitMethodInsn(opcode, mOwner, mName, mDesc, itf);
                    }
                };
            }
        }, 0);
        return w.toByteArray();
    }
}
