package dev.inkan.se.omapi;

import dev.inkan.se.SecureElement;

/**
 * OMAPI's SEService (GP Open Mobile API 3.3, Android android.se.omapi) for one calling device
 * application: one reader, "eSE1", backed by the simulated SE's contact interface.
 */
public final class SeService implements AutoCloseable {
    private final Reader reader;
    private boolean connected = true;

    public SeService(SecureElement se, CallerIdentity caller) {
        this.reader = new Reader(this, se, caller, new AccessControlEnforcer(se.contact()));
    }

    public Reader[] getReaders() {
        ensureConnected();
        return new Reader[] {reader};
    }

    public boolean isConnected() {
        return connected;
    }

    public String getVersion() {
        return "3.3";
    }

    public void shutdown() {
        reader.closeSessions();
        connected = false;
    }

    @Override
    public void close() {
        shutdown();
    }

    void ensureConnected() {
        if (!connected) {
            throw new IllegalStateException("service not connected");
        }
    }
}
