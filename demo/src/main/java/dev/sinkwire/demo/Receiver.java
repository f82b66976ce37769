/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook's receiving end, on 127.0.0.1 and a free port: accepts envelopes with 200, or
 * answers 503, or stalls longer than the sink's timeout, as {@link #mode} says. Counts the
 * envelopes it accepted by envelope id, so duplicates and losses show. Thread-safe.
 */
final class Receiver implements AutoCloseable {

    /** How the receiver answers. */
    enum Mode { OK, FAIL_503, STALL }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Duration stall;
    private final Set<String> envelopeIds = ConcurrentHashMap.newKeySet();
    private final Set<String> orderIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private volatile Mode mode = Mode.OK;

    Receiver(Duration stall) throws IOException {
        this.stall = stall;
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-receiver");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(handlers);
        server.createContext("/hooks/orders", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/orders");
    }

    void mode(Mode m) {
        mode = m;
    }

    Mode mode() {
        return mode;
    }

    /** @return distinct envelopes accepted */
    int unique() {
        return envelopeIds.size();
    }

    /** @return distinct order ids accepted */
    Set<String> orderIds() {
        return orderIds;
    }

    /** @return requests answered 200 */
    long accepted() {
        return accepted.get();
    }

    /** @return requests answered 503 */
    long refused() {
        return refused.get();
    }

    /** @return requests held past the sink's timeout */
    long stalled() {
        return stalled.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Mode now = mode;
            if (now == Mode.STALL) {
                stalled.incrementAndGet();
                sleep(stall);
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (now == Mode.FAIL_503) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> envelope = jsonb.fromJson(new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) envelope.get("event");
            envelopeIds.add(String.valueOf(envelope.get("id")));
            orderIds.add(String.valueOf(event.get("orderId")));
            accepted.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // simulates a receiver that hangs; the demo's point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
        jsonb.close();
    }
}
