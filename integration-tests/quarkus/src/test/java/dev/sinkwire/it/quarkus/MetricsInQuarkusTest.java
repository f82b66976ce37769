/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import static dev.sinkwire.it.receiver.Scrape.data;
import static dev.sinkwire.it.receiver.Scrape.sample;
import static dev.sinkwire.it.receiver.Scrape.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.it.receiver.Scrape;
import dev.sinkwire.metrics.SinkwireMetrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sinkwire's series in Quarkus' own Prometheus endpoint ({@code /q/metrics}, Micrometer) and its
 * checks in {@code /q/health/ready}, scraped over HTTP, for the webhook sink {@code observed}
 * that only this test feeds.
 */
@QuarkusTest
@WithTestResource(ReceiverResource.class)
class MetricsInQuarkusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> OBSERVED = Map.of("sink", "observed");

    @TestHTTPResource("/")
    URI root;

    @Inject
    Event<Metered> metered;

    @Inject
    SinkwireStats stats;

    @Inject
    SinkwireMetrics metrics;

    private String metrics() {
        Scrape.Response r = Scrape.get(root.resolve("/q/metrics"));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private String ready() {
        return Scrape.get(root.resolve("/q/health/ready")).body();
    }

    private static double events(String text, String outcome, String reason) {
        return sample(text, "sinkwire_events_total", Map.of("sink", "observed", "outcome", outcome, "reason", reason));
    }

    @Test
    void theScrapedSeriesCountTheScenarioExactlyAndReadinessFollowsTheBreakerAndThe410() {
        assertThat(metrics.exporters()).contains("micrometer");
        assertThat(status(ready())).isEqualTo("UP");

        // delivered at once, delivered on the second attempt (503 first), rejected (422: a dead letter), delivered
        for (String id : new String[] {"ok-1", "once-2", "reject-3", "ok-4"}) {
            metered.fire(new Metered(id));
        }
        await().atMost(WAIT).until(() -> events(metrics(), "delivered", "none") + events(metrics(), "dropped",
                "gave_up") == 4);
        String text = metrics();
        assertThat(events(text, "accepted", "none")).isEqualTo(4);
        assertThat(events(text, "delivered", "none")).isEqualTo(3);
        assertThat(events(text, "dropped", "gave_up")).isEqualTo(1);
        assertThat(events(text, "dropped", "failed")).isZero();
        assertThat(sample(text, "sinkwire_attempts_failed_total", OBSERVED)).isEqualTo(2);
        assertThat(sample(text, "sinkwire_retries_total", OBSERVED)).isEqualTo(1);
        assertThat(sample(text, "sinkwire_events_pending", OBSERVED)).isZero();
        assertThat(sample(text, "sinkwire_breaker_state", OBSERVED)).isZero();
        assertThat(ReceiverResource.receiver().received()).filteredOn(e -> e.startsWith("/observed "))
                .containsExactly("/observed ok-1", "/observed once-2", "/observed once-2", "/observed reject-3",
                        "/observed ok-4");
        // each of the 3 deliveries is timed: the first, and the two that follow a failed attempt (once-2, ok-4);
        // recorded after the delivery is counted, so wait for the last one
        await().atMost(WAIT).until(() -> sample(metrics(), "sinkwire_delivery_duration_seconds_count", OBSERVED) == 3);
        assertThat(sample(metrics(), "sinkwire_delivery_duration_seconds_sum", OBSERVED)).isPositive();

        // the receiver goes down: 2 consecutive failures open the breaker, readiness goes DOWN
        ReceiverResource.receiver().down(true);
        metered.fire(new Metered("down-5"));
        await().atMost(WAIT).until(() -> "breaker-open".equals(data(ready(), "observed")));
        assertThat(status(ready())).isEqualTo("DOWN");
        assertThat(data(ready(), "observed.breaker")).isEqualTo("open");
        assertThat(sample(metrics(), "sinkwire_breaker_state", OBSERVED)).isEqualTo(1);
        assertThat(sample(metrics(), "sinkwire_sink_ready", OBSERVED)).isZero();

        // it recovers: the next probe succeeds, the breaker closes, readiness is UP again
        ReceiverResource.receiver().down(false);
        await().atMost(WAIT).until(() -> "up".equals(data(ready(), "observed")));
        await().atMost(WAIT).until(() -> events(metrics(), "delivered", "none") == 4);
        assertThat(sample(metrics(), "sinkwire_breaker_state", OBSERVED)).isZero();

        // 410 Gone disables the endpoint: readiness DOWN until the application enables it again
        metered.fire(new Metered("gone-6"));
        await().atMost(WAIT).until(() -> "endpoint-disabled".equals(data(ready(), "observed")));
        assertThat(stats.state("observed").endpointDisabled()).isTrue();
        assertThat(stats.enable("observed")).isTrue();
        await().atMost(WAIT).until(() -> "up".equals(data(ready(), "observed")));
        assertThat(events(metrics(), "dropped", "gave_up")).isEqualTo(2);
    }
}
