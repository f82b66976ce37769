/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import java.util.concurrent.CountDownLatch;

/**
 * The close protocol of the core's sinks that wrap another ({@code Broadcaster}, {@code Filter},
 * {@code RetryingSink}, {@code CircuitBreakerSink}, {@code TimeoutSink}): the first {@code close}
 * does the work; a later one from another thread waits until that work is done, so that every
 * caller can rely on the wrapped sinks being closed when its own call returns; one from the thread
 * doing the work (a wrapped sink closing its owner back) returns at once instead of waiting for
 * itself.
 *
 * <pre>{@code
 * if (!closing.begin()) {
 *     return;
 * }
 * try {
 *     ... stop accepting, close what is wrapped ...
 * } finally {
 *     closing.end();
 * }
 * }</pre>
 *
 * <p>Internal, like {@link Checks}: public only so that {@code dev.sinkwire.core} and
 * {@code dev.sinkwire.core.ft} share one copy. Safe for concurrent use. {@link #end()} must follow
 * a {@link #begin()} that answered {@code true}, in a {@code finally} block, or later closes wait
 * forever.
 */
public final class CloseOnce {

    /** The thread doing the first close; guarded by this object's monitor. */
    private Thread closer;
    /** Released once the first close's work is done. */
    private final CountDownLatch done = new CountDownLatch(1);

    /** Creates the protocol of one sink, not closed yet. */
    public CloseOnce() {
    }

    /**
     * Starts a close.
     *
     * @return {@code true} if this is the first close, which must do the work and then call
     *     {@link #end()}; {@code false} once the first close's work is done, or at once when
     *     called from the thread doing it. Not interruptible: the interrupt flag is kept.
     */
    public boolean begin() {
        Thread running;
        synchronized (this) {
            running = closer;
            if (running == null) {
                closer = Thread.currentThread();
                return true;
            }
        }
        if (running != Thread.currentThread()) {
            Checks.awaitUninterruptibly(done);
        }
        return false;
    }

    /** Ends the first close's work, letting the closes waiting for it return. */
    public void end() {
        done.countDown();
    }
}
