/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the series in the application's MicroProfile Metrics 5.1 {@link MetricRegistry}, each
 * as a gauge reading its value when the registry is scraped: MicroProfile Metrics 5.1 has no
 * counter that reads a function, and a counter incremented on the write path would cost every
 * event. The counters still only grow. The delivery durations ({@link Durations}) go to a
 * {@link Histogram} per sink, in nanoseconds: its {@code update(long)} takes a number, where a
 * {@code Timer} would take a {@code Duration} object per delivery. Loaded only when the
 * MicroProfile Metrics API is on the class path. Used on one thread at startup; the gauges and
 * histograms are safe for concurrent use.
 */
final class MpMetricsExport {

    private MpMetricsExport() {
    }

    /**
     * Registers every series.
     *
     * @param registry the application-scoped {@code MetricRegistry} bean
     * @param series what to export
     * @param durations where to add each sink's duration recorder
     * @return removes the gauges and histograms again
     */
    static AutoCloseable register(Object registry, List<Series> series, Durations durations) {
        MetricRegistry r = (MetricRegistry) registry;
        List<MetricID> ids = new ArrayList<>();
        for (Series s : series) {
            Tag[] tags = s.attributes().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue()))
                    .toArray(Tag[]::new);
            Metadata metadata = Metadata.builder().withName(s.name()).withDescription(s.description())
                    .withUnit(MetricUnits.NONE).build();
            r.gauge(metadata, s, Series::read, tags);
            ids.add(new MetricID(s.name(), tags));
        }
        Metadata duration = Metadata.builder().withName(Durations.NAME).withDescription(Durations.DESCRIPTION)
                .withUnit(MetricUnits.NANOSECONDS).build();
        for (String sink : durations.sinks()) {
            Tag tag = new Tag("sink", sink);
            Histogram histogram = r.histogram(duration, tag);
            ids.add(new MetricID(Durations.NAME, tag));
            durations.add(sink, histogram::update);
        }
        return () -> ids.forEach(r::remove);
    }
}
