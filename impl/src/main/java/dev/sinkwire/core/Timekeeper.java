/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time as the core's strategies see it: a monotonic clock, and a wait that {@code close} can cut
 * short. Production code uses {@link #system()}; tests pass a manual one so that backoffs of
 * seconds take no time at all.
 *
 * <p>Implementations must be safe for concurrent use.
 */
public interface Timekeeper {

    /**
     * Reads the monotonic clock, like {@link System#nanoTime()}: only differences between two
     * readings mean anything.
     *
     * @return the current reading, in nanoseconds
     */
    long nanoTime();

    /**
     * Waits until {@code nanos} have passed or {@code wake} reaches zero, whichever comes first.
     *
     * @param wake the latch whose release ends the wait early
     * @param nanos how long to wait at most
     * @return {@code true} if the wait ended because {@code wake} reached zero
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean await(CountDownLatch wake, long nanos) throws InterruptedException;

    /**
     * The real clock and real waits.
     *
     * @return the system timekeeper
     */
    static Timekeeper system() {
        return SystemTimekeeper.INSTANCE;
    }
}

/** {@link System#nanoTime()} and {@link CountDownLatch#await(long, TimeUnit)}. */
enum SystemTimekeeper implements Timekeeper {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
        return wake.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "Timekeeper.system()";
    }
}
