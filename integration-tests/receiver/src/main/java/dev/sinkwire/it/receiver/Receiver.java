/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 (a free port): answers 204 and records, per request, the path
 * and the id of the envelope's event. Tests steer its answers: an event whose id starts with
 * {@code once-} is answered 503 the first time, one starting with {@code reject-} 422, one
 * starting with {@code gone-} 410 (the receiver disables the endpoint), and while
 * {@link #down(boolean) down} every request is answered 503 (recorded too). Thread-safe.
 */
public final class Receiver implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"event\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    private Receiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a receiver.
     *
     * @return the running receiver
     * @throws IllegalStateException if no loopback port can be bound
     */
    public static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the webhook receiver", e);
        }
    }

    /** @return the base URL, {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return "path id" entries in arrival order, for example {@code "/orders n1"} */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * Answers every request 503 while down, as a receiver that is unavailable.
     *
     * @param value whether the receiver is down
     */
    public void down(boolean value) {
        down = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = ID.matcher(body);
        String id = m.find() ? m.group(1) : "unparseable:" + body;
        synchronized (received) {
            received.add(exchange.getRequestURI().getPath() + " " + id);
        }
        int status = 204;
        if (down || (id.startsWith("once-") && seen.add(id))) {
            status = 503;
        } else if (id.startsWith("reject-")) {
            status = 422;
        } else if (id.startsWith("gone-")) {
            status = 410;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
