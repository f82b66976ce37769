/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checking ({@code Lincheck.runConcurrentTest}) of the unbounded queue's writer /
 * consumer protocol. Unlike the operation-based Lincheck API, this mode controls every thread
 * started inside the block, the queue's own consumer thread included, and explores their
 * interleavings at each shared-memory access: among them a writer switched out between its
 * compare-and-set of the tail and its link of {@code next} (the consumer must yield, not park,
 * and not skip the node), and a writer whose compare-and-set lands between the consumer's
 * {@code parked = true} and its re-check of the tail (the writer must see {@code parked} and
 * unpark it).
 *
 * <p>A lost or duplicated event fails the checks at the end of the block (checked: making the
 * consumer stop as soon as {@code close} has begun, instead of at the last linked node, fails
 * {@link #closeRacingTwoWritersDeliversExactlyTheAcceptedEvents} within its 3000 invocations).
 * Limitation: Lincheck lets a parked thread wake spuriously, so a missing unpark does not show
 * here (checked: removing the writer's unpark still passes); lost wakeups are caught by the
 * ping-pong test in {@link QueueParkAndDeadlineTest}. The model checker explores sequentially
 * consistent interleavings: it checks the protocol's logic, not the JMM ordering argument written
 * in {@code Queue} (that one rests on the CAS and the volatile accesses being synchronization
 * actions). Checks inside the block are plain, since the block runs instrumented. Each check runs
 * through {@link HangGuard#modelCheck}, which runs it again only when Lincheck's wall-clock limit
 * per invocation, not a check, stopped it on a loaded machine.
 */
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets (minutes on a 2-core machine under a load of 20+). No result
// depends on time; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
class QueueModelCheckTest {

    /** Counts down one latch per delivered event and records the events. */
    static final class Counting implements Sink<Integer> {
        final List<Integer> events = new ArrayList<>();
        final CountDownLatch expected;
        final AtomicInteger closes = new AtomicInteger();

        Counting(int expected) {
            this.expected = new CountDownLatch(expected);
        }

        @Override
        public void write(Integer event) {
            synchronized (events) {
                events.add(event);
            }
            expected.countDown();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        List<Integer> events() {
            synchronized (events) {
                return new ArrayList<>(events);
            }
        }
    }

    @Test
    void twoWritersWakeTheConsumerWithoutHelpFromClose() {
        HangGuard.modelCheck(500, () -> {
            Counting dst = new Counting(2);
            Queue<Integer> queue = Queue.<Integer>builder(dst).build();
            Thread a = new Thread(() -> queue.write(1));
            Thread b = new Thread(() -> queue.write(2));
            a.start();
            b.start();
            HangGuard.join(a);
            HangGuard.join(b);
            // Only the writers' unpark can get both events delivered: close, which unparks the
            // consumer unconditionally, comes after.
            await(dst.expected);
            queue.close();
            List<Integer> events = dst.events();
            HangGuard.check(events.size() == 2 && events.contains(1) && events.contains(2), "delivered " + events);
            HangGuard.check(dst.closes.get() == 1, "destination closed " + dst.closes.get() + " times");
        });
    }

    @Test
    void oneWriterTwoEventsInOrder() {
        HangGuard.modelCheck(500, () -> {
            Counting dst = new Counting(2);
            Queue<Integer> queue = Queue.<Integer>builder(dst).build();
            Thread a = new Thread(() -> {
                queue.write(1);
                queue.write(2);
            });
            a.start();
            await(dst.expected);
            HangGuard.join(a);
            queue.close();
            HangGuard.check(dst.events().equals(List.of(1, 2)), "delivered " + dst.events());
        });
    }

    @Test
    void closeRacingTwoWritersDeliversExactlyTheAcceptedEvents() {
        HangGuard.modelCheck(3000, () -> {
            Counting dst = new Counting(0);
            Queue<Integer> queue = Queue.<Integer>builder(dst).build();
            boolean[] accepted = new boolean[3];
            Thread a = new Thread(() -> accepted[1] = HangGuard.tryWrite(queue, 1));
            Thread b = new Thread(() -> accepted[2] = HangGuard.tryWrite(queue, 2));
            a.start();
            b.start();
            queue.close();
            HangGuard.join(a);
            HangGuard.join(b);
            List<Integer> events = dst.events();
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                if (accepted[i]) {
                    expected.add(i);
                }
            }
            HangGuard.check(events.size() == expected.size() && events.containsAll(expected),
                    "accepted " + expected + ", delivered " + events);
            HangGuard.check(dst.closes.get() == 1, "destination closed " + dst.closes.get() + " times");
            HangGuard.check(!HangGuard.tryWrite(queue, 3), "a write after close was accepted");
        });
    }

    /**
     * A close past its deadline (zero, on a manual clock: the grace passes at once too) races the
     * consumer's write in flight: the close's compare-and-set claiming the write and the
     * consumer's compare-and-set taking it back decide who accounts for that event. Each accepted
     * event is delivered or reported, never reported twice; delivered and reported only for the
     * write the close took over (its letter: one attempt, no error), at most one; nothing is
     * reported after the close returned. Checked: a consumer that ignores the outcome of its
     * compare-and-set (delivering on after the close took its write over) fails within the 1000
     * invocations.
     */
    @Test
    void closePastItsDeadlineRacingTheWriteInFlightAccountsForEachEventOnce() {
        HangGuard.modelCheck(1000, () -> {
            Counting dst = new Counting(0);
            List<DeadLetter> letters = new ArrayList<>();
            Thread[] consumer = new Thread[1];
            Queue<Integer> queue = Queue.<Integer>builder(dst).timekeeper(new ManualTimekeeper())
                    .dropListener(l -> {
                        synchronized (letters) {
                            letters.add(l);
                        }
                    }).threadFactory(task -> consumer[0] = new Thread(task)).build();
            Thread writer = new Thread(() -> {
                queue.write(1);
                queue.write(2);
            });
            writer.start();
            HangGuard.join(writer);
            boolean inTime = queue.close(Duration.ZERO);
            List<Integer> reported = new ArrayList<>();
            int takenOver = 0;
            Object takenOverEvent = null;
            synchronized (letters) {
                for (DeadLetter l : letters) {
                    reported.add((Integer) l.event());
                    HangGuard.check(l.reason() == DropReason.SHUTDOWN, "reason " + l.reason());
                    if (l.attempts() == 1 && l.cause() == null) {
                        takenOver++;
                        takenOverEvent = l.event();
                    }
                }
            }
            HangGuard.join(consumer[0]); // the write taken over returns; nothing is reported after
            List<Integer> delivered = dst.events();
            synchronized (letters) {
                HangGuard.check(letters.size() == reported.size(), "reported after close returned: " + letters);
            }
            HangGuard.check(takenOver <= 1, "took over " + takenOver + " writes");
            for (int e = 1; e <= 2; e++) {
                int d = java.util.Collections.frequency(delivered, e);
                int r = java.util.Collections.frequency(reported, e);
                HangGuard.check(d <= 1 && r <= 1 && d + r >= 1, "event " + e + ": delivered " + delivered
                        + ", reported " + reported);
                HangGuard.check(d + r == 1 || Integer.valueOf(e).equals(takenOverEvent), "event " + e
                        + " delivered and reported, not the write taken over");
            }
            HangGuard.check(inTime == reported.isEmpty(), "close answered " + inTime + ", reported " + reported);
            HangGuard.check(dst.closes.get() == 1, "destination closed " + dst.closes.get() + " times");
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
