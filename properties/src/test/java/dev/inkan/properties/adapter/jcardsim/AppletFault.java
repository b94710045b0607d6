package dev.inkan.properties.adapter.jcardsim;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Deliberate faults in the JPKI applet, for the proof that the suite bites. Test-only seams
 * that never touch production code: a class loader defines the applet's classes
 * ({@code dev.inkan.applet.*}) from the production bytecode with one targeted mutation, and the
 * adapter starts its secure elements with that loader as the context class loader, so the SE
 * installs the faulty variant. Everything else (jcardsim, the SE, the generated dispatch) is the
 * production code.
 */
enum AppletFault {
    /** COMPUTE DIGITAL SIGNATURE does not check that the key is certified: a locked key signs (LIFE-11). */
    SIGN_WITH_LOCKED_KEY("onComputeDigitalSignature: the key state check reads CERTIFIED whatever the slot holds"),
    /** A temporary PIN counts as the user's own: the applet reports and uses it as Set (LIFE-6). */
    TEMPORARY_PIN_COUNTS_AS_SET("KeySlot.pinStatus: a temporary PIN reads as the user's PIN"),
    /** A wrong PIN entry costs no try (UX-1). */
    WRONG_ENTRY_COSTS_NO_TRY("onVerify: OwnerPIN.check replaced by a check that restores the counter after a wrong entry"),
    /** Each PIN gets two tries more than UX-1 allows. */
    PIN_TRIES_RAISED("KeySlot(): OwnerPIN made with the limit plus 2 tries"),
    /** Issuance commands pass the dispatcher's secure-messaging check without SCP03 (PRE-8). */
    ISSUANCE_WITHOUT_SCP03("securityLevel(): every command counts as authenticated at level 33"),
    /** LOCK KEY locks the key but leaves the applet state as it was (SYS-6). */
    LOCK_KEEPS_APPLET_STATE("onLockKey: no transition to the state the slots stand for"),
    /** WIPE KEY erases key and certificates but leaves the PIN (LIFE-8). */
    WIPE_KEEPS_PIN("onWipeKey: the PIN state is not reset"),
    /** STORE CERTIFICATE completes an end-entity certificate before its CA certificate (PRE-2). */
    END_ENTITY_BEFORE_CA("onStoreCert: the CA certificate counts as complete");

    final String mutation;

    AppletFault(String mutation) {
        this.mutation = mutation;
    }

    /** A loader defining the applet package from the production bytecode with this fault. */
    ClassLoader loader() {
        return new MutatingLoader("applet-fault-" + name(), JcardsimSystem.class.getClassLoader(),
                n -> n.startsWith("dev.inkan.applet."), this::mutate);
    }

    private static final String APPLET = "dev.inkan.applet.JpkiApplet";
    private static final String SLOT = "dev.inkan.applet.KeySlot";
    private static final String SLOT_INTERNAL = "dev/inkan/applet/KeySlot";

    byte[] mutate(String className, byte[] bytes) {
        boolean target = switch (this) {
            case TEMPORARY_PIN_COUNTS_AS_SET, PIN_TRIES_RAISED -> className.equals(SLOT);
            default -> className.equals(APPLET);
        };
        if (!target) {
            return bytes;
        }
        return MutatingLoader.rewrite(name(), className, bytes, 0, this::method);
    }

    private MethodVisitor method(String name, String desc, MethodVisitor mv, int[] applied) {
        switch (this) {
            case SIGN_WITH_LOCKED_KEY:
                if (!name.equals("onComputeDigitalSignature")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    boolean done;

                    @Override
                    public void visitFieldInsn(int op, String owner, String field, String d) {
                        if (!done && op == Opcodes.GETFIELD && owner.equals(SLOT_INTERNAL) && field.equals("keyState")) {
                            super.visitInsn(Opcodes.POP);
                            super.visitInsn(Opcodes.ICONST_2);
                            done = true;
                            applied[0]++;
                            return;
                        }
                        super.visitFieldInsn(op, owner, field, d);
                    }
                };
            case TEMPORARY_PIN_COUNTS_AS_SET:
                if (!name.equals("pinStatus")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int op) {
                        if (op == Opcodes.IRETURN) {
                            // status == TEMPORARY (1) ? SET (2) : status
                            super.visitInsn(Opcodes.DUP);
                            super.visitInsn(Opcodes.ICONST_1);
                            org.objectweb.asm.Label keep = new org.objectweb.asm.Label();
                            super.visitJumpInsn(Opcodes.IF_ICMPNE, keep);
                            super.visitInsn(Opcodes.POP);
                            super.visitInsn(Opcodes.ICONST_2);
                            super.visitLabel(keep);
                            applied[0]++;
                        }
                        super.visitInsn(op);
                    }
                };
            case PIN_TRIES_RAISED:
                if (!name.equals("<init>")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitVarInsn(int op, int var) {
                        super.visitVarInsn(op, var);
                        if (op == Opcodes.ILOAD && var == 3) {
                            super.visitInsn(Opcodes.ICONST_2);
                            super.visitInsn(Opcodes.IADD);
                            super.visitInsn(Opcodes.I2B);
                            applied[0]++;
                        }
                    }
                };
            case WRONG_ENTRY_COSTS_NO_TRY:
                if (!name.equals("onVerify")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (m.equals("check") && owner.equals("javacard/framework/OwnerPIN")) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/inkan/applet/FaultHelpers",
                                    "checkWithoutCost", "(Ljavacard/framework/OwnerPIN;[BSB)Z", false);
                            applied[0]++;
                            return;
                        }
                        super.visitMethodInsn(op, owner, m, d, itf);
                    }
                };
            case ISSUANCE_WITHOUT_SCP03:
                if (!name.equals("securityLevel") || !desc.equals("()B")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int op) {
                        if (op == Opcodes.IRETURN) {
                            super.visitInsn(Opcodes.POP);
                            super.visitIntInsn(Opcodes.BIPUSH, (byte) 0xB3);
                            applied[0]++;
                        }
                        super.visitInsn(op);
                    }
                };
            case LOCK_KEEPS_APPLET_STATE:
                if (!name.equals("onLockKey")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (m.equals("transition") && d.equals("(B)V")) {
                            super.visitInsn(Opcodes.POP2);
                            applied[0]++;
                            return;
                        }
                        super.visitMethodInsn(op, owner, m, d, itf);
                    }
                };
            case WIPE_KEEPS_PIN:
                if (!name.equals("onWipeKey")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitFieldInsn(int op, String owner, String field, String d) {
                        if (op == Opcodes.PUTFIELD && owner.equals(SLOT_INTERNAL) && field.equals("pinState")) {
                            super.visitInsn(Opcodes.POP2);
                            applied[0]++;
                            return;
                        }
                        super.visitFieldInsn(op, owner, field, d);
                    }
                };
            case END_ENTITY_BEFORE_CA:
                if (!name.equals("onStoreCert")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (m.equals("complete") && d.equals("()Z")) {
                            super.visitInsn(Opcodes.POP);
                            super.visitInsn(Opcodes.ICONST_1);
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
