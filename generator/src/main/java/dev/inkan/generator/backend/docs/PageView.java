package dev.inkan.generator.backend.docs;

import java.util.List;

/**
 * What {@code page.vm} prints for one spec file. Every string is ready Markdown: table cells are
 * escaped, Mermaid lines are valid.
 */
public record PageView(String header, String title, String index, List<String> contents,
                       List<MachineView> machines, List<MonitorView> monitors, List<InvariantView> invariants,
                       List<AppletView> applets, List<ProtocolView> protocols, List<DeclarationRow> declarations) {

    /** Under a section's heading: the declaration, its source and requirements on one line, and its doc line. */
    public record Intro(String line, String doc) {
    }

    public record VariableRow(String name, String type, String initial) {
    }

    public record EventRow(String name, String params, String role, String internal, String requirements,
                           String notes) {
    }

    public record TransitionRow(int index, String from, String to, String event, String guard, String effects,
                                String requirements, String source, String notes) {
    }

    /** {@code notDrawn}: the line under the diagram naming the events it leaves out, or empty. */
    public record MachineView(String heading, Intro intro, List<VariableRow> variables, List<String> diagram,
                              String notDrawn, String eventsHeading, List<EventRow> events, List<String> ignored,
                              String transitionsHeading, List<TransitionRow> transitions) {
    }

    public record ObservationRow(int index, String from, String to, String observes, String guard, String effects,
                                 String requirements, String source) {
    }

    public record MonitorView(String heading, Intro intro, List<VariableRow> variables, List<String> diagram,
                              String notDrawn, String hot, String observationsHeading,
                              List<ObservationRow> observations) {
    }

    public record InvariantView(String heading, Intro intro, String expression) {
    }

    public record PinRow(String name, String tries, String length, String charset, String model,
                         String requirements) {
    }

    public record FileRow(String name, String fid, String kind, String access, String size, String requirements) {
    }

    public record CommandRow(String name, String cla, String ins, String p1, String p2, String data, String le,
                             String states, String secure, String pin, String refusals, String event,
                             String requirements, String source) {
    }

    public record AppletView(String heading, Intro intro, String aid, String domain, String machine,
                             String pinsHeading, List<PinRow> pins, String filesHeading, List<FileRow> files,
                             String commandsHeading, List<CommandRow> commands) {
    }

    public record ScriptRow(String script, String roles, String domain, String applet, String command, String apdu,
                            String arguments, String secure, String expect, String source) {
    }

    public record ProtocolView(String heading, Intro intro, String roles, List<String> diagram,
                               String scriptsHeading, List<ScriptRow> scripts) {
    }

    public record DeclarationRow(String kind, String name, String definition, String requirements, String source) {
    }
}
