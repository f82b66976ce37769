/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.it.receiver.Receiver;
import dev.sinkwire.it.receiver.RuntimeEndpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Sinkwire scenario in a real Open Liberty (started by {@link LibertyServer} on a free port):
 * the WAR this module builds, with the Sinkwire jars in WEB-INF/lib, the portable extension run by
 * Liberty's Weld (feature cdi-4.0), MP Config and MP Fault Tolerance from Liberty's features. The
 * last test stops the server and checks what Sinkwire delivers while it stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SinkwireInLibertyIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Receiver RECEIVER = Receiver.start();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static LibertyServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = LibertyServer.start(Map.of("app.webhook.url", RECEIVER.url(),
                "sinkwire.sinks.webhook.url", RECEIVER.url() + "/orders",
                "sinkwire.sinks.observed.url", RECEIVER.url() + "/observed"));
    }

    @AfterAll
    static void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            RECEIVER.close();
        }
    }

    @Test
    @Order(1)
    void applicationStarts() throws Exception {
        // a deployment failure leaves Liberty running: wait for the servlet itself, fail fast on CWWKZ0002E
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .ignoreException(ConnectException.class)
                .failFast("the server process ended", () -> !server.isRunning())
                .failFast("the application failed to start (CWWKZ0002E)", () -> server.messages().contains("CWWKZ0002E"))
                .failFast("the free port was taken before Liberty bound it (CWWKO0221E)",
                        () -> server.messages().contains("CWWKO0221E"))
                .until(() -> status("sink=audit"), status -> status == 200);
        /* The servlet can answer before Liberty has started everything: the scenarios begin once
           CWWKF0011I says the server is ready, as a scraper of /metrics and /health would. */
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .failFast("the server process ended", () -> !server.isRunning())
                .until(() -> server.messages().contains("CWWKF0011I"));
        assertThat(calls("audit")).isEmpty();
        // Liberty's own FT implementation applies @Retry/@CircuitBreaker; Sinkwire must leave them to it
        assertThat(server.messages()).as("messages.log").contains("Sinkwire started 7 sink(s); "
                + "a MicroProfile Fault Tolerance implementation is active");
    }

    @Test
    @Order(2)
    void everySinkGetsItsEventsInOrderWithTheConfiguredRetries() throws Exception {
        post("orders=n1:10,ft-ok:10,ft-once:10,ft-never:10,n2:20");
        post("orders=p1:500,p2:5,flaky-p3:200,p4:150&premium=true");
        post("orders=a1:30,a2:40&async=true");
        List<String> all = List.of("n1", "ft-ok", "ft-once", "ft-never", "n2", "p1", "p2", "flaky-p3", "p4", "a1", "a2");

        assertThat(awaitCalls("audit", all.size())).as("class sink").containsExactlyElementsOf(all);
        assertThat(awaitCalls("billing-charge", all.size())).as("method sink").containsExactlyElementsOf(all);
        // qualified: only @Premium orders, p2 filtered out by the matcher (amount < 100), flaky-p3 retried once by the breaker
        assertThat(awaitCalls("premium", 4)).as("qualified sink")
                .containsExactly("p1#1", "flaky-p3#1", "flaky-p3#2", "p4#1");
        // Liberty's FT: @Retry(maxRetries = 2) gives 1 + 2 attempts, and Sinkwire adds no retry of its own
        assertThat(awaitCalls("ft", 14)).as("FT sink").containsExactly(
                "n1#1", "ft-ok#1", "ft-once#1", "ft-once#2", "ft-never#1", "ft-never#2", "ft-never#3",
                "n2#1", "p1#1", "p2#1", "flaky-p3#1", "p4#1", "a1#1", "a2#1");
        assertThat(awaitCalls("dead-letters", 1)).as("dead letters").containsExactly("ft:ft-never:GAVE_UP:3");
        // config-only webhook sink: every order POSTed to the receiver, in order
        await().atMost(PATIENCE).until(() -> RECEIVER.received().size() >= all.size());
        assertThat(RECEIVER.received()).as("webhook receiver")
                .containsExactlyElementsOf(all.stream().map(id -> "/orders " + id).toList());
        // nothing more arrives late: each sink saw exactly the calls above
        assertThat(calls("ft")).hasSize(14);
        assertThat(calls("premium")).hasSize(4);
    }

    @Test
    @Order(3)
    void libertysOwnEndpointsShowTheSeriesAndReadinessFollowsTheBreaker() throws Exception {
        URI root = URI.create(server.appUrl()).resolve("/");
        RuntimeEndpoints.check(root.resolve("/metrics"), root.resolve("/health/ready"), RECEIVER,
                ids -> post("metered=" + ids), () -> postForText("enable=observed"));
    }

    @Test
    @Order(4)
    void queuedEventsAreDeliveredWhenLibertyStops() throws Exception {
        post("parcels=d1,d2,d3");
        // d1 is being written (held until the application stops), d2 and d3 wait in the queue
        assertThat(awaitCalls("drain-entered", 1)).containsExactly("d1");
        assertThat(RECEIVER.received()).noneMatch(entry -> entry.startsWith("/drain"));

        server.stop(); // bin/server stop: Liberty stops the application, then Sinkwire drains and closes

        assertThat(RECEIVER.received()).as("messages.log:%n%s", server.messages())
                .filteredOn(entry -> entry.startsWith("/drain"))
                .containsExactly("/drain d1", "/drain d2", "/drain d3", "/drain closed");
    }

    private static void post(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", query, response.body()).isEqualTo(204);
    }

    private static String postForText(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", query, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int status(String query) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(query)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> calls(String sink) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("sink=" + sink)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET calls of %s", sink).isEqualTo(200);
        String body = response.body();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    private static List<String> awaitCalls(String sink, int count) {
        return await().atMost(PATIENCE).until(() -> calls(sink), calls -> calls.size() >= count);
    }

    private static URI uri(String query) {
        return URI.create(server.appUrl() + "/events?" + query);
    }
}
