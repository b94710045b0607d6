package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.properties.adapter.Implementation;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Deliberate faults in the secure element ({@code se}), for the proof that the suite bites; the
 * SE's counterpart of {@link AppletFault}, and like it a test-only seam that never touches
 * production code. The SE's classes are final and loaded once by the application class loader, so
 * a mutated SE cannot be handed to the adapter as an object: instead a child-first class loader
 * defines, from the production bytecode, the SE with one targeted ASM mutation and everything that
 * works with SE types (the applet and its generated dispatch, which call the SE's GP API;
 * {@code tsm-reference}, whose TSMs speak SE transports and keys; this adapter's main classes). The
 * model, the harness and the libraries (jcardsim, H2, BouncyCastle) stay the parent's, so the
 * adapter it defines is an {@link Implementation} the harness drives like any other.
 */
enum SeFault {
    /** The ISD (any security domain) carries out card content management without an SCP03 session (PRE-8, PRE-7, SYS-1). */
    CONTENT_MANAGEMENT_WITHOUT_SCP03("SdContext.requireAuthenticated: INSTALL, DELETE, PUT KEY, SET STATUS and STORE DATA "
            + "pass without a session (GET STATUS keeps its check)"),
    /**
     * A security domain's SCP03 session outlives its logical channel: the SP-TSM's session survives
     * the app's channel (PRE-8, ACC-1). Two places in the SE end it, and each alone suffices (the
     * platform when the channel closes, the GP API when the applet asks on its SELECT), so the
     * fault removes both: either alone is masked by the other and no chain can see it.
     */
    SESSION_OUTLIVES_CHANNEL("GlobalPlatform.deselected and the GP API's SecureChannel.resetSecurity leave the domain's "
            + "session: the SP session of a channel the app closed serves the reopened one");

    final String mutation;

    SeFault(String mutation) {
        this.mutation = mutation;
    }

    /** Packages defined afresh by the fault's loader: the SE and everything that shares its types. */
    private static final String[] CHILD_FIRST = {"dev.inkan.se.", "dev.inkan.applet.", "dev.inkan.generated.dispatch.",
        "dev.inkan.tsm.", "dev.inkan.properties.adapter.jcardsim."};

    /**
     * The full system in process on the faulty SE: the adapter's class as the fault's loader
     * defines it, which also serves as the SE's context class loader (applet classes by name).
     */
    Implementation system() {
        ClassLoader loader = new MutatingLoader("se-fault-" + name(), JcardsimSystem.class.getClassLoader(),
                SeFault::childFirst, this::mutate);
        try {
            return (Implementation) loader.loadClass(JcardsimSystem.class.getName())
                    .getConstructor(String.class, ClassLoader.class).newInstance("se-" + name(), loader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(this + ": the adapter does not start on the faulty SE", e);
        }
    }

    private static boolean childFirst(String name) {
        for (String p : CHILD_FIRST) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static final String SD_CONTEXT = "dev.inkan.se.gp.SdContext";
    private static final String GLOBAL_PLATFORM = "dev.inkan.se.gp.GlobalPlatform";
    private static final String APPLET_SECURE_CHANNEL = "dev.inkan.se.api.AppletSecureChannel";

    byte[] mutate(String className, byte[] bytes) {
        boolean target = this == CONTENT_MANAGEMENT_WITHOUT_SCP03 ? className.equals(SD_CONTEXT)
                : className.equals(GLOBAL_PLATFORM) || className.equals(APPLET_SECURE_CHANNEL);
        if (!target) {
            return bytes;
        }
        return MutatingLoader.rewrite(name(), className, bytes, 1, (name, desc, mv, applied) -> method(name, mv, applied));
    }

    private MethodVisitor method(String name, MethodVisitor mv, int[] applied) {
        switch (this) {
            case CONTENT_MANAGEMENT_WITHOUT_SCP03:
                if (!name.equals("requireAuthenticated")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        // if (SeFaultHelpers.contentManagement(this)) return;
                        Label check = new Label();
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/inkan/se/gp/SeFaultHelpers", "contentManagement",
                                "(Ldev/inkan/se/gp/SdContext;)Z", false);
                        super.visitJumpInsn(Opcodes.IFEQ, check);
                        super.visitInsn(Opcodes.RETURN);
                        super.visitLabel(check);
                        applied[0]++;
                    }
                };
            case SESSION_OUTLIVES_CHANNEL:
                if (!name.equals("deselected") && !name.equals("resetSecurity")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals("dev/inkan/se/scp03/CardSession") && m.equals("reset") && d.equals("()V")) {
                            super.visitInsn(Opcodes.POP);
                            applied[0]++;
                            return;
                        }
                        super.visitMethodInsn(op, owner, m, d, itf);
                    }
                };
            default:
                return mv;
        }
    }
}
