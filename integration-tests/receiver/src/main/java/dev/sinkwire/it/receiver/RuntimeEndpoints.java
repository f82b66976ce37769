/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.receiver;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The metrics scenario of the MicroProfile runtimes (Payara Micro, Open Liberty), against their
 * own {@code /metrics} (MicroProfile Metrics 5.1: every Sinkwire series is a gauge, named without
 * {@code _total}) and {@code /health/ready}, for the webhook sink {@code observed} that only this
 * scenario feeds: exact counts after retries and a dead letter, readiness DOWN while the receiver
 * is down with the breaker open and UP after recovery, and a {@code 410 Gone} that disables the
 * endpoint until the application enables it again. Used by one test thread.
 */
public final class RuntimeEndpoints {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Map<String, String> OBSERVED = Map.of("sink", "observed");

    /** Fires {@code Metered} events in the application. */
    @FunctionalInterface
    public interface Fire {
        /**
         * Fires events.
         *
         * @param ids comma-separated event ids
         * @throws Exception if the request fails
         */
        void fire(String ids) throws Exception;
    }

    private RuntimeEndpoints() {
    }

    /**
     * Runs the scenario; throws {@link AssertionError} on the first difference.
     *
     * @param metrics the runtime's Prometheus endpoint
     * @param ready the runtime's readiness endpoint
     * @param receiver the receiver the sink {@code observed} posts to ({@code /observed})
     * @param fire fires {@code Metered} events in the application
     * @param enable calls {@code SinkwireStats.enable("observed")} in the application, returns its answer
     * @throws Exception if a request fails
     */
    public static void check(URI metrics, URI ready, Receiver receiver, Fire fire, Callable<String> enable)
            throws Exception {
        expect(Scrape.status(health(ready)), "UP", "readiness before the scenario");
        // delivered at once, delivered on the second attempt (503 first), rejected (422: a dead letter), delivered
        fire.fire("ok-1,once-2,reject-3,ok-4");
        await().atMost(PATIENCE).until(() -> events(metrics, "delivered", "none") + events(metrics, "dropped",
                "gave_up") == 4);
        String text = text(metrics);
        expect(events(text, "accepted", "none"), 4, "accepted");
        expect(events(text, "delivered", "none"), 3, "delivered");
        expect(events(text, "dropped", "gave_up"), 1, "dropped gave_up");
        expect(events(text, "dropped", "failed"), 0, "dropped failed");
        expect(Scrape.sample(text, "sinkwire_attempts_failed", OBSERVED), 2, "failed attempts");
        expect(Scrape.sample(text, "sinkwire_retries", OBSERVED), 1, "retries");
        expect(Scrape.sample(text, "sinkwire_events_pending", OBSERVED), 0, "pending");
        expect(Scrape.sample(text, "sinkwire_breaker_state", OBSERVED), 0, "breaker state");

        receiver.down(true); // 2 consecutive failures open the breaker
        fire.fire("down-5");
        await().atMost(PATIENCE).until(() -> "breaker-open".equals(Scrape.data(health(ready), "observed")));
        expect(Scrape.status(health(ready)), "DOWN", "readiness with the breaker open");
        expect(Scrape.data(health(ready), "observed.breaker"), "open", "observed.breaker");
        expect(Scrape.sample(text(metrics), "sinkwire_breaker_state", OBSERVED), 1, "breaker state while down");

        receiver.down(false); // the next probe succeeds and closes the breaker
        await().atMost(PATIENCE).until(() -> "up".equals(Scrape.data(health(ready), "observed")));
        await().atMost(PATIENCE).until(() -> events(metrics, "delivered", "none") == 4);

        fire.fire("gone-6"); // 410 Gone: the endpoint is disabled until enabled again
        await().atMost(PATIENCE).until(() -> "endpoint-disabled".equals(Scrape.data(health(ready), "observed")));
        expect(enable.call().trim(), "true", "SinkwireStats.enable(observed)");
        await().atMost(PATIENCE).until(() -> "up".equals(Scrape.data(health(ready), "observed")));
        expect(events(text(metrics), "dropped", "gave_up"), 2, "dropped gave_up after the 410");
    }

    private static String text(URI metrics) {
        Scrape.Response r = Scrape.get(metrics);
        if (r.status() != 200) { // the runtime's own error page says what failed in its scrape
            String body = r.body() == null ? "" : r.body();
            throw new AssertionError("GET " + metrics + ": expected 200 but was " + r.status() + "; body: "
                    + (body.length() > 4_000 ? body.substring(0, 4_000) + "..." : body));
        }
        return r.body();
    }

    private static String health(URI ready) {
        return Scrape.get(ready).body(); // 503 while DOWN, with the same JSON
    }

    private static double events(URI metrics, String outcome, String reason) {
        return events(text(metrics), outcome, reason);
    }

    private static double events(String text, String outcome, String reason) {
        return Scrape.sample(text, "sinkwire_events", Map.of("sink", "observed", "outcome", outcome, "reason",
                reason));
    }

    private static void expect(Object actual, Object expected, String what) {
        boolean same = actual instanceof Number a && expected instanceof Number e
                ? a.doubleValue() == e.doubleValue() : expected.equals(actual);
        if (!same) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }
}
