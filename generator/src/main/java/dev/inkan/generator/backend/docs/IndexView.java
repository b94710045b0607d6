package dev.inkan.generator.backend.docs;

import java.util.List;

/** What {@code index.vm} prints: one row of counts per spec file, a total, and what each file declares. */
public record IndexView(String header, String requirements, List<Row> rows, Row total, List<String> contents) {

    public record Row(String file, String page, int machines, int states, int transitions, int monitors,
                      int invariants, int applets, int commands, int protocols, int requirements) {
    }
}
