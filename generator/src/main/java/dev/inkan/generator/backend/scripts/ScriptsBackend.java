package dev.inkan.generator.backend.scripts;

import dev.inkan.generator.backend.Backend;
import dev.inkan.generator.backend.GeneratedFile;
import dev.inkan.generator.backend.JavaNames;
import dev.inkan.generator.backend.SourceHeader;
import dev.inkan.generator.backend.Templates;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.EnumDef;
import dev.inkan.generator.ir.Expr;
import dev.inkan.generator.ir.FileDef;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.Spec;
import dev.inkan.generator.ir.Type;
import dev.inkan.generator.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TSM script builders: per applet a class of typed command builders (plain APDUs with their
 * security level), per SE-facing protocol step a script builder with the expected status words,
 * and Java enums for the wire codes. Secure messaging is added later by the SCP03 session.
 */
public final class ScriptsBackend implements Backend {
    private static final String DIR = "scripts/java/dev/inkan/generated/scripts/";

    @Override
    public String name() {
        return "scripts";
    }

    public record Member(String name, int code, String specName) {
    }

    public record EnumView(String header, String name, List<Member> members) {
    }

    public record Param(String type, String name) {
    }

    public record CommandView(String method, String name, String doc, String params, String cla, String ins,
                              String p1, String p2, String data, String le, String level, String levelName) {
    }

    public record CommandsView(String header, String className, String applet, String aid, List<CommandView> commands,
                               List<FileView> files) {
    }

    /** An elementary file of the applet: its constant's name, its FID, what the spec says of it. */
    public record FileView(String name, String fid, String comment) {
    }

    public record CallView(String expression, String expected, String comment) {
    }

    public record ScriptView(String header, String className, String protocol, String name, String sender,
                             String domain, String domainAid, String applet, String appletAid, String params,
                             String javadocParams, List<CallView> calls, String doc) {
    }

    @Override
    public List<GeneratedFile> generate(Spec spec) {
        List<GeneratedFile> out = new ArrayList<>();
        Set<EnumDef> enums = new LinkedHashSet<>();
        for (AppletDef a : spec.applets) {
            for (CommandDef c : a.commands()) {
                for (Variable p : c.params()) {
                    if (p.type() instanceof Type.Enum e) {
                        enums.add(e.def());
                    }
                }
            }
        }
        for (EnumDef e : enums) {
            List<Member> members = new ArrayList<>();
            for (EnumDef.Member m : e.members()) {
                members.add(new Member(JavaNames.upperSnake(m.name()), m.code() == null ? -1 : m.code(), m.name()));
            }
            out.add(new GeneratedFile(DIR + e.name() + ".java", Templates.render("scripts/enum.vm",
                    Map.of("e", new EnumView(SourceHeader.java(List.of(e.span().file())), e.name(), members)))));
        }
        for (AppletDef a : spec.applets) {
            out.add(new GeneratedFile(DIR + commandsClass(a) + ".java", Templates.render("scripts/commands.vm",
                    Map.of("applet", commands(a)))));
        }
        for (ProtocolDef p : spec.protocols) {
            for (ProtocolStep.Script s : scripts(p.steps())) {
                ScriptView v = script(p, s);
                out.add(new GeneratedFile(DIR + v.className() + ".java", Templates.render("scripts/script.vm",
                        Map.of("script", v))));
            }
        }
        return out;
    }

    static String commandsClass(AppletDef a) {
        return a.name() + "Commands";
    }

