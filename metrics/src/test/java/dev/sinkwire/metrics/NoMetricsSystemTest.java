/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DropReason;
import dev.sinkwire.core.SinkStats;
import org.junit.jupiter.api.Test;

/**
 * No metrics system in the application (no {@code OpenTelemetry}, {@code MetricRegistry} or
 * {@code MeterRegistry} bean): nothing is exported, nothing fails, no delivery is timed, and the
 * counts are still there.
 */
class NoMetricsSystemTest {

    @Test
    void nothingIsExportedAndTheApplicationRuns() {
        try (TestContainer c = TestContainer.start(Scenario.CONFIG, Fixtures.OrderSinks.class,
                Fixtures.Clock.class, SinkwireMetrics.class)) {
            assertThat(c.get(SinkwireMetrics.class).exporters()).isEmpty();
            long readings = Fixtures.Clock.READINGS.get();
            SinkStats s = Scenario.run(c);
            assertThat(s.delivered()).isEqualTo(Scenario.DELIVERED);
            assertThat(s.dropped(DropReason.GAVE_UP)).isEqualTo(Scenario.GAVE_UP);
            assertThat(Fixtures.Clock.READINGS.get()).as("no delivery read the clock: nothing on the write path")
                    .isEqualTo(readings);
        }
    }
}
