package dev.inkan.generator.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects diagnostics instead of throwing, so one bad machine does not hide the problems of
 * the others. One factory method per kind of problem keeps the wording consistent and testable.
 */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        Collections.sort(copy);
        return copy;
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public int errorCount() {
        return (int) all.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    public int warningCount() {
        return all.size() - errorCount();
    }

    public void error(Span span, String code, String message) {
        all.add(new Diagnostic(Severity.ERROR, span, code, message, null));
    }

    public void warning(Span span, String code, String message) {
        all.add(new Diagnostic(Severity.WARNING, span, code, message, null));
    }

    // ------------------------------------------------------------------ reading files

    public void cannotRead(Span span, String what, String why) {
        error(span, "io", "cannot read " + what + ": " + why);
    }

    public void syntax(Span span, String message) {
        error(span, "syntax", message);
    }

    public void importCycle(Span span, String path) {
        warning(span, "import-cycle", "import of '" + path + "' closes a cycle; it is read once");
    }

    // ------------------------------------------------------------------ names

    public void duplicate(Span span, String kind, String name, Span previous) {
        all.add(new Diagnostic(Severity.ERROR, span, "duplicate-name",
                "duplicate " + kind + " '" + name + "' (first declared at " + previous.location() + ")",
                previous));
    }

    public void unknown(Span span, String kind, String name) {
        error(span, "unknown-name", "unknown " + kind + " '" + name + "'");
    }

    public void unknown(Span span, String kind, String name, String where) {
        error(span, "unknown-name", "unknown " + kind + " '" + name + "' " + where);
    }

    public void ambiguous(Span span, String name, String first, String second) {
        error(span, "ambiguous-name", "'" + name + "' is ambiguous: it names " + first + " and " + second);
    }

    public void wrongKind(Span span, String name, String expected, String actual) {
        error(span, "wrong-kind", "'" + name + "' is " + actual + ", not " + expected);
    }

    // ------------------------------------------------------------------ types

    public void typeMismatch(Span span, String context, String expected, String actual) {
        error(span, "type", context + ": expected " + expected + ", found " + actual);
    }

    public void arity(Span span, String what, int expected, int actual) {
        error(span, "arity", what + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                + ", found " + actual);
    }

    public void badType(Span span, String message) {
        error(span, "type", message);
    }

    // ------------------------------------------------------------------ structure

    public void invalid(Span span, String message) {
        error(span, "invalid", message);
    }

    public void unreachableState(Span span, String machine, String state) {
        error(span, "unreachable-state", "state '" + state + "' of " + machine
                + " is unreachable from the initial state");
    }

    public void noWayOut(Span span, String machine, String state) {
        error(span, "no-way-out", "state '" + state + "' of " + machine
                + " has no transition to another state and is not final");
    }

    public void overlappingGuards(Span span, String event, String state, Span other, String witness) {
        all.add(new Diagnostic(Severity.ERROR, span, "overlapping-guards",
                "guards of '" + event + "' from state '" + state + "' overlap with the transition at "
                        + other.location() + " (both hold when " + witness + ")", other));
    }

    public void unusedEvent(Span span, String machine, String event, String why) {
        warning(span, "unused-event", "event '" + event + "' of " + machine + " " + why);
    }

    public void commandClash(Span span, String applet, String command, String other, Span otherSpan) {
        all.add(new Diagnostic(Severity.ERROR, span, "command-clash",
                "command '" + command + "' of applet " + applet + " has the same CLA/INS/P1/P2 as '"
                        + other + "' (" + otherSpan.location() + ")", otherSpan));
    }

    public void unknownRequirement(Span span, String id) {
        warning(span, "unknown-requirement", "requirement " + id + " is not defined in REQUIREMENTS.md");
    }
}
