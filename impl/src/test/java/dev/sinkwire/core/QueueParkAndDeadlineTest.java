/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The unbounded queue's idle protocol and its shutdown deadline:
 * <ul>
 *   <li>writers that pause at random make the consumer go through spin, yield and park over and
 *       over, so the park re-check races the writers' compare-and-set, link and unpark: every
 *       accepted event must be delivered exactly once, in each writer's order, and no event may be
 *       stranded by a missed wakeup (the test would hang at {@code close});</li>
 *   <li>{@code close(Duration.ZERO)} on a drained queue returns {@code true}, reports nothing and
 *       closes the destination once; with events stuck it returns {@code false}, reports them
 *       {@code SHUTDOWN} and still closes the destination once.</li>
 * </ul>
 *
 * <p>A missed wakeup shows as a hang, which the timeout turns into a failure.
 */
@Timeout(120)
class QueueParkAndDeadlineTest {

    /** Records events and counts closes. */
    static final class Recording implements Sink<Object> {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        /** One permit per event written, for a test that waits for each delivery in turn. */
        final Semaphore arrived = new Semaphore(0);

        @Override
        public void write(Object event) {
            events.add(event);
            arrived.release();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** An event: which writer, its sequence number. */
    record Tagged(int writer, int seq) {
    }

    @RepeatedTest(20)
    void writersPausingAtRandomNeverStrandAnEvent() throws Exception {
        int writers = 2 + ThreadLocalRandom.current().nextInt(3);
        int perWriter = 400;
        Recording dst = new Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<Tagged> queue = Queue.<Tagged>builder(dst).name("park").dropListener(dropped::add).build();
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        Map<Integer, Integer> acceptedPerWriter = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            order.add(w);
        }
        Collections.shuffle(order);
        for (int w : order) {
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                arrive(start);
                int accepted = 0;
                try {
                    for (int i = 0; i < perWriter; i++) {
                        int pause = random.nextInt(8);
                        if (pause == 0) {
                            LockSupport.parkNanos(random.nextInt(50_000)); // long enough for the consumer to park
                        } else if (pause == 1) {
                            Thread.yield();
                        }
                        queue.write(new Tagged(w, i));
                        accepted++;
                    }
                } catch (SinkClosedException closedMeanwhile) {
                    // only in the racing variant below
                }
                acceptedPerWriter.put(w, accepted);
            }, "writer-" + w);
            threads.add(t);
            t.start();
        }
        arrive(start);
        for (Thread t : threads) {
            t.join();
        }
        queue.close();

