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
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many writers racing {@link Queue#close(Duration)} past its deadline, started in a random order
 * behind a barrier, over a destination where some writes ignore the interrupt (they wait until the
 * close has returned), some are interruptible, some fail and most succeed at once. The deadline
 * and the grace pass at once (a {@link ManualTimekeeper}), so the close's claim of the write in
 * flight races the consumer's own decision on every write. Checked: the close returns; every
 * accepted event is delivered or reported, none twice; a refused one neither; an event both
 * delivered and reported is only the write the close took over (its letter says one attempt, no
 * error), at most one per run; after the close returned, nothing but that write is delivered; a
 * {@link SinkMeter} around the chain balances.
 */
class QueueAbandonedWriteStressTest {

    private static final int WRITERS = 6;
    private static final int EVENTS = 250;
    private static final AtomicInteger RUNS_THAT_TOOK_OVER = new AtomicInteger();

    @AfterAll
    static void someRunsTookAWriteOver() {
        // a third of the runs block on a write that ignores the interrupt before the close: it is always taken over
        assertThat(RUNS_THAT_TOOK_OVER).as("runs whose close took a write over").hasPositiveValue();
    }

    /** Blocks every {@code stubbornEvery}-th event, ignoring interrupts, until {@code gate} opens; see the class doc. */
    static final class Receiver implements Sink<Integer> {
        final Map<Integer, AtomicInteger> delivered = new ConcurrentHashMap<>();
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        /** Writes that began to wait for {@code gate}. */
        final AtomicInteger blocked = new AtomicInteger();
        private final int stubbornEvery;
        private final int interruptibleEvery;

        Receiver(int stubbornEvery, int interruptibleEvery) {
            this.stubbornEvery = stubbornEvery;
            this.interruptibleEvery = interruptibleEvery;
        }

        @Override
        public void write(Integer event) {
            if (event % 13 == 0) {
                throw new SinkException("refused " + event);
            }
            if (event % stubbornEvery == 0) {
                blocked.incrementAndGet();
                Checks.awaitUninterruptibly(gate);
            } else if (event % interruptibleEvery == 0) {
                blocked.incrementAndGet();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SinkException("interrupted " + event, e);
                }
            }
            delivered.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @RepeatedTest(30)
    void writersRacingACloseThatTakesTheWriteInFlightOver() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int[] every = {37, 101, Integer.MAX_VALUE};
        Receiver receiver = new Receiver(every[random.nextInt(3)], every[random.nextInt(3)]);
        int capacity = random.nextBoolean() ? 0 : 16;
        String context = "seed " + seed + ", capacity " + capacity;
        SinkMeter meter = new SinkMeter("stress");
        Map<Object, DeadLetter> letters = new ConcurrentHashMap<>();
        AtomicInteger duplicateLetters = new AtomicInteger();
        AtomicReference<Thread> consumer = new AtomicReference<>();
        Queue.Builder<Integer> builder = Queue.builder(meter.delivering(receiver)).name("stress")
                .timekeeper(new ManualTimekeeper()).threadFactory(task -> {
                    Thread t = new Thread(task, "stress-consumer");
                    t.setDaemon(true);
                    consumer.set(t);
                    return t;
                }).dropListener(meter.dropping(l -> {
                    if (letters.putIfAbsent(l.event(), l) != null) {
                        duplicateLetters.incrementAndGet();
                    }
                }));
        if (capacity > 0) {
            builder.capacity(capacity);
        }
        Queue<Integer> queue = builder.build();
        Sink<Integer> chain = meter.accepting(queue);
        Map<Integer, Boolean> returned = new ConcurrentHashMap<>();
        int closeAfter = random.nextInt(WRITERS * EVENTS);
        AtomicInteger written = new AtomicInteger();
        Set<Integer> deliveredAtClose = new HashSet<>();
        Concurrently run = new Concurrently();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int i = 0; i < EVENTS; i++) {
                    int event = writer * EVENTS + i + 1;
                    written.incrementAndGet();
                    try {
                        chain.write(event);
                        returned.put(event, true);
                    } catch (SinkClosedException refused) {
                        returned.put(event, false);
                    }
                }
            });
        }
        run.add("closer", () -> {
            // a blocked write stops the consumer, and then writers of a bounded queue: do not wait for more
            while (written.get() < closeAfter && receiver.blocked.get() == 0) {
                Thread.yield();
            }
            try {
                queue.close(Duration.ZERO); // must return although a write may ignore the interrupt
                deliveredAtClose.addAll(receiver.delivered.keySet());
            } finally {
                receiver.gate.countDown();
            }
        });
        run.run(random, 60); // hang guard: the close must return while a write is blocked
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.consumerAlive());
        consumer.get().join(10_000);

        assertThat(duplicateLetters).as(context).hasValue(0);
        assertThat(returned).as(context).hasSize(WRITERS * EVENTS);
        Set<Integer> both = new HashSet<>();
        returned.forEach((event, ok) -> {
            int delivered = receiver.delivered.getOrDefault(event, new AtomicInteger()).get();
            DeadLetter letter = letters.get(event);
            if (ok) {
                assertThat(delivered).as(context + ": event " + event + " delivered").isLessThanOrEqualTo(1);
                assertThat(delivered + (letter != null ? 1 : 0)).as(context + ": event " + event + " lost").isPositive();
                if (delivered == 1 && letter != null) {
                    both.add(event);
                    assertThat(letter.reason()).as(context).isEqualTo(DropReason.SHUTDOWN);
                    assertThat(letter.attempts()).as(context + ": the take-over's letter").isEqualTo(1);
                    assertThat(letter.cause()).as(context + ": the take-over's letter").isNull();
                }
            } else {
                assertThat(delivered).as(context + ": refused event " + event + " delivered").isZero();
                assertThat(letter).as(context + ": refused event " + event + " reported").isNull();
            }
        });
        assertThat(both).as(context + ": delivered and reported (only the write taken over)").hasSizeLessThanOrEqualTo(1);
        Set<Integer> deliveredLater = new HashSet<>(receiver.delivered.keySet());
        deliveredLater.removeAll(deliveredAtClose);
        assertThat(deliveredLater).as(context + ": delivered after close returned").isSubsetOf(both);
        boolean tookOver = letters.values().stream().anyMatch(l -> l.attempts() == 1 && l.cause() == null);
        if (tookOver) {
            RUNS_THAT_TOOK_OVER.incrementAndGet();
        }
        assertThat(receiver.closes).as(context).hasValue(1);
        SinkStats stats = meter.snapshot();
        long accepted = returned.values().stream().filter(ok -> ok).count();
        assertThat(stats.delivered() + stats.droppedTotal()).as(context).isEqualTo(accepted + both.size());
        assertThat(stats.pending()).as(context).isZero();
    }
}
