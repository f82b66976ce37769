/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The receiving end of the crash tests: an HTTP server on 127.0.0.1 that takes one event per POST
 * (body {@code "<id> <run> <n> <owner> <attempt>"}), refuses some with 500 and answers some slowly, at random,
 * and records every accepted delivery with its arrival time. It also notices any two deliveries of
 * one id that overlap in time. Safe for concurrent use.
 */
final class Receiver implements AutoCloseable {

    /**
     * One accepted delivery; {@code attempt} is the relay's attempt number ({@link DurableEvent#attempt()}),
     * {@code arrivedNanos} the parent's {@link System#nanoTime()} at arrival.
     */
    record Receipt(UUID id, int run, int n, String owner, int attempt, long arrivedNanos, Instant arrivedAt) {

        /**
         * The key of a lost answer: a POST that reached this receiver while its sender got an I/O
         * error instead of the answer (the child's {@code UNACKED} line).
         *
         * @param owner the sender ({@link #owner()})
         * @param idAndAttempt {@code "<id> <attempt>"}, as the sender reports it
         * @return {@code "<owner> <id> <attempt>"}
         */
        static String lostAnswer(String owner, String idAndAttempt) {
            return owner + " " + idAndAttempt;
        }

        /** @return the {@link #lostAnswer} key this delivery has if its answer was lost */
        String lostAnswerKey() {
            return lostAnswer(owner, id + " " + attempt);
        }
    }

    final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger stalled = new AtomicInteger();
    final List<UUID> overlapping = new CopyOnWriteArrayList<>();
    /** When set, the next delivery from this owner is held (counting {@link #held} down) until {@link #release}. */
    volatile String holdOwner;
    final CountDownLatch held = new CountDownLatch(1);
    /** The id of the held delivery, set before {@link #held} counts down. */
    volatile UUID heldId;
    final CountDownLatch release = new CountDownLatch(1);
    private final Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final double failRate;
    private final double stallRate;
    private final int maxStallMillis;

    Receiver(double failRate, double stallRate, int maxStallMillis) throws IOException {
        this.failRate = failRate;
        this.stallRate = stallRate;
        this.maxStallMillis = maxStallMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/events", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Instant arrivedAt = Instant.now();
        String[] body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split(" ");
        UUID id = UUID.fromString(body[0]);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int status = 200;
        if (inFlight.putIfAbsent(id, Boolean.TRUE) != null) {
            overlapping.add(id);
        }
        boolean tracked = true;
        try {
            if (body[3].equals(holdOwner)) {
                holdOwner = null;
                // the test kills this request's relay while it is held: from then on it is an orphan whose
                // client is gone, not a delivery a live relay could overlap. Once the database frees the
                // dead relay's rows, the survivor may deliver this id before the test releases the hold
                // (a loaded machine can deschedule the test thread for that long): not an overlap of two
                // relays at work, so it leaves the overlap tracking before anyone can be told it is held
                inFlight.remove(id);
                tracked = false;
                heldId = id;
                held.countDown();
                awaitRelease();
            }
            if (random.nextDouble() < failRate) {
                refused.incrementAndGet();
                status = 500;
            } else {
                if (random.nextDouble() < stallRate) {
                    stalled.incrementAndGet();
                    // a slow receiver, simulated: this is the receiver's behaviour, not a test waiting for something
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(maxStallMillis)));
                }
                receipts.add(new Receipt(id, Integer.parseInt(body[1]), Integer.parseInt(body[2]), body[3],
                        Integer.parseInt(body[4]), arrived, arrivedAt));
            }
        } finally {
            if (tracked) {
                inFlight.remove(id);
            }
        }
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
        }
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long from(String owner) {
        return receipts.stream().filter(r -> r.owner().equals(owner)).count();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
