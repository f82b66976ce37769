/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import io.agroal.api.AgroalDataSource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The seam between the relay and the webhook sink: behind {@link DurableEvent#unwrapping}, a
 * {@link WebhookSink} built with {@code ids(DurableEvent::currentId)} puts the outbox id in its
 * envelope, the same id on the retry after a failed attempt.
 */
class WebhookIdTest {

    @Test
    void theWebhookEnvelopeCarriesTheOutboxIdOnEveryAttempt() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<UUID> ids = new CopyOnWriteArrayList<>();
        String tableName = Databases.freshTable();
        try (AgroalDataSource ds = Databases.pool(Databases.url(Databases.Kind.H2), "sa", 2)) {
            WebhookSink webhook = WebhookSink.builder(WebhookConfig.builder(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/hook").build())
                    .name("orders").ids(DurableEvent::currentId).build();
            try (DurableSink<Order> sink = DurableSink.builder("orders", Order.class, ds)
                    .table(tableName).clock(clock).pollInterval(Duration.ofHours(1))
                    .retries(3, Duration.ofSeconds(1), Duration.ofSeconds(1)).ids(() -> {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        return id;
                    }).build(DurableEvent.unwrapping(webhook))) {
                sink.write(new Order("a", 1));
                await().until(() -> bodies.size() >= 1);
                // the relay has recorded the failed attempt (and its retry time) before the clock moves
                await().until(() -> DurableSinkTest.rows(ds, tableName, "attempts = 1") == 1 || bodies.size() >= 2);
                clock.advance(Duration.ofSeconds(1));
                sink.wake();
                await().until(() -> bodies.size() >= 2);
            }
        } finally {
            server.stop(0);
        }
        assertThat(ids).hasSize(1);
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(2).allSatisfy(b -> assertThat(b).contains("\"id\":\"" + ids.get(0) + "\""));
    }
}
