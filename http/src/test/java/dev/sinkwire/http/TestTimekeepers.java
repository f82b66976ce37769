/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.core.Timekeeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Timekeepers for tests. */
final class TestTimekeepers {

    private TestTimekeepers() {
    }

    /**
     * Virtual time that jumps: {@link #await} records the wait, advances the clock by it and
     * returns at once, unless the latch is released (then {@code true}). A wait of an hour or
     * more (a sender with nothing to do) blocks for real on the latch, so it cannot busy-loop.
     * Safe for concurrent use.
     */
    static final class Jumping implements Timekeeper {
        private final AtomicLong now = new AtomicLong();
        private final List<Long> waits = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
            if (nanos >= TimeUnit.HOURS.toNanos(1)) {
                wake.await();
                return true;
            }
            waits.add(nanos);
            if (wake.getCount() == 0) {
                return true;
            }
            now.addAndGet(nanos);
            return false;
        }

        List<Long> waits() {
            return List.copyOf(waits);
        }
    }

    /**
     * Virtual time that the test moves with {@link #advance}: {@link #await} returns when the
     * latch is released or the virtual deadline is reached. Every requested wait is published to
     * {@link #awaitWaitOf(Duration)} so a test knows the sender is waiting, and for how long. Waiting polls
     * the latch every few milliseconds of real time: no assertion depends on that time. Safe for
     * concurrent use.
     */
    static final class Stepped implements Timekeeper {
        private final AtomicLong now = new AtomicLong();
        private final LinkedBlockingQueue<Long> waits = new LinkedBlockingQueue<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
            long deadline = nanos > Long.MAX_VALUE - now.get() ? Long.MAX_VALUE : now.get() + nanos;
            waits.add(nanos);
            while (true) {
                if (wake.await(2, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (now.get() >= deadline) {
                    return false;
                }
            }
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }

        /** Waits (up to 10 s) until a thread asks to wait exactly {@code d}, skipping other waits. */
        void awaitWaitOf(Duration d) throws InterruptedException {
            long want = d.toNanos();
            while (true) {
                Long w = waits.poll(10, TimeUnit.SECONDS);
                if (w == null) {
                    throw new AssertionError("nobody waited " + d + " within 10 seconds");
                }
                if (w == want) {
                    return;
                }
            }
        }
    }
}
