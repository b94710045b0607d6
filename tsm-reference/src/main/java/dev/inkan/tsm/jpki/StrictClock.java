package dev.inkan.tsm.jpki;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock whose instants strictly increase, at the microsecond resolution both databases keep:
 * every state change of the registry gets its own instant, so "the status at signing time"
 * (LIFE-11) is never ambiguous when a signature and a revocation fall in the same microsecond.
 * Wraps any clock (a fixed or settable one in tests).
 */
public final class StrictClock extends Clock {
    private final Clock base;
    private Instant last = Instant.MIN;

    public StrictClock(Clock base) {
        this.base = base;
    }

    public static StrictClock system() {
        return new StrictClock(Clock.systemUTC());
    }

    @Override
    public synchronized Instant instant() {
        Instant now = base.instant().truncatedTo(ChronoUnit.MICROS);
        if (!now.isAfter(last)) {
            now = last.plus(1, ChronoUnit.MICROS);
        }
        last = now;
        return now;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new StrictClock(base.withZone(zone));
    }
}
