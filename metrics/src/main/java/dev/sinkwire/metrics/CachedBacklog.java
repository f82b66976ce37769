/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.Timekeeper;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * One durable sink's backlog as the metrics read it: from the store at most once per
 * {@link #MAX_AGE}, however many series and scrapers ask, so a scrape never hammers the database.
 * A value is therefore up to {@link #MAX_AGE} old. When the store cannot be read, the last value
 * stays (zero before the first read) and the failure is logged. Safe for concurrent use.
 */
final class CachedBacklog {

    /** How old a value can be. */
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final System.Logger LOGGER = System.getLogger(CachedBacklog.class.getName());

    private final SinkwireStats stats;
    private final String sink;
    private final Timekeeper clock;
    private DurableBacklog.Backlog last = new DurableBacklog.Backlog(0, Duration.ZERO);
    private long readAt;
    private boolean read;

    CachedBacklog(SinkwireStats stats, String sink, Timekeeper clock) {
        this.stats = stats;
        this.sink = sink;
        this.clock = clock;
    }

    /** @return the backlog, read from the store if the cached one is older than {@link #MAX_AGE} */
    synchronized DurableBacklog.Backlog get() {
        long now = clock.nanoTime();
        if (!read || now - readAt >= MAX_AGE.toNanos()) {
            read = true;
            readAt = now;
            try {
                last = stats.backlog(sink).orElse(last);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Sinkwire metrics: cannot read the backlog of durable sink '" + sink
                        + "' (the series keep the last value; next try in " + MAX_AGE.toSeconds() + " s)", e);
            }
        }
        return last;
    }
}
