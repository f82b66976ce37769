/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stress: writer threads and three relays (each with its own pool of connections) on one table,
 * started together behind a barrier in random order, in each {@link Claim} mode. Without kills
 * every event is delivered exactly once, no two relays deliver one row at the same time, and per-key
 * order holds.
 */
class ConcurrentRelaysTest {

    static final int WRITERS = 6;
    static final int PER_WRITER = 150;
    static final int RELAYS = 3;

    @ParameterizedTest
    @MethodSource("dev.sinkwire.durable.CrashTest#databasesAndClaims")
    void everyEventIsDeliveredExactlyOnceInKeyOrderAndNeverByTwoRelaysAtOnce(Databases.Kind kind, Claim claim)
            throws Exception {
        String table = Databases.freshTable();
        List<AgroalDataSource> pools = new ArrayList<>();
        List<DurableSink<Order>> relays = new CopyOnWriteArrayList<>();
        Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
        List<UUID> overlaps = new CopyOnWriteArrayList<>();
        List<DurableEvent<Order>> delivered = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + RELAYS);
        try {
            for (int i = 0; i < RELAYS + 1; i++) {
                pools.add(Databases.pool(Databases.url(kind), Databases.user(kind), 4));
            }
            DurableSink<Order> writer = DurableSink.builder("stress", Order.class, pools.get(RELAYS)).table(table)
                    .key(Order::customer).buildAcceptOnly();
            CyclicBarrier start = new CyclicBarrier(WRITERS + RELAYS);
            List<Future<?>> tasks = new ArrayList<>();
            List<Runnable> starters = new ArrayList<>();
            for (int r = 0; r < RELAYS; r++) {
                AgroalDataSource ds = pools.get(r);
                String owner = "relay-" + r;
                starters.add(() -> {
                    arrive(start);
                    Sink<DurableEvent<Order>> inner = new Sink<>() {
                        @Override
                        public void write(DurableEvent<Order> e) {
                            if (inFlight.putIfAbsent(e.id(), Boolean.TRUE) != null) {
                                overlaps.add(e.id());
                            }
                            Thread.yield(); // widen the window in which an overlap would show
                            delivered.add(e);
                            inFlight.remove(e.id());
                            count.incrementAndGet();
                        }

                        @Override
                        public void close() {
                        }
                    };
                    relays.add(DurableSink.builder("stress", Order.class, ds).table(table).key(Order::customer)
                            .ordering(Ordering.PER_KEY).owner(owner).claim(claim).batchSize(20)
                            // no relay dies here: a lease must not run out because a loaded machine
                            // descheduled its relay, or another would take its rows over and deliver them again
                            .lease(Duration.ofHours(1)).pollInterval(Duration.ofMillis(50)).build(inner));
                });
            }
            for (int w = 0; w < WRITERS; w++) {
                int writerId = w;
                starters.add(() -> {
                    arrive(start);
                    for (int i = 0; i < PER_WRITER; i++) {
                        writer.write(new Order("run-" + writerId, i)); // one key per writer
                    }
                });
            }
            Collections.shuffle(starters);
            for (Runnable s : starters) {
                tasks.add(pool.submit(s));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> count.get() >= WRITERS * PER_WRITER);
            await().until(() -> DurableSinkTest.rows(pools.get(RELAYS), table, "") == 0);
            assertThat(count.get()).isEqualTo(WRITERS * PER_WRITER);
            assertThat(overlaps).isEmpty();
            assertThat(delivered.stream().map(DurableEvent::id).distinct().count()).isEqualTo(WRITERS * PER_WRITER);
            List<DurableEvent<Order>> snapshot;
            synchronized (delivered) {
                snapshot = new ArrayList<>(delivered);
            }
            for (int w = 0; w < WRITERS; w++) {
                String key = "run-" + w;
                assertThat(snapshot.stream().filter(e -> e.key().equals(key)).map(e -> e.event().n()).toList())
                        .as("events of key %s in the order written", key).isSorted().hasSize(PER_WRITER);
            }
        } finally {
            for (DurableSink<Order> r : relays) {
                r.close();
            }
            pool.shutdownNow();
            pools.forEach(AgroalDataSource::close);
        }
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
