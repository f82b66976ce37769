/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.SinkStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The accounting of every {@link dev.sinkwire.EventSink @EventSink} of the application: one
 * {@link SinkMeter} per sink, wired into its chain by the extension. Inject it anywhere:
 * <pre>{@code
 * @Inject SinkwireStats stats;
 *
 * SinkStats audit = stats.of("audit");
 * log.info("audit: {} accepted, {} delivered, {} pending", audit.accepted(), audit.delivered(), audit.pending());
 * }</pre>
 *
 * <p>There is one instance per application, built with the graph at startup; the bean is a
 * {@code @Dependent} view of it (like the injectable {@code Broadcaster}), so a reference stays
 * readable after the application stopped, for the final counts. A sink disabled by
 * configuration is listed with every count at zero.
 *
 * <p>Safe for concurrent use. Each {@link SinkStats} is a snapshot; see {@link SinkMeter#snapshot()}
 * for its consistency while events flow (never a negative {@code pending}; exact at quiescence).
 */
public final class SinkwireStats {

    private final Map<String, SinkMeter> meters;

    /**
     * Creates the registry (the extension does, at startup; applications inject it).
     *
     * @param meters the meter of every sink, by name, in the order to list them
     */
    public SinkwireStats(Map<String, SinkMeter> meters) {
        this.meters = Collections.unmodifiableMap(new LinkedHashMap<>(meters));
    }

    /**
     * The names of every declared sink.
     *
     * @return the names, in declaration order
     */
    public Set<String> names() {
        return meters.keySet();
    }

    /**
     * A snapshot of one sink's counts.
     *
     * @param sink the sink's name
     * @return its counts now
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public SinkStats of(String sink) {
        Objects.requireNonNull(sink, "sink must not be null");
        SinkMeter meter = meters.get(sink);
        if (meter == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'; known sinks: "
                    + (meters.isEmpty() ? "(none)" : String.join(", ", meters.keySet())));
        }
        return meter.snapshot();
    }

    /**
     * A snapshot of every sink's counts (each sink's snapshot taken one after the other).
     *
     * @return an unmodifiable map from sink name to its counts, in declaration order
     */
    public Map<String, SinkStats> all() {
        Map<String, SinkStats> all = new LinkedHashMap<>();
        meters.forEach((name, meter) -> all.put(name, meter.snapshot()));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public String toString() {
        return "SinkwireStats" + meters.keySet();
    }
}
