/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The durable webhook's receiver, started before the application (whose {@code url} it sets, a
 * run-time value): a JDK HTTP server on 127.0.0.1 that answers 204 and records each request's
 * {@code webhook-id} header and body.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    /** One request: its {@code webhook-id} header and its body. */
    record Request(String webhookId, String body) {
    }

    static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", WebhookReceiver::record);
        server.start();
        return Map.of("sinkwire.sinks.webhook.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static void record(HttpExchange exchange) throws IOException {
        REQUESTS.add(new Request(exchange.getRequestHeaders().getFirst("webhook-id"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
