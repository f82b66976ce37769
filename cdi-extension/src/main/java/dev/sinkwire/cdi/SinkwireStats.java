/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.core.Timekeeper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

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
 * <p>Beside the counts, {@link #state(String)} tells what a sink's chain is doing now (breaker,
 * bounded queue depth, consumer thread, an endpoint its receiver disabled), and
 * {@link #enable(String)} sends again to an endpoint disabled by a {@code 410 Gone}. The metrics
 * and health checks of {@code sinkwire-metrics} read this bean at collection time only.
 *
 * <p>Safe for concurrent use. Each {@link SinkStats} is a snapshot; see {@link SinkMeter#snapshot()}
 * for its consistency while events flow (never a negative {@code pending}; exact at quiescence).
 */
public final class SinkwireStats {

    /**
     * Reads the state of one sink's chain, and enables its endpoint again; the extension builds one
     * per sink. Safe for concurrent use.
     */
    public interface Probe {
        /**
         * Reads the state now.
         *
         * @return the state
         */
        SinkState state();

        /**
         * Sends again to an endpoint its receiver disabled.
         *
         * @return whether the endpoint was disabled
         */
        boolean enable();

        /**
         * The sink's durable store, if it reports a backlog.
         *
         * @return the store's backlog reader, or {@code null} for a sink without one
         */
        default DurableBacklog durableBacklog() {
            return null;
        }
    }

    private final Map<String, SinkMeter> meters;
    private final Map<String, Probe> probes;
    private final boolean metricsEnabled;

    /**
     * Creates the registry with no state probes: every sink reads as enabled, with no breaker, no
     * bounded queue and metrics enabled. For tests and tools; the extension uses the other constructor.
     *
     * @param meters the meter of every sink, by name, in the order to list them
     */
    public SinkwireStats(Map<String, SinkMeter> meters) {
        this(meters, Map.of(), true);
    }

    /**
     * Creates the registry (the extension does, at startup; applications inject it).
     *
     * @param meters the meter of every sink, by name, in the order to list them
     * @param probes the state probe of every sink, by name (a sink without one reads as enabled,
     *     with no breaker and no bounded queue)
     * @param metricsEnabled the value of {@code sinkwire.metrics.enabled}
     */
    public SinkwireStats(Map<String, SinkMeter> meters, Map<String, Probe> probes, boolean metricsEnabled) {
        this.meters = Collections.unmodifiableMap(new LinkedHashMap<>(meters));
        this.probes = Map.copyOf(probes);
        this.metricsEnabled = metricsEnabled;
    }

    /**
     * The names of every declared sink.
     *
     * @return the names: the {@code @EventSink}s by name, then the sinks declared in configuration by name
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
        return meter(sink).snapshot();
    }

    /**
     * What one sink's chain is doing now.
     *
     * @param sink the sink's name
     * @return its state now
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public SinkState state(String sink) {
        meter(sink);
        Probe probe = probes.get(sink);
        return probe != null ? probe.state() : new SinkState(sink, true, SinkState.Breaker.NONE, -1, 0, 1.0, true, false);
    }

    /**
     * Sends again to a sink's endpoint that its receiver disabled (a webhook that answered
     * {@code 410 Gone}): the next events are sent, not reported at once. Events reported while it
     * was disabled stay reported.
     *
     * @param sink the sink's name
     * @return {@code true} if the endpoint was disabled; {@code false} if it was not, or the sink
     *     has no endpoint that a receiver can disable
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public boolean enable(String sink) {
        meter(sink);
        Probe probe = probes.get(sink);
        return probe != null && probe.enable();
    }

    /**
     * Whether the metrics of {@code sinkwire-metrics} are exported ({@code sinkwire.metrics.enabled},
     * default {@code true}).
     *
     * @return the configured value
     */
    public boolean metricsEnabled() {
        return metricsEnabled;
    }

    /**
     * Whether a sink has a durable store ({@code store=jdbc}) that reports its backlog. Reads no store.
     *
     * @param sink the sink's name
     * @return {@code true} if {@link #backlog(String)} reads a store for it
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public boolean hasBacklog(String sink) {
        meter(sink);
        Probe probe = probes.get(sink);
        return probe != null && probe.durableBacklog() != null;
    }

    /**
     * What a sink's durable store ({@code store=jdbc}) still holds to deliver: stored events not yet
     * delivered, and how long the oldest has waited. Each call queries the store; cache the answer
     * ({@code sinkwire-metrics} does).
     *
     * @param sink the sink's name
     * @return the backlog now, or empty for a sink without a durable store
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     * @throws RuntimeException if the store cannot be read
     */
    public Optional<DurableBacklog.Backlog> backlog(String sink) {
        meter(sink);
        Probe probe = probes.get(sink);
        DurableBacklog store = probe != null ? probe.durableBacklog() : null;
        return store == null ? Optional.empty() : Optional.of(store.backlog());
    }

    /**
     * Times every delivery of a sink from now on, for a metrics system's histogram
     * ({@code sinkwire-metrics} calls it); see {@link SinkMeter#timeDeliveries}. Replaces an earlier
     * recorder of the sink.
     *
     * @param sink the sink's name
     * @param clock the clock read before and after each delivery
     * @param recorder receives each delivery's duration in nanoseconds, on the delivering thread
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public void timeDeliveries(String sink, Timekeeper clock, LongConsumer recorder) {
        meter(sink).timeDeliveries(clock, recorder);
    }

    /**
     * Stops timing a sink's deliveries ({@link #timeDeliveries}).
     *
     * @param sink the sink's name
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if no sink has that name (the message lists the known ones)
     */
    public void stopTimingDeliveries(String sink) {
        meter(sink).stopTimingDeliveries();
    }

    private SinkMeter meter(String sink) {
        Objects.requireNonNull(sink, "sink must not be null");
        SinkMeter meter = meters.get(sink);
        if (meter == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'; known sinks: "
                    + (meters.isEmpty() ? "(none)" : String.join(", ", meters.keySet())));
        }
        return meter;
    }

    /**
     * A snapshot of every sink's counts (each sink's snapshot taken one after the other).
     *
     * @return an unmodifiable map from sink name to its counts, in the order of {@link #names()}
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
