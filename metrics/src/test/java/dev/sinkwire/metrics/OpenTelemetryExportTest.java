/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
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

    private static Attributes events(String outcome, String reason) {
        return Attributes.of(AttributeKey.stringKey("sink"), "orders", AttributeKey.stringKey("outcome"), outcome,
                AttributeKey.stringKey("reason"), reason);
    }

    @Test
    void theScenarioCountsAreObservedExactlyWithTheirUnits() {
        try (TestContainer c = TestContainer.start(Scenario.CONFIG, Fixtures.OrderSinks.class, Otel.class,
                SinkwireMetrics.class)) {
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
        }
        assertThat(Otel.READER.collectAllMetrics()).as("the callbacks are closed when the application stops")
                .noneMatch(d -> d.getName().startsWith("sinkwire.") && !d.isEmpty());
    }
}
