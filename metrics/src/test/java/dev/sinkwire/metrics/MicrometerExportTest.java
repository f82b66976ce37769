/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Micrometer export under Weld SE, with Micrometer's {@link SimpleMeterRegistry} as the application's registry. */
class MicrometerExportTest {

    /** The application's registry, as Quarkus would produce it. */
    @ApplicationScoped
    static class Registry {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    private static double events(String outcome, String reason) {
        FunctionCounter c = Registry.REGISTRY.find("sinkwire.events")
                .tags("sink", "orders", "outcome", outcome, "reason", reason).functionCounter();
        assertThat(c).as("sinkwire.events{outcome=%s, reason=%s}", outcome, reason).isNotNull();
        return c.count();
    }

    @Test
    void theScenarioCountsAreExportedExactlyAndRemovedAtShutdown() {
        try (TestContainer c = TestContainer.start(Scenario.CONFIG, Fixtures.OrderSinks.class, Registry.class,
                Fixtures.Clock.class, SinkwireMetrics.class)) {
            assertThat(c.get(SinkwireMetrics.class).exporters()).containsExactly("micrometer");
            Scenario.run(c);

            assertThat(events("accepted", "none")).isEqualTo(Scenario.ACCEPTED);
            assertThat(events("delivered", "none")).isEqualTo(Scenario.DELIVERED);
            for (DropReason reason : DropReason.values()) {
                assertThat(events("dropped", reason.name().toLowerCase(Locale.ROOT))).as("%s", reason)
                        .isEqualTo(reason == DropReason.GAVE_UP ? Scenario.GAVE_UP : 0);
            }
            assertThat(Registry.REGISTRY.get("sinkwire.attempts.failed").tag("sink", "orders").functionCounter()
                    .count()).isEqualTo(Scenario.FAILED_ATTEMPTS);
            assertThat(Registry.REGISTRY.get("sinkwire.retries").tag("sink", "orders").functionCounter().count())
                    .isEqualTo(Scenario.RETRIES);
            assertThat(Registry.REGISTRY.get("sinkwire.events.pending").tag("sink", "orders").gauge().value()).isZero();
            assertThat(Registry.REGISTRY.get("sinkwire.sink.ready").tag("sink", "orders").gauge().value()).isEqualTo(1);
            assertThat(Registry.REGISTRY.find("sinkwire.durable.backlog").meters()).as("no durable sink").isEmpty();

            // recorded after the delivery is counted: wait for the last one
            Timer durations = Registry.REGISTRY.get("sinkwire.delivery.duration").tag("sink", "orders").timer();
            await().atMost(Duration.ofMinutes(1)).until(() -> durations.count() == Scenario.DURATIONS);
            assertThat(durations.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(Scenario.DURATION_SUM.toNanos());
            assertThat(durations.max(TimeUnit.MILLISECONDS)).isEqualTo(30);
            HistogramSnapshot snapshot = durations.takeSnapshot();
            assertThat(snapshot.percentileValues()).as("no client-side percentiles").isEmpty();
            assertThat(snapshot.histogramCounts()).as("the explicit buckets").hasSize(Durations.BOUNDARIES.size());
            assertThat(snapshot.histogramCounts()).filteredOn(b -> b.bucket(TimeUnit.SECONDS) == 0.025).singleElement()
                    .satisfies(b -> assertThat(b.count()).as("10 and 20 ms").isEqualTo(2));
        }
        assertThat(Registry.REGISTRY.find("sinkwire.events").meters()).as("removed when the application stops")
                .isEmpty();
    }

    @Test
    void theSwitchTurnsTheExportOff() {
        try (TestContainer c = TestContainer.start(Map.of("sinkwire.metrics.enabled", "false"),
                Fixtures.OrderSinks.class, Registry.class, Fixtures.Clock.class, SinkwireMetrics.class)) {
            long readings = Fixtures.Clock.READINGS.get();
            Scenario.run(c);
            assertThat(c.get(SinkwireMetrics.class).exporters()).isEmpty();
            assertThat(Registry.REGISTRY.getMeters()).noneMatch(m -> m.getId().getName().startsWith("sinkwire."));
            assertThat(Fixtures.Clock.READINGS.get()).as("no delivery read the clock").isEqualTo(readings);
        }
    }
}