        assertThat(dropped).isEmpty();
        assertThat(dst.events).hasSize(writers * perWriter);
        assertPerWriterOrderAndExactlyOnce(dst.events, acceptedPerWriter);
        assertThat(dst.closes).hasValue(1);
    }

    @Test
    @Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES) // 3,000 fixed round trips; each has its own bound below
    void aLoneWriterWaitingForEachDeliveryIsNeverLeftWaiting() throws InterruptedException {
        // Ping-pong: nothing but this write can wake the consumer, so a missed wakeup leaves the
        // event undelivered for good and the wait below fails (no close comes to rescue it).
        Recording dst = new Recording();
        Queue<Integer> queue = Queue.<Integer>builder(dst).name("ping-pong").build();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int i = 0; i < 3_000; i++) {
                // pauses around the consumer's spin -> yield -> park transition (a few microseconds)
                long pause = random.nextInt(3) == 0 ? random.nextInt(30_000) : random.nextInt(3_000);
                long until = System.nanoTime() + pause;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                queue.write(i);
                // a semaphore, not polling: under CPU contention a poller would take the CPU the consumer needs
                assertThat(dst.arrived.tryAcquire(20, TimeUnit.SECONDS))
                        .as("event %d delivered within 20 s (else its wakeup was missed)", i).isTrue();
            }
        } finally {
            queue.close();
        }
        assertThat(dst.events).hasSize(3_000);
    }

    @RepeatedTest(20)
    void closeRacingPausingWritersDeliversExactlyTheAcceptedEvents() throws Exception {
        int writers = 3;
        Recording dst = new Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<Tagged> queue = Queue.<Tagged>builder(dst).name("race").dropListener(dropped::add).build();
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        Map<Integer, Integer> acceptedPerWriter = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                arrive(start);
                int accepted = 0;
                try {
                    for (int i = 0; ; i++) {
                        if (random.nextInt(4) == 0) {
                            LockSupport.parkNanos(random.nextInt(20_000));
                        }
                        queue.write(new Tagged(writer, i));
                        accepted++;
                    }
                } catch (SinkClosedException closed) {
                    acceptedPerWriter.put(writer, accepted);
                }
            }, "writer-" + w);
            threads.add(t);
            t.start();
        }
        arrive(start);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(2_000_000));
        queue.close();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(dropped).isEmpty();
        assertPerWriterOrderAndExactlyOnce(dst.events, acceptedPerWriter);
        assertThat(dst.closes).hasValue(1);
    }

    @Test
    void zeroDeadlineOnADrainedQueueIsInTimeAndClosesTheDestinationOnce() {
        Recording dst = new Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<String> queue = Queue.<String>builder(dst).dropListener(dropped::add).build();
        queue.write("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> dst.events.size() == 1);

        boolean inTime = queue.close(Duration.ZERO);

        assertThat(inTime).isTrue();
        assertThat(dropped).isEmpty();
        assertThat(dst.events).containsExactly("a");
        assertThat(dst.closes).hasValue(1);
    }

    @RepeatedTest(30)
    void zeroDeadlineRacingTheLastDeliveriesNeverLosesOrDoublesAnEvent() {
        Recording dst = new Recording();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<Integer> queue = Queue.<Integer>builder(dst).dropListener(dropped::add).build();
        int n = 1 + ThreadLocalRandom.current().nextInt(200);
        for (int i = 0; i < n; i++) {
            queue.write(i);
        }

        boolean inTime = queue.close(Duration.ZERO);

        List<Object> all = new ArrayList<>(dst.events);
        dropped.forEach(letter -> all.add(letter.event()));
        assertThat(all).as("delivered + reported").hasSize(n).doesNotHaveDuplicates();
        assertThat(dropped).allSatisfy(letter -> assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN));
        assertThat(inTime).as("in time exactly when nothing was abandoned").isEqualTo(dropped.isEmpty());
        assertThat(dst.closes).hasValue(1);
    }

    @Test
    void zeroDeadlineWithAStuckDestinationReportsTheRestAndClosesItOnce() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        List<Object> delivered = new CopyOnWriteArrayList<>();
        Sink<String> stuck = new Sink<>() {
            @Override
            public void write(String event) {
                if (event.equals("first")) {
                    try {
                        release.await(); // interrupted by the deadline
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new dev.sinkwire.SinkException("interrupted", e);
                    }
                }
                delivered.add(event);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        Queue<String> queue = Queue.<String>builder(stuck).dropListener(dropped::add).build();
        queue.write("first");
        queue.write("second");

        boolean inTime = queue.close(Duration.ZERO);

        assertThat(inTime).isFalse();
        assertThat(dropped).extracting(DeadLetter::event).containsExactlyInAnyOrder("first", "second");
        assertThat(dropped).extracting(DeadLetter::reason).containsOnly(DropReason.SHUTDOWN);
        assertThat(delivered).isEmpty();
        assertThat(closes).hasValue(1);
    }

    private static void assertPerWriterOrderAndExactlyOnce(List<Object> events, Map<Integer, Integer> accepted) {
        Map<Integer, Integer> next = new ConcurrentHashMap<>();
        for (Object e : events) {
            Tagged t = (Tagged) e;
            int expected = next.getOrDefault(t.writer(), 0);
            assertThat(t.seq()).as("writer %d's events in order, once each", t.writer()).isEqualTo(expected);
            next.put(t.writer(), expected + 1);
        }
        accepted.forEach((writer, count) ->
                assertThat(next.getOrDefault(writer, 0)).as("writer %d: accepted = delivered", writer).isEqualTo(count));
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
