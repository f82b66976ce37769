/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Exact accounting under a close that races many writers: every write that returned normally is
 * delivered (or, for a zero deadline, reported {@link DropReason#SHUTDOWN}) exactly once, in each
 * writer's order, and no event whose write threw is seen. Writers and the closer start together
 * at a {@link CyclicBarrier}, are started in a random order, and each waits a random time before
 * its first write, so close lands anywhere: before any write, between a writer's compare-and-set
 * and its link (more writers than cores get preempted there), or after the writers stopped.
 */
@Timeout(120)
class QueueExactCountRaceTest {

    /** An event: which writer, its sequence number. */
    record Tagged(int writer, int seq) {
    }

    @RepeatedTest(30)
    void closeRacingWritersDeliversExactlyTheAcceptedEvents() throws Exception {
        race(false);
    }

    @RepeatedTest(30)
    void zeroDeadlineCloseRacingWritersAccountsForEveryAcceptedEventOnce() throws Exception {
        race(true);
    }

    private static void race(boolean zeroDeadline) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int writers = 2 + random.nextInt(5);
        int maxPerWriter = 5_000;
        QueueParkAndDeadlineTest.Recording dst = new QueueParkAndDeadlineTest.Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<Tagged> queue = Queue.<Tagged>builder(dst).dropListener(dropped::add).build();
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        AtomicIntegerArray accepted = new AtomicIntegerArray(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                arrive(start);
                pauseUpTo(200_000);
                for (int i = 0; i < maxPerWriter; i++) {
                    try {
                        queue.write(new Tagged(writer, i));
                    } catch (SinkClosedException closed) {
                        return;
                    }
                    accepted.set(writer, i + 1); // after the write returned: accepted
                }
            }, "writer-" + w));
        }
        boolean[] inTime = new boolean[1];
        threads.add(new Thread(() -> {
            arrive(start);
            pauseUpTo(1_000_000);
            inTime[0] = zeroDeadline ? queue.close(Duration.ZERO) : queue.close(null);
        }, "closer"));
        Collections.shuffle(threads);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        // the closer has returned: the consumer has terminated, every delivery and report is done
        List<Tagged> seen = new ArrayList<>();
        dst.events.forEach(e -> seen.add((Tagged) e));
        dropped.forEach(letter -> seen.add((Tagged) letter.event()));
        assertThat(new HashSet<>(seen)).as("no duplicates").hasSize(seen.size());
        Set<Tagged> expected = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < accepted.get(w); i++) {
                expected.add(new Tagged(w, i));
            }
        }
        assertThat(new HashSet<>(seen)).as("delivered + reported = accepted").isEqualTo(expected);
        int[] next = new int[writers];
        for (Object e : dst.events) {
            Tagged t = (Tagged) e;
            assertThat(t.seq()).as("writer %d delivered in order", t.writer()).isGreaterThanOrEqualTo(next[t.writer()]);
            next[t.writer()] = t.seq() + 1;
        }
        if (zeroDeadline) {
            assertThat(dropped).allSatisfy(letter -> assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN));
            assertThat(inTime[0]).as("in time exactly when nothing was reported").isEqualTo(dropped.isEmpty());
        } else {
            assertThat(dropped).isEmpty();
            assertThat(inTime[0]).isTrue();
        }
        assertThat(dst.closes).hasValue(1);
        assertThatThrownBy(() -> queue.write(new Tagged(0, -1))).isInstanceOf(SinkClosedException.class);
    }

    @RepeatedTest(20)
    void concurrentZeroDeadlineClosesOfADrainedQueueAllReturnTrueAndCloseTheDestinationOnce() throws Exception {
        QueueParkAndDeadlineTest.Recording dst = new QueueParkAndDeadlineTest.Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<String> queue = Queue.<String>builder(dst).dropListener(dropped::add).build();
        queue.write("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> dst.events.size() == 1);
        int closers = 2 + ThreadLocalRandom.current().nextInt(4);
        CyclicBarrier start = new CyclicBarrier(closers);
        List<Boolean> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < closers; c++) {
            threads.add(new Thread(() -> {
                arrive(start);
                results.add(queue.close(Duration.ZERO));
            }, "closer-" + c));
        }
        Collections.shuffle(threads);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(results).hasSize(closers).containsOnly(true);
        assertThat(dropped).isEmpty();
        assertThat(dst.events).containsExactly("a");
        assertThat(dst.closes).hasValue(1);
    }

    private static void pauseUpTo(int nanos) {
        long until = System.nanoTime() + ThreadLocalRandom.current().nextInt(nanos);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
