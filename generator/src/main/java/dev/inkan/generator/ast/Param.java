package dev.inkan.generator.ast;

/** {@code name: Type}, for machine, event, function and command parameters and binders. */
public record Param(Name name, TypeRef type) {
}
