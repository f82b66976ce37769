/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many writers, released together by a barrier in a random order, against the in-flight limit and
 * the bounded batch buffer: the limit is never exceeded, and every event is delivered or reported
 * exactly once.
 */
class TransportStressTest {

    private static final int WRITERS = 8;
    private static final int PER_WRITER = 25;

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static void race(List<Runnable> work) throws Exception {
        List<Runnable> shuffled = new ArrayList<>(work);
        Collections.shuffle(shuffled);
        CyclicBarrier go = new CyclicBarrier(shuffled.size());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable r : shuffled) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    r.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as("writer finished").isFalse();
        }
        assertThat(failures).isEmpty();
    }

    @RepeatedTest(3)
    void the_in_flight_limit_holds_under_many_writers() throws Exception {
        int limit = 1 + ThreadLocalRandom.current().nextInt(3);
        AtomicInteger current = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        receiver.respond((r, i) -> {
            highest.accumulateAndGet(current.incrementAndGet(), Math::max);
            Thread.yield();
            current.decrementAndGet();
            return Receiver.Reply.of(204);
        });
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).maxInFlight(limit).build())) {
            List<Runnable> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(() -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                        sink.write("w" + writer + "-" + i);
                    }
                });
            }
            race(work);
        }
        assertThat(receiver.count()).isEqualTo(WRITERS * PER_WRITER);
        assertThat(highest.get()).isBetween(1, limit);
    }

    @RepeatedTest(3)
    void a_bounded_batch_buffer_delivers_or_reports_every_event_exactly_once() throws Exception {
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        WebhookConfig config = TestConfigs.base(receiver.url("/")).batchSize(5).batchCapacity(10).build();
        try (WebhookSink sink = WebhookSink.builder(config).dropListener(dropped::add).build()) {
            List<Runnable> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(() -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                        sink.write("w" + writer + "-" + i);
                    }
                });
            }
            race(work);
            sink.flush();
        }
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        int deliveredCount = 0;
        for (Receiver.Request r : receiver.drain()) {
            for (JsonObject e : r.events()) {
                delivered.add(e.getString("event"));
                deliveredCount++;
            }
        }
        assertThat(deliveredCount).as("no duplicates").isEqualTo(delivered.size());
        assertThat(dropped).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.OVERFLOW));
        Set<Object> overflowed = ConcurrentHashMap.newKeySet();
        dropped.forEach(l -> overflowed.add(l.event()));
        assertThat(overflowed).hasSize(dropped.size()).doesNotContainAnyElementsOf(delivered);
        assertThat(delivered.size() + overflowed.size()).isEqualTo(WRITERS * PER_WRITER);
    }
}
