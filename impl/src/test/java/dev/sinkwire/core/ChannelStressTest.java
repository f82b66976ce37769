/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.SinkClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several writers and takers: every written event is taken exactly once; close releases blocked writers. */
class ChannelStressTest {

    private static final int WRITERS = 4;
    private static final int TAKERS = 3;
    private static final int EVENTS = 1_000;

    @ParameterizedTest(name = "buffer {0}")
    @ValueSource(ints = {0, 1, 7})
    void everyEventIsTakenExactlyOnce(int buffer) throws InterruptedException {
        long seed = System.nanoTime();
        Channel<Integer> channel = new Channel<>(buffer);
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        CountDownLatch writersDone = new CountDownLatch(WRITERS);
        Concurrently run = new Concurrently();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int i = 0; i < EVENTS; i++) {
                    channel.write(writer * EVENTS + i);
                }
                writersDone.countDown();
            });
        }
        for (int t = 0; t < TAKERS; t++) {
            boolean polling = t % 2 == 0;
            run.add("taker-" + t, () -> {
                try {
                    while (true) { // until closed and empty
                        Integer event = polling ? channel.poll(Duration.ofMillis(1)) : channel.take();
                        if (event != null) {
                            taken.add(event);
                        }
                    }
                } catch (SinkClosedException closedAndEmpty) {
                    // done
                }
            });
        }
        run.add("closer", () -> {
            writersDone.await();
            channel.close();
        });
        run.run(new Random(seed), 60);

        List<Integer> sorted = new ArrayList<>(taken);
        sorted.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < WRITERS * EVENTS; i++) {
            expected.add(i);
        }
        assertThat(sorted).as("seed %d: every event taken exactly once", seed).isEqualTo(expected);
        assertThat(channel.done()).isCompleted();
    }

    @ParameterizedTest(name = "buffer {0}")
    @ValueSource(ints = {0, 2})
    void closeReleasesBlockedWritersWithSinkClosedException(int buffer) throws InterruptedException {
        Channel<Integer> channel = new Channel<>(buffer);
        int writers = 6;
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int event = w;
            Thread thread = new Thread(() -> {
                try {
                    channel.write(event);
                    written.add(event);
                    succeeded.incrementAndGet();
                } catch (SinkClosedException e) {
                    refused.incrementAndGet();
                }
            });
            threads.add(thread);
            thread.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == writers - buffer
                        && succeeded.get() == buffer);

        channel.close();
        for (Thread t : threads) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }

        assertThat(succeeded).hasValue(buffer);
        assertThat(refused).hasValue(writers - buffer);
        List<Integer> drained = new ArrayList<>();
        try {
            while (true) {
                drained.add(channel.take());
            }
        } catch (SinkClosedException closedAndEmpty) {
            // the buffer is drained
        }
        assertThat(drained).containsExactlyInAnyOrderElementsOf(written);
    }
}
