/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.SinkClosedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many writers, a thread adding and removing sinks, and a close in the middle of it all. Checks
 * the single total order: every sink present for the whole run saw the same sequence, every sink
 * present for a while saw a contiguous part of it, and a write either returned normally and reached
 * every sink, or failed with SinkClosedException and reached none.
 */
class BroadcasterStressTest {

    private static final int WRITERS = 4;
    private static final int EVENTS_PER_WRITER = 1_500;
    private static final int STABLE_SINKS = 3;

    @RepeatedTest(10)
    void oneTotalOrderUnderConcurrentWritesAddRemoveAndClose() throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<RecordingSink<Integer>> stable = new ArrayList<>();
        for (int i = 0; i < STABLE_SINKS; i++) {
            stable.add(new RecordingSink<>("stable-" + i));
        }
        List<Object> dropped = new CopyOnWriteArrayList<>();
        Broadcaster<Integer> broadcaster = new Broadcaster<>(dropped::add);
        stable.forEach(broadcaster::add);

        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        Set<Integer> refused = ConcurrentHashMap.newKeySet();
        List<RecordingSink<Integer>> transients = new CopyOnWriteArrayList<>();
        Set<RecordingSink<Integer>> removed = ConcurrentHashMap.newKeySet();
        AtomicInteger written = new AtomicInteger();
        int closeAfter = random.nextInt(WRITERS * EVENTS_PER_WRITER);

        Concurrently run = new Concurrently();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                    int event = writer * EVENTS_PER_WRITER + i;
                    try {
                        broadcaster.write(event);
                        accepted.add(event);
                    } catch (SinkClosedException closed) {
                        refused.add(event);
                    }
                    written.incrementAndGet();
                }
            });
        }
        run.add("churn", () -> {
            Random r = new Random(seed + 1);
            List<RecordingSink<Integer>> present = new ArrayList<>();
            try {
                for (int i = 0; written.get() < WRITERS * EVENTS_PER_WRITER; i++) {
                    if (present.isEmpty() || r.nextBoolean()) {
                        RecordingSink<Integer> sink = new RecordingSink<>("transient-" + i);
                        broadcaster.add(sink);
                        transients.add(sink);
                        present.add(sink);
                    } else {
                        RecordingSink<Integer> sink = present.remove(r.nextInt(present.size()));
                        broadcaster.remove(sink);
                        removed.add(sink);
                    }
                    Thread.yield();
                }
            } catch (SinkClosedException closed) {
                // the broadcaster closed under us: expected
            }
        });
        run.add("closer", () -> {
            while (written.get() < closeAfter) {
                Thread.onSpinWait();
            }
            broadcaster.close();
        });
        run.run(random, 60);

        String why = "seed " + seed;
        Set<Integer> both = new HashSet<>(accepted);
        both.retainAll(refused);
        assertThat(both).as("%s: accepted and refused", why).isEmpty();
        assertThat(accepted.size() + refused.size()).as(why).isEqualTo(WRITERS * EVENTS_PER_WRITER);
        List<Integer> order = stable.get(0).events();
        for (RecordingSink<Integer> sink : stable) {
            assertThat(sink.events()).as("%s: %s saw the one total order", why, sink).isEqualTo(order);
            assertThat(sink.closes()).as(why).isEqualTo(1);
        }
        assertThat(new HashSet<>(order)).as("%s: exactly the accepted events, once each", why).isEqualTo(accepted)
                .hasSize(order.size());
        assertPerWriterFifo(order, why);
        for (RecordingSink<Integer> sink : transients) {
            assertContiguous(order, sink.events(), why + ", " + sink);
            if (removed.contains(sink)) {
                assertThat(sink.closes()).as("%s: %s was removed, not closed", why, sink).isZero();
            } else {
                assertThat(sink.closes()).as("%s: %s was present at close", why, sink).isEqualTo(1);
            }
        }
        assertThat(dropped).as(why).isEmpty();
        assertThatThrownBy(() -> broadcaster.write(-1)).isInstanceOf(SinkClosedException.class);
        assertThatThrownBy(() -> broadcaster.add(new RecordingSink<>())).isInstanceOf(SinkClosedException.class);
        assertThatThrownBy(() -> broadcaster.remove(stable.get(0))).isInstanceOf(SinkClosedException.class);
    }

    private static void assertPerWriterFifo(List<Integer> order, String why) {
        int[] last = new int[WRITERS];
        java.util.Arrays.fill(last, -1);
        for (int event : order) {
            int writer = event / EVENTS_PER_WRITER;
            assertThat(event).as("%s: writer %d's events in its own order", why, writer).isGreaterThan(last[writer]);
            last[writer] = event;
        }
    }

    /** A sink present from its add to its remove sees exactly the events written in between. */
    private static void assertContiguous(List<Integer> order, List<Integer> seen, String why) {
        if (seen.isEmpty()) {
            return;
        }
        int start = order.indexOf(seen.get(0));
        assertThat(start).as(why).isNotNegative();
        assertThat(order.subList(start, Math.min(order.size(), start + seen.size())))
                .as("%s saw a contiguous part of the total order", why).isEqualTo(seen);
    }

    @RepeatedTest(3)
    void concurrentAddsOfTheSameSinkKeepItOnce() throws InterruptedException {
        RecordingSink<Integer> sink = new RecordingSink<>();
        Broadcaster<Integer> broadcaster = new Broadcaster<>();
        Concurrently run = new Concurrently();
        for (int i = 0; i < 6; i++) {
            run.add("adder-" + i, () -> broadcaster.add(sink));
        }
        run.run(new Random(), 30);
        broadcaster.write(1);
        assertThat(sink.events()).containsExactly(1);
        broadcaster.close();
        assertThat(sink.closes()).isEqualTo(1);
    }
}
