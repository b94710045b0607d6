package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** A step of a protocol. */
public sealed interface ProtocolStep {
    Span span();

    List<ReqCitation> requirements();

    /** The step's {@code @doc} text, or null. */
    String doc();

    /** A model event a message fires: {@code PhoneCert(p, ph, t).issue()}. */
    record Fired(Span span, MachineDef machine, List<Expr> instanceArgs, EventDef event, List<Expr> args) {
    }

    record Message(Span span, List<ReqCitation> requirements, String doc, RoleDef from, RoleDef to, String message,
                   List<Expr> args, List<Fired> fired) implements ProtocolStep {
    }

    /** One command of a script; {@code args} holds a value (Expr) or byte[] per command parameter, or null. */
    record ScriptCommand(Span span, CommandDef command, List<Object> args, List<Integer> expected) {
    }

    record Script(Span span, List<ReqCitation> requirements, String doc, RoleDef from, RoleDef to, String name,
                  SecurityDomainDef domain, AppletDef applet, List<ScriptCommand> commands) implements ProtocolStep {
    }

    /** {@code alt}, {@code opt} or {@code loop}; only alt has an else branch. */
    record Block(Span span, List<ReqCitation> requirements, String doc, String kind, String label, List<ProtocolStep> steps,
                 String elseLabel, List<ProtocolStep> elseSteps) implements ProtocolStep {
    }
}
