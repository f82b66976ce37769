/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the series in the application's MicroProfile Metrics 5.1 {@link MetricRegistry}, each
 * as a gauge reading its value when the registry is scraped: MicroProfile Metrics 5.1 has no
 * counter that reads a function, and a counter incremented on the write path would cost every
 * event. The counters still only grow. Loaded only when the MicroProfile Metrics API is on the
 * class path. Used on one thread at startup; the gauges are safe for concurrent use.
 */
final class MpMetricsExport {

    private MpMetricsExport() {
    }

    /**
     * Registers every series.
     *
     * @param registry the application-scoped {@code MetricRegistry} bean
     * @param series what to export
     * @return removes the gauges again
     */
    static AutoCloseable register(Object registry, List<Series> series) {
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
        return () -> ids.forEach(r::remove);
    }
}
