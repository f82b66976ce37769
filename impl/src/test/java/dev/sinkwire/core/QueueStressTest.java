/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many writers and concurrent closes: every write either returned normally and its event was
 * delivered exactly once, in its writer's order, before the destination closed; or it threw
 * {@link SinkClosedException} and its event was never delivered. Nothing in between.
 */
class QueueStressTest {

    private static final int PRODUCERS = 4;
    private static final int EVENTS = 2_000;

    /** Records (producer, sequence) pairs packed in a long; flags anything after close. */
    static final class Destination implements Sink<Long> {
        final List<Long> events = new ArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        int closes;

        @Override
        public synchronized void write(Long event) {
            if (closes > 0) {
                problems.add("write after close: " + event);
            }
            events.add(event);
        }

        @Override
        public synchronized void close() {
            closes++;
        }
    }

    /** Unbounded (capacity 0 here), and bounded with overflow BLOCK, where close also fails blocked writers. */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    @Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES) // 15 fixed trials, each bounded by its own run
    void everyWriteIsDeliveredExactlyOnceOrRefused(int capacity) throws InterruptedException {
        for (int trial = 0; trial < 15; trial++) {
            trial(capacity);
        }
    }

    private void trial(int capacity) throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Destination dst = new Destination();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue.Builder<Long> builder = Queue.builder(dst).name("stress").dropListener(dropped::add);
        if (capacity > 0) {
            builder.capacity(capacity).overflow(OverflowPolicy.BLOCK);
        }
        Queue<Long> queue = builder.build();
        int[] acceptedCount = new int[PRODUCERS];
        AtomicInteger written = new AtomicInteger();
        int closeAfter = random.nextInt(PRODUCERS * EVENTS);
        // the closers wait on a latch, not in a spin loop: spinning would take the CPU that the
        // producers and the consumer need on a loaded machine
        CountDownLatch closeNow = new CountDownLatch(closeAfter == 0 ? 0 : 1);

        Concurrently run = new Concurrently();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            run.add("producer-" + p, () -> {
                int i = 0;
                try {
                    for (; i < EVENTS; i++) {
                        queue.write(((long) producer << 32) | i);
                        if (written.incrementAndGet() == closeAfter) {
                            closeNow.countDown();
                        }
                    }
                } catch (SinkClosedException closed) {
                    // once refused, always refused
                    assertThatThrownBy(() -> queue.write(-1L)).isInstanceOf(SinkClosedException.class);
                }
                acceptedCount[producer] = i;
            });
        }
        for (int c = 0; c < 2; c++) {
            run.add("closer-" + c, () -> {
                closeNow.await();
                queue.close();
                synchronized (dst) {
                    assertThat(dst.closes).as("destination closed when close returns").isEqualTo(1);
                }
            });
        }
        run.run(random, 60);

        String why = "capacity " + capacity + ", seed " + seed;
        synchronized (dst) {
            assertThat(dst.problems).as(why).isEmpty();
            assertThat(dst.closes).as(why).isEqualTo(1);
            List<List<Integer>> perProducer = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                perProducer.add(new ArrayList<>());
            }
            for (long event : dst.events) {
                perProducer.get((int) (event >>> 32)).add((int) event);
            }
            for (int p = 0; p < PRODUCERS; p++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < acceptedCount[p]; i++) {
                    expected.add(i);
                }
                assertThat(perProducer.get(p)).as("%s: producer %d, FIFO, exactly its accepted writes", why, p)
                        .isEqualTo(expected);
            }
        }
        assertThat(dropped).as(why).isEmpty();
    }
}
