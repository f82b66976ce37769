/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>With {@link #script(Wait...)}, the next waits do what the test says instead, one scripted
 * {@link Wait} per call of {@link #await}, in order (for example: wait for the worker's latch and
 * then report the deadline passed anyway, or throw {@link InterruptedException}).
 *
 * <p>Like {@link CountDownLatch#await()}, {@link #await} throws {@link InterruptedException} when
 * called with the interrupt flag set. Safe for concurrent use. Public for the tests of
 * {@code dev.sinkwire.core.ft}.
 */
public final class ManualTimekeeper implements Timekeeper {

    /**
     * What one scripted {@link ManualTimekeeper#await} does instead of its default.
     */
    @FunctionalInterface
    public interface Wait {
        /**
         * Plays one wait.
         *
         * @param wake the latch the caller waits for
         * @param nanos the wait requested
         * @return what {@code await} returns: {@code true} if the wait ended because {@code wake}
         *     was released
         * @throws InterruptedException to play an interrupted wait
         */
        boolean await(CountDownLatch wake, long nanos) throws InterruptedException;
    }

    private final AtomicLong now;
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final Semaphore held = new Semaphore(0);
    private volatile boolean holdWaits;
    private final Queue<Wait> scripted = new ConcurrentLinkedQueue<>();

    /** Starts the clock at zero. */
    public ManualTimekeeper() {
        this(0);
    }

    /**
     * Starts the clock at {@code start}; like {@link System#nanoTime()}, any value is possible,
     * including one about to wrap around.
     */
    public ManualTimekeeper(long start) {
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
        Wait script = scripted.poll();
        if (script != null) {
            return script.await(wake, nanos);
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
    public void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** Every wait requested so far, in nanoseconds, in the order requested. */
    public List<Long> waits() {
        return List.copyOf(waits);
    }

    /** Makes later waits block until their latch is released (or the thread is interrupted). */
    public void holdWaits(boolean hold) {
        this.holdWaits = hold;
    }

    /** Returns once a thread is held in {@link #await}; fails after 10 seconds. */
    public void awaitHeldWaiter() throws InterruptedException {
        if (!held.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no thread came to wait within 10 seconds");
        }
    }

    /**
     * Queues scripted waits: each later call of {@link #await}, from any thread, plays the next
     * one (after recording the wait and checking the interrupt flag) instead of the default.
     * Once the script is used up, waits are back to the default.
     */
    public void script(Wait... waits) {
        scripted.addAll(List.of(waits));
    }

    /** Every wait requested so far, as durations, in the order requested. */
    public List<Duration> waitDurations() {
        return waits.stream().map(Duration::ofNanos).toList();
    }
}
