package dev.inkan.properties.model;

import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Instances, actions and values as a spec author writes them, and back:
 * {@code Pin(phone1, Auth).verify(ok=false)}. Traces print this form and failure files store it.
 */
public final class ModelText {
    private ModelText() {
    }

    /** {@code Pin(phone1, Auth)}, or {@code Registry} for a machine without parameters. */
    public static String instance(Model model, int machine, int instance) {
        ModelInfo.Machine m = model.info().machines().get(machine);
        return m.name() + args(m.params(), model.instanceParams(machine, instance), false);
    }

    /** {@code NoSignatureAfterRevocation(phone1)}. */
    public static String monitorInstance(Model model, int monitor, int instance) {
        ModelInfo.Monitor m = model.info().monitors().get(monitor);
        return m.name() + args(m.params(), decode(m.params(), instance, model.domainSizes()), false);
    }

    /** {@code Pin(phone1, Auth).verify(ok=false)}. */
    public static String action(Model model, Action a) {
        ModelInfo.Event e = model.info().events().get(a.event());
        return instance(model, e.machine(), a.instance()) + "." + e.name() + args(e.params(), a.args(), true);
    }

    /** Parameter values of a monitor (or any parameter list) instance: mixed radix, last parameter fastest. */
    public static int[] decode(List<ModelInfo.Param> params, int instance, int[] sizes) {
        int[] out = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            ValueType t = params.get(i).type();
            int card = t.cardinality(sizes);
            out[i] = instance % card + t.first();
            instance /= card;
        }
        return out;
    }

    public static int encode(List<ModelInfo.Param> params, int[] values, int[] sizes) {
        int index = 0;
        for (int i = 0; i < params.size(); i++) {
            ValueType t = params.get(i).type();
            index = index * t.cardinality(sizes) + (values[i] - t.first());
        }
        return index;
    }

    private static String args(List<ModelInfo.Param> params, int[] values, boolean named) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) {
            s.append(i > 0 ? ", " : "");
            if (named) {
                s.append(params.get(i).name()).append('=');
            }
            s.append(params.get(i).type().format(values[i]));
        }
        return s.append(')').toString();
    }

    /** The value a spec author wrote ({@code true}, {@code 3}, {@code Auth}, {@code phone2}, {@code none}). */
    public static int parseValue(ValueType t, String text, int[] sizes) {
        String v = text.trim();
        if (t.optional() && v.equals("none")) {
            return -1;
        }
        int value;
        switch (t.kind()) {
            case BOOL -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("not a bool: " + v);
                }
                value = v.equals("true") ? 1 : 0;
            }
            case INT -> {
                try {
                    value = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an int: " + v, e);
                }
            }
            case ENUM -> {
                value = t.names().indexOf(v);
                if (value < 0) {
                    throw new IllegalArgumentException(v + " is not one of " + t.names());
                }
            }
            case DOMAIN -> {
                String prefix = t.names().get(0).toLowerCase(Locale.ROOT);
                if (!v.startsWith(prefix)) {
                    throw new IllegalArgumentException("not a " + t.names().get(0) + ": " + v);
                }
                try {
                    value = Integer.parseInt(v.substring(prefix.length())) - 1;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a " + t.names().get(0) + ": " + v, e);
                }
            }
            default -> throw new IllegalArgumentException("unknown type " + t);
        }
        if (value < t.lo() || value > t.last(sizes)) {
            throw new IllegalArgumentException(v + " is out of range " + t.format(t.lo()) + ".."
                    + t.format(t.last(sizes)));
        }
        return value;
    }

    /** Parses {@link #action}'s form; argument names ({@code ok=}) are optional. */
    public static Action parseAction(Model model, String text) {
        String s = text.trim();
        int dot = topLevelDot(s);
        if (dot < 0) {
            throw new IllegalArgumentException("not Machine(args).event(args): " + text);
        }
        String inst = s.substring(0, dot);
        String ev = s.substring(dot + 1);
        String machineName = head(inst);
        String eventName = head(ev);
        ModelInfo info = model.info();
        ModelInfo.Machine m = info.machine(machineName);
        ModelInfo.Event e = info.event(machineName, eventName);
        int[] sizes = model.domainSizes();
        int[] params = values(m.params(), inner(inst), sizes, text);
        int[] args = values(e.params(), inner(ev), sizes, text);
        return new Action(e.id(), model.instanceOf(m.index(), params), args);
    }

    private static int topLevelDot(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '.' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String head(String s) {
        int p = s.indexOf('(');
        return (p < 0 ? s : s.substring(0, p)).trim();
    }

    private static String inner(String s) {
        int p = s.indexOf('(');
        if (p < 0) {
            return "";
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("missing ) in " + s);
        }
        return s.substring(p + 1, s.length() - 1).trim();
    }

    private static int[] values(List<ModelInfo.Param> params, String list, int[] sizes, String text) {
        List<String> parts = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String p : list.split(",")) {
                parts.add(p.contains("=") ? p.substring(p.indexOf('=') + 1) : p);
            }
        }
        if (parts.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " values in " + text);
        }
        int[] out = new int[params.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parseValue(params.get(i).type(), parts.get(i), sizes);
        }
        return out;
    }
}
