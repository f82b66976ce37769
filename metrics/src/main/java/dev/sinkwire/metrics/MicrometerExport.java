/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Registers the series on a Micrometer {@link MeterRegistry}: a {@link FunctionCounter} per
 * counter and a {@link Gauge} per gauge, each reading its value when the registry publishes or is
 * scraped; and per sink a {@link Timer} for the delivery durations ({@link Durations}), with the
 * histogram's boundaries as service level objectives (buckets) and no client-side percentiles,
 * recorded on the delivering thread. Loaded only when Micrometer is on the class path. Used on one
 * thread at startup; the meters are safe for concurrent use.
 */
final class MicrometerExport {

    private MicrometerExport() {
    }

    /**
     * Registers every series.
     *
     * @param registry the application's {@code MeterRegistry} bean
     * @param series what to export (held strongly by the caller: Micrometer keeps weak references)
     * @param durations where to add each sink's duration recorder
     * @return removes the meters again
     */
    static AutoCloseable register(Object registry, List<Series> series, Durations durations) {
        MeterRegistry r = (MeterRegistry) registry;
        List<Meter> meters = new ArrayList<>();
        for (Series s : series) {
            Tags tags = Tags.empty();
            for (var e : s.attributes().entrySet()) {
                tags = tags.and(e.getKey(), e.getValue());
            }
            // no base unit for counts: Prometheus would append it to the name (sinkwire_events_events_total);
            // seconds are Micrometer's base unit of time, and Prometheus names end in it (..._seconds)
            String baseUnit = "s".equals(s.unit()) ? "seconds" : null;
            meters.add(s.counter()
                    ? FunctionCounter.builder(s.name(), s, Series::read).description(s.description()).tags(tags)
                            .baseUnit(baseUnit).register(r)
                    : Gauge.builder(s.name(), s, Series::read).description(s.description()).tags(tags)
                            .baseUnit(baseUnit).strongReference(true).register(r));
        }
        Duration[] buckets = Durations.BOUNDARIES.stream().map(s -> Duration.ofNanos(Math.round(s * 1e9)))
                .toArray(Duration[]::new);
        for (String sink : durations.sinks()) {
            Timer timer = Timer.builder(Durations.NAME).description(Durations.DESCRIPTION).tag("sink", sink)
                    .serviceLevelObjectives(buckets).register(r);
            meters.add(timer);
            durations.add(sink, nanos -> timer.record(nanos, TimeUnit.NANOSECONDS));
        }
        return () -> meters.forEach(r::remove);
    }
}
