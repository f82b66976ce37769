/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

import java.time.Duration;

/**
 * Tells a retrying sink when to try, and when to give up. go-events' {@code RetryStrategy}.
 *
 * <p>A strategy is shared by every writer of its retrying sink, so implementations must be safe
 * for concurrent use. A strategy that keeps state per write (attempts made, when the write began)
 * returns a fresh strategy for each write from {@link #forWrite(Object)} instead of tracking
 * writes by thread or event identity.
 */
public interface RetryStrategy {

    /**
     * Returns the strategy that answers for one write of {@code event}. A retrying sink calls this
     * once per write, before the first attempt, and makes every {@link #proceed}, {@link #failure}
     * and {@link #success} call of that write on the returned strategy, from the writer's thread.
     *
     * <p>The default returns {@code this}: right for strategies whose state is shared by all
     * writes (go-events' breaker and exponential backoff), and free. A strategy with per-write
     * state (a retry budget, a deadline) returns a new object here; that object is used by one
     * writer only, so it need not be thread-safe.
     *
     * @param event the event about to be written
     * @return the strategy for this write, never {@code null}
     */
    default RetryStrategy forWrite(Object event) {
        return this;
    }

    /**
     * Asks how long to wait before the next attempt to write {@code event}.
     *
     * @param event the event about to be written
     * @return how long to wait; zero or negative means try now
     */
    Duration proceed(Object event);

    /**
     * Reports a failed attempt.
     *
     * @param event the event that failed
     * @param error why it failed
     * @return {@code true} to drop the event (it is reported to the drop listener), {@code false}
     *     to retry it
     */
    boolean failure(Object event, Throwable error);

    /**
     * Reports a successful write.
     *
     * @param event the event written
     */
    void success(Object event);
}
