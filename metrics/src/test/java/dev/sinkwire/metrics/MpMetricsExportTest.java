/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.metrics.SharedMetricRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.junit.jupiter.api.Test;

/**
 * The MicroProfile Metrics export under Weld SE, with SmallRye Metrics 5.1 (the implementation
 * behind MP Metrics 5.1 in WildFly and Quarkus' former extension) as the application's registry.
 */
class MpMetricsExportTest {

    /** The application-scoped registry, as the runtime's MP Metrics implementation produces it. */
    @ApplicationScoped
    static class Registry {
        static final MetricRegistry REGISTRY = SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE);

        @Produces
        MetricRegistry registry() {
            return REGISTRY;
        }

        /** The runtime's other registries are qualified (Payara, Liberty): they must not make the lookup ambiguous. */
        @Produces
        @RegistryScope(scope = MetricRegistry.BASE_SCOPE)
        MetricRegistry base() {
            return BASE;
        }

        static final MetricRegistry BASE = SharedMetricRegistries.getOrCreate(MetricRegistry.BASE_SCOPE);
    }

    private static long gauge(String name, Tag... tags) {
        Gauge<?> g = Registry.REGISTRY.getGauges().get(new MetricID(name, tags));
        assertThat(g).as("%s %s among %s", name, tags, Registry.REGISTRY.getGauges().keySet()).isNotNull();
        return g.getValue().longValue();
    }

    private static Tag[] events(String outcome, String reason) {
        return new Tag[] {new Tag("sink", "orders"), new Tag("outcome", outcome), new Tag("reason", reason)};
    }

    @Test
    void theScenarioCountsAreExportedExactlyAndRemovedAtShutdown() {
        try (TestContainer c = TestContainer.start(Scenario.CONFIG, Fixtures.OrderSinks.class, Registry.class,
                Fixtures.Clock.class, SinkwireMetrics.class)) {
            assertThat(c.get(SinkwireMetrics.class).exporters()).containsExactly("microprofile-metrics");
            Scenario.run(c);

            assertThat(gauge("sinkwire.events", events("accepted", "none"))).isEqualTo(Scenario.ACCEPTED);
            assertThat(gauge("sinkwire.events", events("delivered", "none"))).isEqualTo(Scenario.DELIVERED);
            assertThat(gauge("sinkwire.events", events("dropped", "gave_up"))).isEqualTo(Scenario.GAVE_UP);
            assertThat(gauge("sinkwire.events", events("dropped", "shutdown"))).isZero();
            assertThat(gauge("sinkwire.attempts.failed", new Tag("sink", "orders"))).isEqualTo(Scenario.FAILED_ATTEMPTS);
            assertThat(gauge("sinkwire.retries", new Tag("sink", "orders"))).isEqualTo(Scenario.RETRIES);

            Histogram durations = Registry.REGISTRY.getHistograms()
                    .get(new MetricID("sinkwire.delivery.duration", new Tag("sink", "orders")));
            assertThat(durations).as("among %s", Registry.REGISTRY.getHistograms().keySet()).isNotNull();
            // recorded after the delivery is counted: wait for the last one
            await().atMost(Duration.ofMinutes(1)).until(() -> durations.getCount() == Scenario.DURATIONS);
            assertThat(durations.getSum()).as("nanoseconds").isEqualTo(Scenario.DURATION_SUM.toNanos());
            assertThat(Registry.REGISTRY.getMetadata("sinkwire.delivery.duration").getUnit()).isEqualTo("nanoseconds");
        }
        assertThat(Registry.BASE.getGauges().keySet()).as("only the application registry")
                .noneMatch(id -> id.getName().startsWith("sinkwire."));
        assertThat(Registry.REGISTRY.getGauges().keySet()).as("removed when the application stops")
                .noneMatch(id -> id.getName().startsWith("sinkwire."));
        assertThat(Registry.REGISTRY.getHistograms().keySet()).as("removed when the application stops")
                .noneMatch(id -> id.getName().startsWith("sinkwire."));
    }
}
