package dev.inkan.generator.ast;

import dev.inkan.generator.diag.Span;
import java.util.List;

/** Top-level declarations of a spec file. */
public sealed interface Decl {
    Span span();

    List<Annotation> annotations();

    record EnumMember(List<Annotation> annotations, Name name, Long code) {
    }

    record EnumDecl(Span span, List<Annotation> annotations, Name name, List<EnumMember> members) implements Decl {
    }

    record DomainDecl(Span span, List<Annotation> annotations, List<Name> names) implements Decl {
    }

    record RoleDecl(Span span, List<Annotation> annotations, List<Name> names) implements Decl {
    }

    record FunctionDecl(Span span, List<Annotation> annotations, Name name, List<Param> params, TypeRef result,
                        Expr body) implements Decl {
    }

    record MachineDecl(Span span, List<Annotation> annotations, Name name, List<Param> params,
                       List<Member.Var> vars, List<Member.States> states, List<Member.Event> events,
                       List<Member.Transition> transitions, List<Member.Ignore> ignores) implements Decl {
    }

    record MonitorDecl(Span span, List<Annotation> annotations, Name name, List<Param> params,
                       List<Member.Var> vars, List<Member.States> states,
                       List<Member.Observation> observations) implements Decl {
    }

    record InvariantDecl(Span span, List<Annotation> annotations, Name name, Expr body) implements Decl {
    }

    record DomainSize(Name domain, Span sizeSpan, int size) {
    }

    record SystemDecl(Span span, List<Annotation> annotations, Name name, List<DomainSize> sizes) implements Decl {
    }

    record SecurityDomainDecl(Span span, List<Annotation> annotations, Name name, byte[] aid, Span aidSpan,
                              Name owner, Name parent) implements Decl {
    }

    record AppletDecl(Span span, List<Annotation> annotations, Name name, Name machine, byte[] aid, Span aidSpan,
                      Name domain, Name installed, List<Applet.Pin> pins, List<Applet.File> files,
                      List<Applet.Command> commands) implements Decl {
    }

    record ProtocolDecl(Span span, List<Annotation> annotations, Name name, List<Param> params, List<Name> roles,
                        List<Protocol.Step> steps) implements Decl {
    }
}
