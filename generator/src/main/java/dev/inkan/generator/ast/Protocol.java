package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Steps of a protocol: messages between roles, SE scripts, and alt/opt/loop blocks. */
public final class Protocol {
    private Protocol() {
    }

    public sealed interface Step {
        Span span();

        List<Annotation> annotations();
    }

    /** {@code Machine(args).event(args)} fired by a message. */
    public record Fired(Span span, Name machine, List<Expr> instanceArgs, Name event, List<Expr> args) {
    }

    public record Message(Span span, List<Annotation> annotations, Name from, Name to, Name message,
                          List<Expr> args, List<Fired> fired) implements Step {
    }

    public record ScriptArg(Span span, Name name, Expr value, byte[] bytes) {
    }

    public record ScriptCommand(Span span, List<Annotation> annotations, Name command, List<ScriptArg> args,
                                List<Integer> expected) {
    }

    public record Script(Span span, List<Annotation> annotations, Name from, Name to, Name name,
                         Name domain, Name applet, List<ScriptCommand> commands) implements Step {
    }

    public record Block(Span span, List<Annotation> annotations, String kind, String label, List<Step> steps,
                        String elseLabel, List<Step> elseSteps) implements Step {
    }
}
