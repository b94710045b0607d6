package dev.inkan.tsm.script;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.StaticKeys;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** What both TSMs need around the generated card management scripts (GP Card Spec 2.3). */
public final class CardManagement {
    private CardManagement() {
    }

    /** The data field of a short command APDU (as {@code GpCommands} builds them): a script command's bytes parameter. */
    public static byte[] data(byte[] apdu) {
        return apdu.length > 5 ? Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF)) : new byte[0];
    }

    /** The PUT KEY data putting {@code keys} in place of key version {@code replaced}, encrypted under {@code dek} (the session's). */
    public static byte[] putKeyData(int replaced, StaticKeys keys, byte[] dek) {
        return data(GpCommands.putKeySet(replaced, keys, dek));
    }

    /** The script's last step is a PUT KEY that answered the new key version and the check values of {@code put}. */
    public static void checkPutKey(List<ScriptRunner.Step> steps, StaticKeys put) throws IOException {
        ScriptRunner.Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last == null || !last.command().name().equals("PUT_KEY")
                || !Arrays.equals(Sw.data(last.response()), GpCommands.expectedPutKeyResponse(put))) {
            throw new IOException("PUT KEY: the SP domain answered other key check values");
        }
    }
}
