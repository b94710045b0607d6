package dev.inkan.se.omapi;

import java.util.List;

/** The result of the access control decision for one caller and one SE application. */
public record ChannelAccess(boolean allowed, List<ApduFilter> filters, boolean nfcEventsAllowed, String reason) {
    public ChannelAccess {
        filters = List.copyOf(filters);
    }

    static ChannelAccess denied(String reason) {
        return new ChannelAccess(false, List.of(), false, reason);
    }

    /** True when a command may be sent on a channel opened with this access. */
    public boolean permits(byte[] command) {
        if (!allowed) {
            return false;
        }
        if (filters.isEmpty()) {
            return true;
        }
        for (ApduFilter f : filters) {
            if (f.matches(command)) {
                return true;
            }
        }
        return false;
    }
}
