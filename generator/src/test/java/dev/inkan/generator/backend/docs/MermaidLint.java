package dev.inkan.generator.backend.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of the Mermaid we write, independent of the code that writes it: every
 * state or participant used is declared, blocks are balanced, and no label holds a character
 * Mermaid's lexers end a label at or read as markup. Returns the problems, empty when none.
 */
final class MermaidLint {
    private static final Pattern FENCE = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STATE_ALIAS = Pattern.compile("state \"([^\"]*)\" as (" + ID + ")");
    private static final Pattern EDGE = Pattern.compile("(\\[\\*\\]|" + ID + ") --> (\\[\\*\\]|" + ID
            + ")(?: : (.+))?");
    private static final Pattern DESCRIPTION = Pattern.compile("(" + ID + ") : (.+)");
    private static final Pattern NOTE = Pattern.compile("note (?:right|left) of (" + ID + ") : (.+)");
    private static final Pattern CLASS = Pattern.compile("class ((?:" + ID + ",)*" + ID + ") (" + ID + ")");
    private static final Pattern CLASSDEF = Pattern.compile("classDef (" + ID
            + ") [a-z-]+:[a-z0-9]+(?:,[a-z-]+:[a-z0-9]+)*");
    private static final Pattern PARTICIPANT = Pattern.compile("participant (" + ID + ")(?: as (" + ID + "))?");
    private static final Pattern MESSAGE = Pattern.compile("(" + ID + ")->>(" + ID + "): (.+)");
    private static final Pattern SEQ_NOTE = Pattern.compile("Note over (" + ID + ")(?:,(" + ID + "))?: (.+)");
    private static final Pattern BLOCK = Pattern.compile("(alt|opt|loop|else) (.+)");
    private static final Set<String> RESERVED = Set.of("end", "note", "state", "class", "classdef", "style",
            "participant", "actor", "alt", "opt", "loop", "else", "box", "over", "as", "default", "direction");

    private MermaidLint() {
    }

    /** The Mermaid blocks of a Markdown text. */
    static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<String> check(String diagram) {
        List<String> lines = diagram.lines().toList();
        if (lines.isEmpty()) {
            return List.of("empty diagram");
        }
        return switch (lines.get(0)) {
            case "stateDiagram-v2" -> stateDiagram(lines.subList(1, lines.size()));
            case "sequenceDiagram" -> sequenceDiagram(lines.subList(1, lines.size()));
            default -> List.of("unknown diagram type: " + lines.get(0));
        };
    }

    private static List<String> stateDiagram(List<String> lines) {
        List<String> problems = new ArrayList<>();
        Set<String> states = new HashSet<>();
        Set<String> classes = new HashSet<>();
        boolean initial = false;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m;
            if (line.startsWith("%% ")) {
                continue;
            }
            if ((m = STATE_ALIAS.matcher(line)).matches()) {
                label(m.group(1), problems, line);
                declare(m.group(2), states, problems, line);
            } else if (ID.matcher(line).matches()) {
                declare(line, states, problems, line);
            } else if ((m = EDGE.matcher(line)).matches()) {
                for (String s : List.of(m.group(1), m.group(2))) {
                    if (!s.equals("[*]") && !states.contains(s)) {
                        problems.add("state " + s + " used before it is declared: " + line);
                    }
                }
                initial |= m.group(1).equals("[*]");
                if (m.group(3) != null) {
                    label(m.group(3), problems, line);
                } else if (!m.group(1).equals("[*]") && !m.group(2).equals("[*]")) {
                    problems.add("transition without label: " + line);
                }
            } else if ((m = NOTE.matcher(line)).matches()) {
                used(m.group(1), states, problems, line);
                label(m.group(2), problems, line);
                if (m.group(2).contains(":")) {
                    problems.add("colon in a note: " + line);
                }
            } else if ((m = CLASSDEF.matcher(line)).matches()) {
                classes.add(m.group(1));
            } else if ((m = CLASS.matcher(line)).matches()) {
                for (String s : m.group(1).split(",")) {
                    used(s, states, problems, line);
                }
                if (!classes.contains(m.group(2))) {
                    problems.add("undefined class " + m.group(2) + ": " + line);
                }
            } else if ((m = DESCRIPTION.matcher(line)).matches()) {
                used(m.group(1), states, problems, line);
                label(m.group(2), problems, line);
            } else {
                problems.add("unexpected line: " + line);
            }
        }
        if (!initial) {
            problems.add("no initial state ([*] --> S)");
        }
        return problems;
    }

    private static List<String> sequenceDiagram(List<String> lines) {
        List<String> problems = new ArrayList<>();
        Set<String> participants = new HashSet<>();
        Deque<String> blocks = new ArrayDeque<>();
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m;
            if ((m = PARTICIPANT.matcher(line)).matches()) {
                declare(m.group(1), participants, problems, line);
                if (m.group(2) != null && m.group(2).equals(m.group(1))) {
                    problems.add("alias equal to the id: " + line);
                }
            } else if ((m = MESSAGE.matcher(line)).matches()) {
                used(m.group(1), participants, problems, line);
                used(m.group(2), participants, problems, line);
                label(m.group(3), problems, line);
            } else if ((m = SEQ_NOTE.matcher(line)).matches()) {
                used(m.group(1), participants, problems, line);
                if (m.group(2) != null) {
                    used(m.group(2), participants, problems, line);
                }
                label(m.group(3).replace("<br/>", " "), problems, line);
            } else if ((m = BLOCK.matcher(line)).matches()) {
                label(m.group(2), problems, line);
                if (m.group(1).equals("else")) {
                    if (!"alt".equals(blocks.peek())) {
                        problems.add("else outside alt: " + line);
                    }
                } else {
                    blocks.push(m.group(1));
                }
            } else if (line.equals("end")) {
                if (blocks.isEmpty()) {
                    problems.add("end without block");
                } else {
                    blocks.pop();
                }
            } else {
                problems.add("unexpected line: " + line);
            }
        }
        if (!blocks.isEmpty()) {
            problems.add("unclosed blocks: " + blocks);
        }
        return problems;
    }

    private static void declare(String id, Set<String> ids, List<String> problems, String line) {
        if (RESERVED.contains(id.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("reserved word as id: " + line);
        }
        if (!ids.add(id)) {
            problems.add(id + " declared twice: " + line);
        }
    }

    private static void used(String id, Set<String> ids, List<String> problems, String line) {
        if (!ids.contains(id)) {
            problems.add(id + " is not declared: " + line);
        }
    }

    /** A label: no character of {@link Mermaid#FORBIDDEN}, no {@code ::}, nothing that reads as an HTML tag. */
    static void label(String label, List<String> problems, String line) {
        for (char c : Mermaid.FORBIDDEN.toCharArray()) {
            if (label.indexOf(c) >= 0) {
                problems.add("'" + c + "' in a label: " + line);
            }
        }
        if (label.contains("::")) {
            problems.add("'::' in a label: " + line);
        }
        if (Pattern.compile("<[A-Za-z/!?]").matcher(label).find()) {
            problems.add("markup in a label: " + line);
        }
        if (label.isBlank()) {
            problems.add("empty label: " + line);
        }
    }
}
