/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.Timekeeper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The delivery-duration histogram {@value #NAME}: each metrics system adds, per sink, a recorder
 * of its own histogram ({@link #add}); {@link #install} then has each sink's meter time its
 * deliveries (each while they are slow, a sample while they are fast: see
 * {@link dev.sinkwire.core.SinkMeter#timeDeliveries}) and hand every duration to the recorders of
 * all systems, on the delivering thread (a queue's consumer thread: the producer pays nothing).
 * Until it is installed, and with no
 * metrics system, no clock is read. Used on one thread at startup and shutdown.
 */
final class Durations {

    static final String NAME = "sinkwire.delivery.duration";
    static final String DESCRIPTION = "Duration of deliveries to the sink that returned normally (one write of the"
            + " target; not the time queued, not failed attempts): each one while they take 50 us or more, one in 1024"
            + " while faster";
    /**
     * Bucket boundaries in seconds (OpenTelemetry's HTTP duration buckets, with three smaller ones
     * for sinks inside the process): an explicit histogram, no percentiles computed by the client.
     */
    static final List<Double> BOUNDARIES = List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1,
            0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final Map<String, LongConsumer> recorders = new LinkedHashMap<>();

    /**
     * Prepares the histogram of every enabled sink.
     *
     * @param stats the application's sinks
     */
    Durations(SinkwireStats stats) {
        for (String sink : stats.names()) {
            if (stats.state(sink).enabled()) {
                recorders.put(sink, null);
            }
        }
    }

    /** @return the sinks whose deliveries are timed */
    Set<String> sinks() {
        return recorders.keySet();
    }

    /**
     * Adds a metrics system's recorder for one sink.
     *
     * @param sink the sink
     * @param recorder records a duration in nanoseconds; must not allocate
     */
    void add(String sink, LongConsumer recorder) {
        recorders.merge(sink, recorder, LongConsumer::andThen);
    }

    /**
     * Makes every sink with a recorder time its deliveries from now on.
     *
     * @param stats the application's sinks
     * @param clock the clock read before and after each delivery
     */
    void install(SinkwireStats stats, Timekeeper clock) {
        recorders.forEach((sink, recorder) -> {
            if (recorder != null) {
                stats.timeDeliveries(sink, clock, recorder);
            }
        });
    }

    /**
     * Stops the timing.
     *
     * @param stats the application's sinks
     */
    void uninstall(SinkwireStats stats) {
        recorders.keySet().forEach(stats::stopTimingDeliveries);
    }
}
