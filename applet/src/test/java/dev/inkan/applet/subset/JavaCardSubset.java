package dev.inkan.applet.subset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Checks compiled classes against the Java Card subset (Java Card 3.0.5 Virtual Machine
 * Specification, classic edition, 2.2): no String, long, float, double, char or int in
 * signatures and arrays, no generic signatures, no java.util, no reflection, no lambdas or
 * invokedynamic, no synchronization, no multidimensional arrays, and no class outside the Java
 * Card API, the applet's own packages and the SE's applet API. Works on bytecode, so it also
 * catches what javac adds (string concatenation, boxing, assertions).
 */
public final class JavaCardSubset {
    /** One finding: where and what kind. */
    public record Violation(String where, Kind kind, String detail) {
        @Override
        public String toString() {
            return where + ": " + kind.text + " (" + detail + ")";
        }
    }

    /** What a finding is about. */
    public enum Kind {
        STRING("String"),
        LONG("long"),
        FLOAT("float"),
        DOUBLE("double"),
        CHAR("char"),
        INT("int in a signature or array (optional in Java Card)"),
        GENERICS("generic signature"),
        JAVA_UTIL("java.util"),
        REFLECTION("reflection"),
        LAMBDA("lambda or invokedynamic"),
        SYNCHRONIZED("synchronization"),
        MULTI_ARRAY("multidimensional array"),
        FOREIGN_CLASS("class outside the Java Card API");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** Packages (internal names) code may use besides java.lang's Java Card classes. */
    private static final List<String> ALLOWED_PACKAGES = List.of("javacard/", "javacardx/", "dev/inkan/applet/",
            "dev/inkan/generated/dispatch/", "dev/inkan/se/api/");

    /** java.lang as Java Card has it (JC 3.0.5 API, package java.lang). */
    private static final List<String> JAVA_LANG = List.of("java/lang/Object", "java/lang/Throwable",
            "java/lang/Exception", "java/lang/RuntimeException", "java/lang/ArithmeticException",
            "java/lang/ArrayIndexOutOfBoundsException", "java/lang/ArrayStoreException",
            "java/lang/ClassCastException", "java/lang/IndexOutOfBoundsException",
            "java/lang/NegativeArraySizeException", "java/lang/NullPointerException", "java/lang/SecurityException");

    private final List<Violation> found = new ArrayList<>();

    private JavaCardSubset() {
    }

