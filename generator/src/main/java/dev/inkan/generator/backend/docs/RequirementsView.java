package dev.inkan.generator.backend.docs;

import java.util.List;

/**
 * What {@code requirements.md} prints: requirement -> spec element -> generated test. {@code untested}:
 * requirements only declarations (enums, roles, ...) cite, which no generated suite covers.
 */
public record RequirementsView(String header, String summary, String suitesPackage, boolean requirementsKnown,
                               List<Requirement> uncovered, List<Requirement> untested, List<Requirement> undefined,
                               List<Section> sections) {

    /** A requirement id with its one-line text from REQUIREMENTS.md (empty when it has none). */
    public record Requirement(String id, String anchor, String text) {
    }

    /** One element citing the requirement, and the suite that covers it. */
    public record Row(String kind, String element, String source, String test) {
    }

    public record Section(String id, String text, boolean defined, List<Row> rows, String tests) {
    }
}
