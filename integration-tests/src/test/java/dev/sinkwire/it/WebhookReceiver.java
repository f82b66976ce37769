/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 (JDK {@code HttpServer}, a free port): answers each request
 * with the next scripted status (200 once the script is used up) and records every request.
 * Safe for concurrent use.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the URL of path {@code /hook} on this receiver */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /**
     * Scripts the statuses of the next requests.
     *
     * @param statuses one status per request, in order
     * @return this receiver
     */
    WebhookReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            byte[] answer = (status == 200 ? "ok" : "status " + status + " from the test receiver")
                    .getBytes(StandardCharsets.UTF_8);
            // recorded before the answer: once the sink has its answer (and counts the events), the
            // request must already be visible to the test
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, status);
            all.add(r);
            arrivals.add(r);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /**
     * Waits for the next request.
     *
     * @return the request
     * @throws AssertionError if none arrives within 60 seconds (a hang guard, sized for a loaded machine)
     */
    Request next() throws InterruptedException {
        Request r = arrivals.poll(60, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the receiver within 60 s; received so far: " + all);
        }
        return r;
    }

    /** @return every request so far */
    List<Request> requests() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
