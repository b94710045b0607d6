package dev.inkan.generator.backend;

/** A file the generator writes, relative to {@code generated/}. */
public record GeneratedFile(String path, String content) {
}
