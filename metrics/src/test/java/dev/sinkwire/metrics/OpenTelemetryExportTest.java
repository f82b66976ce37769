/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry export under Weld SE, with the OpenTelemetry SDK and its in-memory reader as
 * the application's {@code OpenTelemetry} bean (as MicroProfile Telemetry provides one).
 */
class OpenTelemetryExportTest {

    /** The application's OpenTelemetry. */
    @ApplicationScoped
    static class Otel {
        static final InMemoryMetricReader READER = InMemoryMetricReader.create();
        static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(READER).build()).build();

        @Produces
        OpenTelemetry openTelemetry() {
            return SDK;
        }
    }

    private static long point(Collection<MetricData> metrics, String name, Attributes attributes) {
        MetricData m = metrics.stream().filter(d -> d.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
        assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo("dev.sinkwire");
        Collection<LongPointData> points = switch (m.getType()) {
            case LONG_SUM -> m.getLongSumData().getPoints();
            case LONG_GAUGE -> m.getLongGaugeData().getPoints();
            default -> throw new AssertionError(name + " is a " + m.getType());
        };
        List<LongPointData> matching = points.stream().filter(p -> p.getAttributes().equals(attributes)).toList();
        assertThat(matching).as("%s%s among %s", name, attributes, points).hasSize(1);
        return matching.get(0).getValue();
    }

    private static HistogramPointData durations(Collection<MetricData> metrics, Attributes sink) {
        MetricData m = metrics.stream().filter(d -> d.getName().equals("sinkwire.delivery.duration")).findFirst()
                .orElseThrow(() -> new AssertionError("no sinkwire.delivery.duration in " + metrics));
        return m.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(sink)).findFirst()
                .orElseThrow(() -> new AssertionError("no point for " + sink + " in " + m));
    }

    private static Attributes events(String outcome, String reason) {
        return Attributes.of(AttributeKey.stringKey("sink"), "orders", AttributeKey.stringKey("outcome"), outcome,
                AttributeKey.stringKey("reason"), reason);
    }

    @Test
    void theScenarioCountsAreObservedExactlyWithTheirUnits() {
        try (TestContainer c = TestContainer.start(Scenario.CONFIG, Fixtures.OrderSinks.class, Otel.class,
                Fixtures.Clock.class, SinkwireMetrics.class)) {
            assertThat(c.get(SinkwireMetrics.class).exporters()).containsExactly("opentelemetry");
            Scenario.run(c);

            Collection<MetricData> metrics = Otel.READER.collectAllMetrics();
            Attributes sink = Attributes.of(AttributeKey.stringKey("sink"), "orders");
            assertThat(point(metrics, "sinkwire.events", events("accepted", "none"))).isEqualTo(Scenario.ACCEPTED);
            assertThat(point(metrics, "sinkwire.events", events("delivered", "none"))).isEqualTo(Scenario.DELIVERED);
            assertThat(point(metrics, "sinkwire.events", events("dropped", "gave_up"))).isEqualTo(Scenario.GAVE_UP);
            assertThat(point(metrics, "sinkwire.events", events("dropped", "overflow"))).isZero();
            assertThat(point(metrics, "sinkwire.attempts.failed", sink)).isEqualTo(Scenario.FAILED_ATTEMPTS);
            assertThat(point(metrics, "sinkwire.retries", sink)).isEqualTo(Scenario.RETRIES);
            assertThat(point(metrics, "sinkwire.events.pending", sink)).isZero();
            MetricData events = metrics.stream().filter(d -> d.getName().equals("sinkwire.events")).findFirst()
                    .orElseThrow();
            assertThat(events.getUnit()).isEqualTo("{event}");
            assertThat(events.getLongSumData().isMonotonic()).isTrue();

            // recorded after the delivery is counted: wait for the last one
            await().atMost(Duration.ofMinutes(1)).until(() -> durations(Otel.READER.collectAllMetrics(), sink)
                    .getCount() == Scenario.DURATIONS);
            Collection<MetricData> later = Otel.READER.collectAllMetrics();
            HistogramPointData d = durations(later, sink);
            assertThat(d.getSum()).isCloseTo(Scenario.DURATION_SUM.toNanos() / 1e9, within(1e-9));
            assertThat(d.getMax()).isCloseTo(0.03, within(1e-9));
            assertThat(d.getBoundaries()).as("the advised buckets").isEqualTo(Durations.BOUNDARIES);
            for (double bucket : new double[] {0.01, 0.025, 0.05}) { // one in each: 10, 20 and 30 ms
                assertThat(d.getCounts().get(Durations.BOUNDARIES.indexOf(bucket))).as("bucket %s", bucket).isEqualTo(1);
            }
            assertThat(later.stream().filter(m -> m.getName().equals("sinkwire.delivery.duration")).findFirst()
                    .orElseThrow().getUnit()).isEqualTo("s");
        }
        // a synchronous histogram cannot be removed through the OpenTelemetry API: it keeps its data
        assertThat(Otel.READER.collectAllMetrics()).as("the callbacks are closed when the application stops")
                .noneMatch(d -> d.getName().startsWith("sinkwire.") && !d.getName().equals("sinkwire.delivery.duration")
                        && !d.isEmpty());
    }
}
