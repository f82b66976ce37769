/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the series as OpenTelemetry asynchronous instruments of the meter
 * {@code dev.sinkwire}: one observable counter or gauge per metric name, whose callback records
 * every series of that name when the SDK collects; and the delivery-duration histogram
 * ({@link Durations}), a {@link DoubleHistogram} in seconds with explicit bucket boundaries
 * advised, recorded on the delivering thread with attributes built once per sink. Loaded only
 * when the OpenTelemetry API is on the class path. Used on one thread at startup; the callbacks
 * and recorders are safe for concurrent use.
 */
final class OpenTelemetryExport {

    /** The instrumentation scope of every Sinkwire instrument. */
    static final String SCOPE = "dev.sinkwire";

    private OpenTelemetryExport() {
    }

    /** A series with its attributes built once. */
    private record Observed(Series series, Attributes attributes) {
    }

    /**
     * Registers every series.
     *
     * @param openTelemetry the application's {@code OpenTelemetry} bean
     * @param series what to export
     * @param durations where to add each sink's duration recorder
     * @return closes the instruments (their callbacks stop)
     */
    static AutoCloseable register(Object openTelemetry, List<Series> series, Durations durations) {
        Meter meter = ((OpenTelemetry) openTelemetry).getMeter(SCOPE);
        DoubleHistogramBuilder builder = meter.histogramBuilder(Durations.NAME).setDescription(Durations.DESCRIPTION)
                .setUnit("s");
        try {
            builder = builder.setExplicitBucketBoundariesAdvice(Durations.BOUNDARIES);
        } catch (LinkageError older) {
            // an OpenTelemetry API before 1.32 (Payara 6's MicroProfile Telemetry 1.1): the SDK's default buckets
        }
        DoubleHistogram histogram = builder.build();
        for (String sink : durations.sinks()) {
            Attributes attributes = Attributes.of(AttributeKey.stringKey("sink"), sink);
            durations.add(sink, nanos -> histogram.record(nanos / 1e9, attributes));
        }
        Map<String, List<Observed>> byName = new LinkedHashMap<>();
        for (Series s : series) {
            AttributesBuilder b = Attributes.builder();
            s.attributes().forEach(b::put);
            byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(new Observed(s, b.build()));
        }
        List<AutoCloseable> instruments = new ArrayList<>();
        for (List<Observed> group : byName.values()) {
            Series first = group.get(0).series();
            if (first.counter()) {
                instruments.add(meter.counterBuilder(first.name()).setDescription(first.description())
                        .setUnit(first.unit()).buildWithCallback(m -> group.forEach(o ->
                                m.record(o.series().read(), o.attributes()))));
            } else {
                instruments.add(meter.gaugeBuilder(first.name()).ofLongs().setDescription(first.description())
                        .setUnit(first.unit()).buildWithCallback(m -> group.forEach(o ->
                                m.record(o.series().read(), o.attributes()))));
            }
        }
        return () -> {
            for (AutoCloseable i : instruments) {
                i.close();
            }
        };
    }
}
