package dev.inkan.se.transport;

import dev.inkan.se.apdu.Sw;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that carries several commands in one exchange: a TSM's script to the app's relay in
 * one network round trip (DESIGN: scripts are batched). The far end sends the commands in order
 * and stops after the first response whose status word that command does not accept (the status
 * word is in the clear under SCP03, so a relay that sees only ciphertext can still decide); it
 * returns the responses, at most one per command.
 */
public interface BatchTransport extends Transport {
    /** A command and the status words after which the batch goes on. */
    record Command(byte[] apdu, int[] continueOn) {
        public Command {
            apdu = apdu.clone();
            continueOn = continueOn.clone();
        }

        @Override
        public byte[] apdu() {
            return apdu.clone();
        }

        public boolean continuesAfter(int sw) {
            for (int x : continueOn) {
                if (x == sw) {
                    return true;
                }
            }
            return false;
        }
    }

    List<byte[]> transmitBatch(List<Command> commands) throws IOException;

    /** What the far end does with a batch, over a transport of single exchanges. */
    static List<byte[]> oneByOne(Transport t, List<Command> commands) throws IOException {
        List<byte[]> out = new ArrayList<>(commands.size());
        for (Command c : commands) {
            byte[] r = t.transmit(c.apdu());
            out.add(r);
            if (r.length < 2 || !c.continuesAfter(Sw.of(r))) {
                break;
            }
        }
        return out;
    }

    /** A batch over {@code t}: its own batches if it has them, else one exchange per command. */
    static List<byte[]> transmitBatch(Transport t, List<Command> commands) throws IOException {
        return t instanceof BatchTransport b ? b.transmitBatch(commands) : oneByOne(t, commands);
    }
}
