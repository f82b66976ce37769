/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * go-events' {@code countingSink}: an atomic increment per event, and a flag set on close.
 *
 * <p>Safe for concurrent use.
 */
public final class CountingSink implements Sink<Object> {

    private final AtomicLong count = new AtomicLong();
    private volatile boolean closed;

    @Override
    public void write(Object event) {
        count.incrementAndGet();
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Returns how many events were written.
     *
     * @return the count
     */
    public long count() {
        return count.get();
    }

    /**
     * Returns whether the sink has been closed.
     *
     * @return {@code true} once {@link #close()} was called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Fails the benchmark unless exactly {@code expected} events arrived (and, if asked, the sink
     * was closed): a benchmark that loses events must not report a time.
     *
     * @param expected the exact number of events written
     * @param mustBeClosed whether the sink must have been closed
     * @throws IllegalStateException if the sink saw another number of events, or is not closed
     */
    public void verify(long expected, boolean mustBeClosed) {
        long n = count.get();
        if (n != expected) {
            throw new IllegalStateException("sink received " + n + " events, want " + expected);
        }
        if (mustBeClosed && !closed) {
            throw new IllegalStateException("sink not closed");
        }
    }
}
