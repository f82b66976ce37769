/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 (JDK {@code HttpServer}, port 0) that records every request and
 * answers as its {@link Responder} says (200 by default). Safe for concurrent use.
 */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            }
        }

        /** The envelopes of a batched body. */
        List<JsonObject> events() {
            JsonArray array = json().getJsonArray("events");
            return array.getValuesAs(JsonObject.class);
        }
    }

    /** An answer. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "");
        }

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    /** Decides the answer to the {@code index}-th request (0-based). May block. */
    @FunctionalInterface
    interface Responder {
        Reply reply(Request request, int index) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-receiver");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = (r, i) -> Reply.of(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    Receiver respond(Responder responder) {
        this.responder = responder;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next request received, waiting up to 10 seconds for it. */
    Request take() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 10 seconds");
        }
        return r;
    }

    /** How many requests have arrived so far (answered or not). */
    int count() {
        return count.get();
    }

    /** Requests recorded and not yet taken. */
    List<Request> drain() {
        List<Request> out = new java.util.ArrayList<>();
        requests.drainTo(out);
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
            int index = count.getAndIncrement();
            requests.add(request);
            Reply reply;
            try {
                reply = responder.reply(request, index);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                reply = Reply.of(500, "test responder failed: " + e);
            }
            if (reply == null) {
                return; // the responder wrote the response itself, or wants the exchange dropped
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