    /** Every violation in the .class files under {@code root} (recursively). */
    public static List<Violation> scanTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            return scan(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Violation> scan(List<Path> classFiles) {
        JavaCardSubset s = new JavaCardSubset();
        for (Path p : classFiles) {
            try (InputStream in = Files.newInputStream(p)) {
                s.check(new ClassReader(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s.found;
    }

    /** Violations of one class given by its bytes. */
    public static List<Violation> scan(byte[] classFile) {
        JavaCardSubset s = new JavaCardSubset();
        s.check(new ClassReader(classFile));
        return s.found;
    }

    private void check(ClassReader reader) {
        ClassNode c = new ClassNode();
        reader.accept(c, 0);
        String where = c.name.replace('/', '.');
        if (c.signature != null) {
            add(where, Kind.GENERICS, c.signature);
        }
        if (c.superName != null) {
            owner(where, c.superName);
        }
        for (String i : c.interfaces) {
            owner(where, i);
        }
        for (FieldNode f : c.fields) {
            String w = where + "." + f.name;
            if (f.signature != null) {
                add(w, Kind.GENERICS, f.signature);
            }
            type(w, Type.getType(f.desc));
        }
        for (MethodNode m : c.methods) {
            method(where + "." + m.name + m.desc, m);
        }
    }

    private void method(String where, MethodNode m) {
        if (m.signature != null) {
            add(where, Kind.GENERICS, m.signature);
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            add(where, Kind.SYNCHRONIZED, "synchronized method");
        }
        Type mt = Type.getMethodType(m.desc);
        type(where, mt.getReturnType());
        for (Type a : mt.getArgumentTypes()) {
            type(where, a);
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (t.type != null) {
                owner(where, t.type);
            }
        }
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            instruction(where, insn);
        }
    }

    private void instruction(String where, AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (insn instanceof InvokeDynamicInsnNode d) {
            add(where, Kind.LAMBDA, "invokedynamic " + d.name + " via " + d.bsm.getOwner());
            return;
        }
        if (insn instanceof MethodInsnNode mi) {
            owner(where, mi.owner);
            Type mt = Type.getMethodType(mi.desc);
            type(where, mt.getReturnType());
            for (Type a : mt.getArgumentTypes()) {
                type(where, a);
            }
            return;
        }
        if (insn instanceof FieldInsnNode fi) {
            owner(where, fi.owner);
            type(where, Type.getType(fi.desc));
            return;
        }
        if (insn instanceof TypeInsnNode ti) {
            type(where, Type.getObjectType(ti.desc));
            return;
        }
        if (insn instanceof MultiANewArrayInsnNode ma) {
            add(where, Kind.MULTI_ARRAY, ma.desc);
            return;
        }
        if (insn instanceof LdcInsnNode ldc) {
            Object v = ldc.cst;
            if (v instanceof String s) {
                add(where, Kind.STRING, "constant \"" + s + "\"");
            } else if (v instanceof Long) {
                add(where, Kind.LONG, "constant " + v);
            } else if (v instanceof Float) {
                add(where, Kind.FLOAT, "constant " + v);
            } else if (v instanceof Double) {
                add(where, Kind.DOUBLE, "constant " + v);
            } else if (v instanceof Type t) {
                add(where, Kind.REFLECTION, "class literal " + t.getClassName());
            } else if (v instanceof Handle h) {
                add(where, Kind.LAMBDA, "method handle " + h.getOwner() + "." + h.getName());
            } else if (!(v instanceof Integer)) {
                add(where, Kind.LAMBDA, "dynamic constant " + v);
            }
            return;
        }
        if (insn instanceof IntInsnNode ii && op == Opcodes.NEWARRAY) {
            switch (ii.operand) {
                case Opcodes.T_LONG -> add(where, Kind.LONG, "long[]");
                case Opcodes.T_FLOAT -> add(where, Kind.FLOAT, "float[]");
                case Opcodes.T_DOUBLE -> add(where, Kind.DOUBLE, "double[]");
                case Opcodes.T_CHAR -> add(where, Kind.CHAR, "char[]");
                case Opcodes.T_INT -> add(where, Kind.INT, "int[]");
                default -> {
                }
            }
            return;
        }
        Kind k = opcodeKind(op);
        if (k != null) {
            add(where, k, org.objectweb.asm.util.Printer.OPCODES.length > op && op >= 0
                    ? org.objectweb.asm.util.Printer.OPCODES[op] : "opcode " + op);
        }
    }

    /** The kind of a long, float, double, char, int-array or monitor opcode, else null. */
    private static Kind opcodeKind(int op) {
        switch (op) {
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.LLOAD, Opcodes.LSTORE, Opcodes.LALOAD, Opcodes.LASTORE,
                    Opcodes.LADD, Opcodes.LSUB, Opcodes.LMUL, Opcodes.LDIV, Opcodes.LREM, Opcodes.LNEG, Opcodes.LSHL,
                    Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR, Opcodes.I2L, Opcodes.L2I,
                    Opcodes.LCMP, Opcodes.LRETURN:
                return Kind.LONG;
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2, Opcodes.FLOAD, Opcodes.FSTORE, Opcodes.FALOAD,
                    Opcodes.FASTORE, Opcodes.FADD, Opcodes.FSUB, Opcodes.FMUL, Opcodes.FDIV, Opcodes.FREM, Opcodes.FNEG,
                    Opcodes.I2F, Opcodes.F2I, Opcodes.L2F, Opcodes.F2L, Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.FRETURN:
                return Kind.FLOAT;
            case Opcodes.DCONST_0, Opcodes.DCONST_1, Opcodes.DLOAD, Opcodes.DSTORE, Opcodes.DALOAD, Opcodes.DASTORE,
                    Opcodes.DADD, Opcodes.DSUB, Opcodes.DMUL, Opcodes.DDIV, Opcodes.DREM, Opcodes.DNEG, Opcodes.I2D,
                    Opcodes.D2I, Opcodes.L2D, Opcodes.D2L, Opcodes.F2D, Opcodes.D2F, Opcodes.DCMPL, Opcodes.DCMPG,
                    Opcodes.DRETURN:
                return Kind.DOUBLE;
            case Opcodes.CALOAD, Opcodes.CASTORE, Opcodes.I2C:
                return Kind.CHAR;
            case Opcodes.IALOAD, Opcodes.IASTORE:
                return Kind.INT;
            case Opcodes.MONITORENTER, Opcodes.MONITOREXIT:
                return Kind.SYNCHRONIZED;
            default:
                return null;
        }
    }

    /** A type used in a signature, field, cast or array. */
    private void type(String where, Type t) {
        switch (t.getSort()) {
            case Type.LONG -> add(where, Kind.LONG, t.getDescriptor());
            case Type.FLOAT -> add(where, Kind.FLOAT, t.getDescriptor());
            case Type.DOUBLE -> add(where, Kind.DOUBLE, t.getDescriptor());
            case Type.CHAR -> add(where, Kind.CHAR, t.getDescriptor());
            case Type.INT -> add(where, Kind.INT, t.getDescriptor());
            case Type.ARRAY -> {
                if (t.getDimensions() > 1) {
                    add(where, Kind.MULTI_ARRAY, t.getDescriptor());
                }
                type(where, t.getElementType());
            }
            case Type.OBJECT -> owner(where, t.getInternalName());
            default -> {
            }
        }
    }

    /** A class referenced as owner, super type, exception or object type. */
    private void owner(String where, String internalName) {
        if (internalName.startsWith("[")) {
            type(where, Type.getType(internalName));
            return;
        }
        if (internalName.equals("java/lang/String") || internalName.equals("java/lang/StringBuilder")
                || internalName.equals("java/lang/StringBuffer")) {
            add(where, Kind.STRING, internalName);
        } else if (internalName.startsWith("java/util/")) {
            add(where, Kind.JAVA_UTIL, internalName);
        } else if (internalName.startsWith("java/lang/reflect/") || internalName.equals("java/lang/Class")
                || internalName.equals("java/lang/ClassLoader")) {
            add(where, Kind.REFLECTION, internalName);
        } else if (internalName.startsWith("java/lang/invoke/")) {
            add(where, Kind.LAMBDA, internalName);
        } else if (internalName.equals("java/lang/Long")) {
            add(where, Kind.LONG, internalName);
        } else if (internalName.equals("java/lang/Float")) {
            add(where, Kind.FLOAT, internalName);
        } else if (internalName.equals("java/lang/Double")) {
            add(where, Kind.DOUBLE, internalName);
        } else if (!JAVA_LANG.contains(internalName) && ALLOWED_PACKAGES.stream().noneMatch(internalName::startsWith)) {
            add(where, Kind.FOREIGN_CLASS, internalName);
        }
    }

    private void add(String where, Kind kind, String detail) {
        found.add(new Violation(where, kind, detail));
    }
}
