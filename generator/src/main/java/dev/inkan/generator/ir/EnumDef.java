package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** An enum; members may carry a byte code used on the wire. */
public final class EnumDef extends Element {
    private final List<Member> members = new ArrayList<>();

    public EnumDef(String name, Span span) {
        super(name, span);
    }

    public List<Member> members() {
        return members;
    }

    public Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** One member; {@code code} is null when none was written. */
    public record Member(EnumDef owner, String name, int index, Integer code, Span span) {
    }
}
