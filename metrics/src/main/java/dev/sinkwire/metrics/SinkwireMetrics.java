/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.core.Timekeeper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Exports every sink's counts and state ({@link SinkwireStats}) through the metrics systems the
 * application runs, found when the container starts: OpenTelemetry (an {@code OpenTelemetry}
 * bean, as MicroProfile Telemetry and Quarkus provide), MicroProfile Metrics 5.1 (the
 * {@code MetricRegistry} bean of Payara and Open Liberty's {@code mpMetrics-5.1}) and Micrometer
 * (a {@code MeterRegistry} bean, as in Quarkus). A system counts as present when its API is on the
 * class path and its bean resolves; each present one gets the same series (docs/metrics.md); with
 * none, nothing is exported and nothing fails. {@code sinkwire.metrics.enabled=false} turns the
 * export off.
 *
 * <p>Every counter and gauge reads the sink's counters when the metrics system collects; a
 * durable sink's backlog is read from its store at most once per {@link CachedBacklog#MAX_AGE}.
 * The one instrument fed on the write path is the delivery-duration histogram
 * ({@code sinkwire.delivery.duration}): with a metrics system present, each sink's meter reads the
 * clock before and after a delivery and records the difference, on the delivering thread (a
 * queue's consumer), never on the producer's: every delivery while they take 50 µs or more, one in
 * 1024 while they are faster. Without a metrics system, or with the export off,
 * no clock is read. The instruments are removed (and the timing stopped) when the application
 * stops.
 *
 * <p>The clock is the application's {@link Timekeeper} bean if it has one (tests), else the
 * system's.
 *
 * <p>Inject it to ask where the metrics went ({@link #exporters()}). Safe for concurrent use.
 */
@ApplicationScoped
public class SinkwireMetrics {

    private static final System.Logger LOGGER = System.getLogger(SinkwireMetrics.class.getName());

    /** Registers the series and the duration recorders in one metrics system. */
    @FunctionalInterface
    private interface Registrar {
        AutoCloseable register(Object bean, List<Series> series, Durations durations);
    }

    /** A metrics system: its API's marker class, its bean type, and how to register series there. */
    private record Exporter(String name, String apiClass, String beanClass, Registrar register) {
    }

    /** In order of detection. The lambdas name the export classes only when called. */
    private static final List<Exporter> EXPORTERS = List.of(
            new Exporter("opentelemetry", "io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.api.OpenTelemetry",
                    (bean, series, durations) -> OpenTelemetryExport.register(bean, series, durations)),
            new Exporter("microprofile-metrics", "org.eclipse.microprofile.metrics.MetricRegistry",
                    "org.eclipse.microprofile.metrics.MetricRegistry",
                    (bean, series, durations) -> MpMetricsExport.register(bean, series, durations)),
            new Exporter("micrometer", "io.micrometer.core.instrument.MeterRegistry",
                    "io.micrometer.core.instrument.MeterRegistry",
                    (bean, series, durations) -> MicrometerExport.register(bean, series, durations)));

    private final List<AutoCloseable> registrations = new ArrayList<>();
    private final List<String> exporters = new ArrayList<>();
    /** Held strongly: Micrometer keeps only weak references to what its meters read. */
    private List<Series> series = List.of();
    /** The timing of deliveries, installed while some system exports. */
    private Durations durations;

    @Inject
    SinkwireStats stats;

    /** With the default qualifier: a runtime's other registries (MP Metrics' base and vendor scopes) are qualified. */
    @Inject
    Instance<Object> beans;

    /** For the container. */
    public SinkwireMetrics() {
    }

    /**
     * Registers the series in every metrics system present, when the container has started.
     *
     * @param startup the container's startup event
     */
    synchronized void start(@Observes Startup startup) {
        if (!stats.metricsEnabled()) {
            LOGGER.log(Level.INFO, "Sinkwire metrics are off (" + Keys.METRICS_ENABLED + "=false)");
            return;
        }
        Instance<Timekeeper> clocks = beans.select(Timekeeper.class);
        Timekeeper clock = clocks.isResolvable() ? clocks.get() : Timekeeper.system();
        series = Series.of(stats, clock);
        Durations timed = new Durations(stats);
        for (Exporter e : EXPORTERS) {
            Object bean = bean(e);
            if (bean == null) {
                continue;
            }
            registrations.add(e.register().register(bean, series, timed));
            exporters.add(e.name());
        }
        if (!exporters.isEmpty()) { // with no system, no delivery reads a clock
            timed.install(stats, clock);
            durations = timed;
        }
        LOGGER.log(Level.INFO, () -> exporters.isEmpty()
                ? "Sinkwire metrics: no metrics system found (OpenTelemetry, MicroProfile Metrics, Micrometer); none"
                        + " exported"
                : "Sinkwire metrics: " + series.size() + " series of " + stats.names().size() + " sink(s) exported"
                        + " to " + String.join(", ", exporters));
    }

    /** The bean of a metrics system whose API is present, or {@code null}. */
    private Object bean(Exporter e) {
        Class<?> type;
        try {
            Class.forName(e.apiClass(), false, SinkwireMetrics.class.getClassLoader());
            type = Class.forName(e.beanClass(), false, SinkwireMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        Instance<?> found = beans.select(type);
        return found.isResolvable() ? found.get() : null;
    }

    /** Removes the series from every metrics system. */
    @PreDestroy
    synchronized void stop() {
        if (durations != null) {
            durations.uninstall(stats);
            durations = null;
        }
        for (AutoCloseable r : registrations) {
            try {
                r.close();
            } catch (Exception | LinkageError e) {
                LOGGER.log(Level.DEBUG, "Sinkwire metrics: removing the series failed", e);
            }
        }
        registrations.clear();
        exporters.clear();
    }

    /**
     * The metrics systems the series went to.
     *
     * @return {@code opentelemetry}, {@code microprofile-metrics} and/or {@code micrometer}, in
     *     that order; empty when none was found, the export is off, or the container has not
     *     started yet
     */
    public synchronized List<String> exporters() {
        return Collections.unmodifiableList(new ArrayList<>(exporters));
    }
}
