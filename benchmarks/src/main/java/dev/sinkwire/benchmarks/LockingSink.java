/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;

/**
 * go-events' {@code testSink}: a lock, then an append to a pre-sized buffer. It appends a
 * primitive (the event's sequence number) into a {@code long[]} ring instead of the event
 * reference, because storing references into thousands of old-generation arrays measures G1's
 * write barrier rather than the code around the sink (see STACK.md).
 *
 * <p>Safe for concurrent use: every method holds the sink's monitor.
 */
public final class LockingSink implements Sink<Object> {

    private static final int CAPACITY = 256; // a power of two
    private final long[] appended = new long[CAPACITY];
    private long count;
    private boolean closed;

    @Override
    public synchronized void write(Object event) {
        if (closed) {
            throw new SinkClosedException("test sink is closed");
        }
        appended[(int) count & (CAPACITY - 1)] = count;
        count++;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            throw new SinkClosedException("test sink closed twice");
        }
        closed = true;
    }

    /**
     * Returns how many events were appended.
     *
     * @return the count
     */
    public synchronized long count() {
        return count;
    }

    /** Forgets the events seen so far, so the next measured batch can be checked exactly. */
    public synchronized void reset() {
        count = 0;
    }
}
