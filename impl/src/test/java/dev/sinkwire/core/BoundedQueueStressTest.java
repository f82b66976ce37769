/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many writers against a small bounded queue while it is closed at a random moment, for every
 * policy: each write either returned normally, and its event was then delivered or reported
 * exactly once, or threw (closed, or full where the policy says so), and its event was neither;
 * each writer's delivered events keep their order; writers waiting for room never hang.
 */
class BoundedQueueStressTest {

    private static final int WRITERS = 6;
    private static final int PER_WRITER = 2_000;

    record Ev(int writer, int seq) {
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (OverflowPolicy policy : OverflowPolicy.values()) {
                cases.add(Arguments.of(policy, null, round % 2 == 0));
            }
            cases.add(Arguments.of(OverflowPolicy.BLOCK, Duration.ofNanos(50_000), round % 2 == 0));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} maxWait={1} deadline={2}")
    @MethodSource("cases")
    void everyWriteIsAcceptedExactlyOnceOrRefused(OverflowPolicy policy, Duration maxWait, boolean deadline)
            throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String ctx = policy + " maxWait=" + maxWait + " deadline=" + deadline + " seed=" + seed;

        List<Ev> delivered = Collections.synchronizedList(new ArrayList<>());
        Sink<Ev> destination = new Sink<>() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public void write(Ev event) {
                if (n.incrementAndGet() % 7 == 0) {
                    Thread.yield(); // a little slower than the writers, so that the queue fills
                }
                delivered.add(event);
            }

            @Override
            public void close() {
            }
        };
        Map<Ev, DeadLetter> reported = new ConcurrentHashMap<>();
        List<DeadLetter> reportedTwice = Collections.synchronizedList(new ArrayList<>());
        Queue.Builder<Ev> builder = Queue.builder(destination).name("stress").capacity(1 + random.nextInt(8))
                .overflow(policy).dropListener(letter -> {
                    if (reported.putIfAbsent((Ev) letter.event(), letter) != null) {
                        reportedTwice.add(letter);
                    }
                });
        if (maxWait != null) {
            builder.maxWait(maxWait);
        }
        Queue<Ev> queue = builder.build();

        Set<Ev> accepted = ConcurrentHashMap.newKeySet();
        Set<Ev> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger full = new AtomicInteger();
        CountDownLatch closeAt = new CountDownLatch(1 + random.nextInt(WRITERS * PER_WRITER));
        Concurrently run = new Concurrently();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int seq = 0; seq < PER_WRITER; seq++) {
                    Ev event = new Ev(writer, seq);
                    try {
                        queue.write(event);
                        accepted.add(event);
                    } catch (SinkClosedException closed) {
                        refused.add(event);
                    } catch (QueueFullException e) {
                        full.incrementAndGet();
                        refused.add(event);
                    }
                    closeAt.countDown();
                }
            });
        }
        run.add("closer", () -> {
            if (!closeAt.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("writers made no progress");
            }
            if (deadline) {
                queue.close(Duration.ZERO);
            } else {
                queue.close();
            }
        });
        run.run(random, 60);
        queue.close();

        boolean fullAllowed = policy == OverflowPolicy.FAIL || maxWait != null;
        if (!fullAllowed) {
            assertThat(full).as(ctx).hasValue(0);
        }
        assertThat(accepted.size() + refused.size()).as(ctx).isEqualTo(WRITERS * PER_WRITER);
        assertThat(reportedTwice).as("reported twice: %s", ctx).isEmpty();
        Set<Ev> deliveredSet = new HashSet<>(delivered);
        assertThat(deliveredSet).as("delivered once each: %s", ctx).hasSize(delivered.size());
        Set<Ev> both = new HashSet<>(deliveredSet);
        both.retainAll(reported.keySet());
        assertThat(both).as("delivered and reported: %s", ctx).isEmpty();
        Set<Ev> outcome = new HashSet<>(deliveredSet);
        outcome.addAll(reported.keySet());
        assertThat(outcome).as("delivered + reported = accepted: %s", ctx).isEqualTo(accepted);

        for (DeadLetter letter : reported.values()) {
            if (letter.reason() == DropReason.OVERFLOW) {
                assertThat(policy).as(ctx).isIn(OverflowPolicy.REJECT, OverflowPolicy.DROP_OLDEST);
            } else {
                assertThat(letter.reason()).as(ctx).isEqualTo(DropReason.SHUTDOWN);
                assertThat(deadline).as("SHUTDOWN only at a deadline: %s", ctx).isTrue();
            }
        }
        int[] last = new int[WRITERS];
        java.util.Arrays.fill(last, -1);
        synchronized (delivered) {
            for (Ev event : delivered) {
                assertThat(event.seq()).as("writer %d order: %s", event.writer(), ctx).isGreaterThan(last[event.writer()]);
                last[event.writer()] = event.seq();
            }
        }
    }
}
