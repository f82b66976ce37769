/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.core.Broadcaster;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Sinkwire scenario in a real Quarkus application (ArC, the build compatible extension,
 * SmallRye Fault Tolerance, Quarkus REST). Each test uses its own event ids, so the tests do not
 * depend on each other's order.
 */
@QuarkusTest
@WithTestResource(ReceiverResource.class)
class SinkwireInQuarkusTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/events")
    URI events;

    @Inject
    Recorder recorder;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Broadcaster<Object> broadcaster;

    @Inject
    @SinkChain("billing")
    Sink<Order> billingChain;

    @Inject
    @SinkChain("ft")
    Sink<Parcel> ftChain;

    private String post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(events + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void eventsFiredFromRestReachClassMethodAndQualifiedSinksInOrder() throws Exception {
        post("/order?id=rest-1&amount=10");
        post("/order?id=rest-2&amount=20&premium=true");
        post("/parcel?id=rest-3");
        post("/order?id=rest-4&amount=40");

        // method sink: every order, in order; parcels are not orders
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("billing", "rest-"))
                .containsExactly("rest-1#1", "rest-2#1", "rest-4#1"));
        // class sink of ShopEvent, filter.types=Order: the parcel is filtered out
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("audit", "rest-"))
                .containsExactly("rest-1#1", "rest-2#1", "rest-4#1"));
        // qualified sink: only the @Premium order
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("premium", "rest-"))
                .containsExactly("rest-2#1"));
    }

    @Test
    void fireAsyncReachesTheSinksToo() throws Exception {
        assertThat(post("/order-async?id=async-1&amount=5")).isEqualTo("fired async async-1");
        post("/order-async?id=async-2&amount=6");

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("billing", "async-"))
                .containsExactly("async-1#1", "async-2#1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("audit", "async-"))
                .containsExactly("async-1#1", "async-2#1"));
        assertThat(recorder.calls("premium", "async-")).isEmpty();
    }

    @Test
    void webhookSinkPostsOrdersToTheReceiverInOrder() throws Exception {
        post("/order?id=hook-1&amount=1");
        post("/parcel?id=hook-2");
        post("/order?id=hook-3&amount=3&premium=true");
        post("/order-async?id=hook-4&amount=4");

        // every order (qualified or not, fire or fireAsync), never the parcel, POSTed in firing order
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReceiverResource.receiver().received())
                .filteredOn(entry -> entry.contains(" hook-"))
                .containsExactly("/orders hook-1", "/orders hook-3", "/orders hook-4"));
    }

    @Test
    void configuredRetryStrategiesRetryInOrder() throws Exception {
        // audit: exponential back-off; the flaky order fails twice, the next waits behind it (one queue)
        post("/order?id=retry-flaky-1&amount=1&premium=true");
        post("/order?id=retry-2&amount=2&premium=true");

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("audit", "retry-")).containsExactly(
                "retry-flaky-1#1", "retry-flaky-1#2", "retry-flaky-1#3", "retry-2#1"));
        // premium: breaker retry; fails once
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("premium", "retry-")).containsExactly(
                "retry-flaky-1#1", "retry-flaky-1#2", "retry-2#1"));
        assertThat(recorder.calls("billing", "retry-")).containsExactly("retry-flaky-1#1", "retry-2#1");
        assertThat(deadLetters.all()).noneMatch(l -> l.event() instanceof ShopEvent e && e.id().startsWith("retry-"));
    }

    @Test
    void faultToleranceAnnotationsApplyOnceThroughSmallRye() throws Exception {
        post("/parcel?id=ft-once-1");
        post("/parcel?id=ft-ok-2");
        post("/parcel?id=ft-never-3");
        post("/parcel?id=ft-ok-4");

        // @Retry(maxRetries = 2): one retry for ft-once, 1 + 2 calls for ft-never, never more (no double retry)
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("ft", "ft-")).containsExactly(
                "ft-once-1#1", "ft-once-1#2", "ft-ok-2#1",
                "ft-never-3#1", "ft-never-3#2", "ft-never-3#3", "ft-ok-4#1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.all())
                .filteredOn(l -> l.event() instanceof Parcel p && p.id().startsWith("ft-"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.sink()).isEqualTo("ft");
                    assertThat(((Parcel) l.event()).id()).isEqualTo("ft-never-3");
                    assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
                    assertThat(l.attempts()).isEqualTo(3);
                }));
        assertThat(recorder.calls("ft", "ft-")).hasSize(7);
        // SmallRye FT applies the annotations; Sinkwire adds no retry layer of its own
        assertThat(ftChain.toString()).contains("FaultTolerance[@Retry, @CircuitBreaker applied by the FT implementation]")
                .doesNotContain("RetryingSink");
    }

    @Test
    void injectedBroadcasterAndChainWriteDirectly() {
        broadcaster.write(new Order("direct-1", 1));
        billingChain.write(new Order("direct-2", 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("billing", "direct-"))
                .containsExactly("direct-1#1", "direct-2#1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("audit", "direct-"))
                .containsExactly("direct-1#1"));
        // direct writes ignore qualifiers: the premium sink gets the broadcast order as well
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("premium", "direct-"))
                .containsExactly("direct-1#1"));
        List<DeadLetter> letters = deadLetters.all();
        assertThat(letters).noneMatch(l -> l.event() instanceof ShopEvent e && e.id().startsWith("direct-"));
    }

    @Test
    void sinksRunOnTheirOwnBeansDespiteSubclassBeansAndAlternatives() throws Exception {
        post("/parcel?id=own-1");
        post("/parcel?id=own-2");

        // Stock is @Dependent with a subclass bean; Shelf has an enabled @Alternative subclass (a test double)
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("stock", "own-"))
                .containsExactly("own-1@Stock#1", "own-2@Stock#1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.calls("shelf", "own-"))
                .containsExactly("own-1@Shelf#1", "own-2@Shelf#1"));
    }
}
