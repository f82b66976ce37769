/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import java.time.Duration;
import java.util.Map;

/**
 * The known scenario every adapter test runs on sink {@code orders}: two orders delivered at once,
 * one delivered on its second attempt (one retry), one that fails all three attempts (two retries,
 * then a dead letter with reason GAVE_UP). Afterwards: accepted 4, delivered 3, dropped 1
 * (gave_up), failed attempts 4, retries 3, pending 0. With the test clock
 * ({@link Fixtures.Clock}), the three deliveries take 10, 20 and 30 ms (failed attempts are not
 * timed): a duration histogram of count 3 and sum 60 ms.
 */
final class Scenario {

    static final long ACCEPTED = 4;
    static final long DELIVERED = 3;
    static final long GAVE_UP = 1;
    static final long FAILED_ATTEMPTS = 4;
    static final long RETRIES = 3;
    /** Timed deliveries. */
    static final long DURATIONS = 3;
    /** Their total duration. */
    static final Duration DURATION_SUM = Duration.ofMillis(60);

    /** The configuration of the scenario's sinks (none needed: the annotations say it all). */
    static final Map<String, String> CONFIG = Map.of();

    private Scenario() {
    }

    /**
     * Fires the four orders and waits until the sink accounted for all of them.
     *
     * @param c the container, with {@link Fixtures.OrderSinks}
     * @return the sink's counts at the end
     */
    static SinkStats run(TestContainer c) {
        for (String id : new String[] {"ok-1", "ok-2", "once-3", "never-4"}) {
            c.fire(new Fixtures.Order(id));
        }
        SinkwireStats stats = c.get(SinkwireStats.class);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            SinkStats s = stats.of("orders");
            return s.accepted() == ACCEPTED && s.pending() == 0;
        });
        return stats.of("orders");
    }
}