    static List<ProtocolStep.Script> scripts(List<ProtocolStep> steps) {
        List<ProtocolStep.Script> out = new ArrayList<>();
        for (ProtocolStep s : steps) {
            if (s instanceof ProtocolStep.Script sc) {
                out.add(sc);
            } else if (s instanceof ProtocolStep.Block b) {
                out.addAll(scripts(b.steps()));
                out.addAll(scripts(b.elseSteps()));
            }
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.length() > 0 ? ", " : "").append(String.format("(byte) 0x%02X", b & 0xFF));
        }
        return "new byte[] {" + s + "}";
    }

    private static String javaType(Type t) {
        if (t instanceof Type.Enum e) {
            return e.def().name();
        }
        return t instanceof Type.Bytes ? "byte[]" : "int";
    }

    /** Builder parameters of a command, in order: its parameters, then header bytes left open with '*'. */
    static List<Param> params(CommandDef c) {
        List<Param> out = new ArrayList<>();
        for (Variable p : c.params()) {
            out.add(new Param(javaType(p.type()), JavaNames.lowerCamel(p.name())));
        }
        if (c.p1().any()) {
            out.add(new Param("int", "p1"));
        }
        if (c.p2().any()) {
            out.add(new Param("int", "p2"));
        }
        return out;
    }

    private CommandsView commands(AppletDef a) {
        List<CommandView> views = new ArrayList<>();
        for (CommandDef c : a.commands()) {
            List<String> decl = new ArrayList<>();
            for (Param p : params(c)) {
                decl.add(p.type() + " " + p.name());
            }
            String data = c.dataParam() != null ? JavaNames.lowerCamel(c.dataParam().name())
                    : c.dataConstant() != null ? hex(c.dataConstant()) : "null";
            views.add(new CommandView(JavaNames.lowerCamel(c.name()), c.name(), c.doc().isEmpty() ? c.name() : c.doc(),
                    String.join(", ", decl), header(c.cla(), "cla"), header(c.ins(), "ins"), header(c.p1(), "p1"),
                    header(c.p2(), "p2"), data, c.le() == null ? "null" : Integer.toString(c.le()),
                    String.format("0x%02X", c.securityLevel()),
                    c.securityLevelNames()));
        }
        List<FileView> files = new ArrayList<>();
        for (FileDef f : a.files()) {
            files.add(new FileView("FID_" + JavaNames.upperSnake(f.name()), String.format("0x%04X", f.fid()),
                    f.name() + " (" + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        return new CommandsView(SourceHeader.java(List.of(a.span().file())), commandsClass(a), a.name(), hex(a.aid()),
                views, files);
    }

    private static String header(CommandDef.Header h, String field) {
        if (h.constant() != null) {
            return String.format("0x%02X", h.constant());
        }
        if (h.any()) {
            return field;
        }
        Variable p = h.param();
        return p.type() instanceof Type.Enum ? JavaNames.lowerCamel(p.name()) + ".code" : JavaNames.lowerCamel(p.name());
    }

    private ScriptView script(ProtocolDef p, ProtocolStep.Script s) {
        Map<String, Param> builderParams = new LinkedHashMap<>();
        List<CallView> calls = new ArrayList<>();
        for (ProtocolStep.ScriptCommand sc : s.commands()) {
            CommandDef c = sc.command();
            List<String> args = new ArrayList<>();
            List<Param> cparams = params(c);
            for (int i = 0; i < cparams.size(); i++) {
                Object given = i < c.params().size() ? sc.args().get(i) : null;
                Param cp = cparams.get(i);
                if (given instanceof byte[] bytes) {
                    args.add(hex(bytes));
                } else if (given instanceof Expr.Const k && k.type() instanceof Type.Enum e) {
                    args.add(e.def().name() + "." + JavaNames.upperSnake(e.def().members().get(k.value()).name()));
                } else if (given instanceof Expr.Const k) {
                    args.add(Integer.toString(k.value()));
                } else if (given instanceof Expr.Read r) {
                    String n = JavaNames.lowerCamel(r.variable().name());
                    builderParams.putIfAbsent(n, new Param(javaType(r.variable().type()), n));
                    args.add(n);
                } else if (given != null) {
                    throw new IllegalStateException("script argument must be a constant or a protocol parameter");
                } else {
                    String n = JavaNames.lowerCamel(c.name()) + JavaNames.upperCamel(cp.name());
                    for (int k = 2; builderParams.containsKey(n); k++) {
                        n = JavaNames.lowerCamel(c.name()) + JavaNames.upperCamel(cp.name()) + k;
                    }
                    builderParams.put(n, new Param(cp.type(), n));
                    args.add(n);
                }
            }
            StringBuilder expected = new StringBuilder();
            for (int sw : sc.expected()) {
                expected.append(expected.length() > 0 ? ", " : "").append(String.format("0x%04X", sw));
            }
            calls.add(new CallView(commandsClass(s.applet()) + "." + JavaNames.lowerCamel(c.name()) + "("
                    + String.join(", ", args) + ")", expected.toString(), sc.span().location()));
        }
        List<String> decl = new ArrayList<>();
        StringBuilder javadoc = new StringBuilder();
        for (Param bp : builderParams.values()) {
            decl.add(bp.type() + " " + bp.name());
        }
        return new ScriptView(SourceHeader.java(List.of(p.span().file())),
                p.name() + JavaNames.upperCamel(s.name()) + "Script", p.name(), s.name(), s.from().name(),
                s.domain().name(), hex(s.domain().aid()), s.applet().name(), hex(s.applet().aid()),
                String.join(", ", decl), javadoc.toString(), calls, javadocText(s.doc()));
    }

    /** A step's {@code @doc} as Javadoc text (HTML-escaped, no comment end), or null. */
    private static String javadocText(String doc) {
        return doc == null ? null : doc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*/", "*&#47;");
    }
}
