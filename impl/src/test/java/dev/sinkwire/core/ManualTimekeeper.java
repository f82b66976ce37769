package dev.sinkwire.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Timekeeper} for tests: {@link #nanoTime()} is a counter the test sets, and
 * {@link #await} records the requested wait, then advances virtual time by it and returns at once
 * (unless the latch is already released, which it reports without advancing).
 *
 * <p>With {@link #holdWaits(boolean) holdWaits(true)}, {@link #await} instead blocks for real
 * until the latch is released or the thread is interrupted, so that a test can close or interrupt
 * a writer that is "backing off"; {@link #awaitHeldWaiter()} tells when a thread is held there.
 *
 * <p>Like {@link CountDownLatch#await()}, {@link #await} throws {@link InterruptedException} when
 * called with the interrupt flag set. Safe for concurrent use.
 */
final class ManualTimekeeper implements Timekeeper {

    private final AtomicLong now;
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final Semaphore held = new Semaphore(0);
    private volatile boolean holdWaits;

    /** Starts the clock at zero. */
    ManualTimekeeper() {
        this(0);
    }

    /**
     * Starts the clock at {@code start}; like {@link System#nanoTime()}, any value is possible,
     * including one about to wrap around.
     */
    ManualTimekeeper(long start) {
        this.now = new AtomicLong(start);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
        waits.add(nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting");
        }
        if (wake.getCount() == 0) {
            return true;
        }
        if (holdWaits) {
            held.release();
            wake.await();
            return true;
        }
        now.addAndGet(nanos);
        return false;
    }

    /** Moves the clock forward. */
    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** Every wait requested so far, in nanoseconds, in the order requested. */
    List<Long> waits() {
        return List.copyOf(waits);
    }

    /** Makes later waits block until their latch is released (or the thread is interrupted). */
    void holdWaits(boolean hold) {
        this.holdWaits = hold;
    }

    /** Returns once a thread is held in {@link #await}; fails after 10 seconds. */
    void awaitHeldWaiter() throws InterruptedException {
        if (!held.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no thread came to wait within 10 seconds");
        }
    }
}
