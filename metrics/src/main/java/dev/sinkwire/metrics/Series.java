/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.DropReason;
import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.Timekeeper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One exported time series: a name, its attributes and how to read its value from
 * {@link SinkwireStats} at collection time. Every adapter exports the same list, so the table in
 * docs/metrics.md holds for all of them. Immutable; {@link #read()} is safe for concurrent use.
 *
 * @param name the metric's name, dotted as OpenTelemetry spells it
 * @param description what it counts
 * @param unit the UCUM unit in OpenTelemetry's annotation form ({@code {event}}, {@code 1})
 * @param counter {@code true} for a monotonic counter, {@code false} for a gauge
 * @param attributes the attributes (tags, labels)
 * @param value reads the value now
 */
record Series(String name, String description, String unit, boolean counter, Map<String, String> attributes,
        LongSupplier value) {

    static final String EVENTS = "sinkwire.events";
    static final String FAILED_ATTEMPTS = "sinkwire.attempts.failed";
    static final String RETRIES = "sinkwire.retries";
    static final String PENDING = "sinkwire.events.pending";
    static final String QUEUE_DEPTH = "sinkwire.queue.depth";
    static final String QUEUE_CAPACITY = "sinkwire.queue.capacity";
    static final String BREAKER_STATE = "sinkwire.breaker.state";
    static final String READY = "sinkwire.sink.ready";
    static final String BACKLOG = "sinkwire.durable.backlog";
    static final String OLDEST_AGE = "sinkwire.durable.oldest.age";
    /** The {@code reason} of the accepted and delivered series: every series of a name has the same attributes. */
    static final String NO_REASON = "none";

    /** @return the value now */
    long read() {
        return value.getAsLong();
    }

    /**
     * Every series of every sink, as the sinks are configured now (a bounded queue or a breaker
     * adds its series).
     *
     * @param stats the application's sinks
     * @param clock the clock of the durable backlog's cache ({@link CachedBacklog})
     * @return the series, sink by sink
     */
    static List<Series> of(SinkwireStats stats, Timekeeper clock) {
        List<Series> all = new ArrayList<>();
        for (String sink : stats.names()) {
            SinkState initial = stats.state(sink);
            if (!initial.enabled()) {
                continue;
            }
            all.add(events(sink, "accepted", NO_REASON, () -> stats.of(sink).accepted()));
            all.add(events(sink, "delivered", NO_REASON, () -> stats.of(sink).delivered()));
            for (DropReason reason : DropReason.values()) {
                all.add(events(sink, "dropped", reason.name().toLowerCase(Locale.ROOT),
                        () -> stats.of(sink).dropped(reason)));
            }
            all.add(new Series(FAILED_ATTEMPTS, "Writes to the sink that threw (each attempt, retried or not)",
                    "{attempt}", true, sinkOnly(sink), () -> stats.of(sink).failedAttempts()));
            all.add(new Series(RETRIES, "Failed attempts that the retry strategy decided to retry", "{retry}", true,
                    sinkOnly(sink), () -> stats.of(sink).retried()));
            all.add(new Series(PENDING, "Events accepted and not yet delivered or dropped (queued, in flight,"
                    + " backing off)", "{event}", false, sinkOnly(sink), () -> stats.of(sink).pending()));
            if (initial.queueCapacity() > 0) {
                all.add(new Series(QUEUE_DEPTH, "Events waiting in the sink's bounded queue", "{event}", false,
                        sinkOnly(sink), () -> Math.max(0, stats.state(sink).queueDepth())));
                all.add(new Series(QUEUE_CAPACITY, "Capacity of the sink's bounded queue", "{event}", false,
                        sinkOnly(sink), initial::queueCapacity));
            }
            if (initial.breaker() != SinkState.Breaker.NONE) {
                all.add(new Series(BREAKER_STATE, "State of the sink's breaker: 0 closed, 1 open, 2 half-open", "1",
                        false, sinkOnly(sink), () -> breakerValue(stats.state(sink).breaker())));
            }
            all.add(new Series(READY, "1 when the sink is ready (see the readiness check), else 0", "1", false,
                    sinkOnly(sink), () -> stats.state(sink).ready() ? 1 : 0));
            if (stats.hasBacklog(sink)) {
                CachedBacklog backlog = new CachedBacklog(stats, sink, clock); // one read for both series
                all.add(new Series(BACKLOG, "Stored events of the durable sink not yet delivered (read from the"
                        + " store, at most " + CachedBacklog.MAX_AGE.toSeconds() + " s old)", "{event}", false,
                        sinkOnly(sink), () -> backlog.get().pending()));
                all.add(new Series(OLDEST_AGE, "How long the oldest stored event not yet delivered has waited, in whole"
                        + " seconds (read from the store, at most " + CachedBacklog.MAX_AGE.toSeconds() + " s old)", "s",
                        false, sinkOnly(sink), () -> backlog.get().oldestAge().toSeconds()));
            }
        }
        return all;
    }

    /**
     * The value of {@link #BREAKER_STATE}.
     *
     * @param breaker the state
     * @return 0 closed (or none), 1 open, 2 half-open
     */
    static long breakerValue(SinkState.Breaker breaker) {
        switch (breaker) {
            case OPEN:
                return 1;
            case HALF_OPEN:
                return 2;
            default:
                return 0;
        }
    }

    private static Series events(String sink, String outcome, String reason, LongSupplier value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sink", sink);
        attributes.put("outcome", outcome);
        attributes.put("reason", reason);
        return new Series(EVENTS, "Events of a sink by outcome: accepted, then delivered or dropped (with the"
                + " reason)", "{event}", true, Map.copyOf(attributes), value);
    }

    static Map<String, String> sinkOnly(String sink) {
        return Map.of("sink", sink);
    }
}
