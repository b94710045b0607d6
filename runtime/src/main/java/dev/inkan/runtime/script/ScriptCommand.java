package dev.inkan.runtime.script;

import java.util.List;

/**
 * One command of a TSM script: the plain APDU (before secure messaging), the status words the
 * script accepts, and the GP security level it must be sent under.
 */
public record ScriptCommand(String name, byte[] apdu, List<Integer> expectedSw, int securityLevel) {
    public ScriptCommand {
        apdu = apdu.clone();
        expectedSw = List.copyOf(expectedSw);
    }

    @Override
    public byte[] apdu() {
        return apdu.clone();
    }

    /** The same command expecting other status words. */
    public ScriptCommand expecting(Integer... sws) {
        return new ScriptCommand(name, apdu, List.of(sws), securityLevel);
    }

    public boolean accepts(int sw) {
        return expectedSw.contains(sw);
    }

    /** Builds a short APDU: CLA INS P1 P2 [Lc data] [Le]; {@code le} null for none. */
    public static byte[] encode(int cla, int ins, int p1, int p2, byte[] data, Integer le) {
        int lc = data == null ? 0 : data.length;
        if (lc > 255) {
            throw new IllegalArgumentException("command data of " + lc + " bytes does not fit a short APDU; send it in "
                    + "blocks");
        }
        byte[] out = new byte[4 + (lc > 0 ? 1 + lc : 0) + (le != null ? 1 : 0)];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int at = 4;
        if (lc > 0) {
            out[at++] = (byte) lc;
            System.arraycopy(data, 0, out, at, lc);
            at += lc;
        }
        if (le != null) {
            out[at] = (byte) (int) le;
        }
        return out;
    }
}
