/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A retry strategy that backs off for a fixed time once a number of consecutive failures is
 * reached. go-events' {@code Breaker}, with its arithmetic: after {@code threshold} consecutive
 * failures, the next attempt waits until {@code backoff} has passed since the latest failure; one
 * success resets it. It never drops an event, so a {@link RetryingSink} using it retries until the
 * write succeeds or the sink is closed.
 *
 * <p>Not the MicroProfile Fault Tolerance circuit breaker: there is no rolling window and no
 * half-open state; the next attempt after the backoff is the probe.
 *
 * <p>Safe for concurrent use; one breaker is meant to be shared by every writer of its sink.
 */
public final class Breaker implements RetryStrategy {

    /** Consecutive failures and the time of the latest one, read and replaced as one value. */
    private record State(int recent, long lastFailureNanos) {
    }

    private static final State CLOSED = new State(0, 0);

    private final int threshold;
    private final long backoffNanos;
    private final Duration backoff;
    private final Timekeeper timekeeper;
    private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

    /**
     * Creates a breaker on the system clock.
     *
     * @param threshold consecutive failures before backing off; 0 behaves like 1
     * @param backoff how long to wait after the latest failure once the threshold is reached
     * @throws IllegalArgumentException if {@code threshold} or {@code backoff} is negative
     * @throws NullPointerException if {@code backoff} is {@code null}
     */
    public Breaker(int threshold, Duration backoff) {
        this(threshold, backoff, Timekeeper.system());
    }

    /**
     * Creates a breaker on the given clock.
     *
     * @param threshold consecutive failures before backing off; 0 behaves like 1
     * @param backoff how long to wait after the latest failure once the threshold is reached
     * @param timekeeper the clock
     * @throws IllegalArgumentException if {@code threshold} or {@code backoff} is negative
     * @throws NullPointerException if {@code backoff} or {@code timekeeper} is {@code null}
     */
    public Breaker(int threshold, Duration backoff, Timekeeper timekeeper) {
        this.threshold = Checks.atLeast(0, threshold, "threshold");
        this.backoff = Checks.notNegative(backoff, "backoff");
        this.backoffNanos = Checks.saturatedNanos(backoff);
        this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
    }

    /**
     * Returns zero below the threshold; otherwise the time left until {@code backoff} has passed
     * since the latest failure (zero once it has).
     */
    @Override
    public Duration proceed(Object event) {
        State s = state.get();
        if (s.recent == 0 || s.recent < threshold) {
            return Duration.ZERO;
        }
        long remaining = s.lastFailureNanos + backoffNanos - timekeeper.nanoTime();
        return remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO;
    }

    /** Counts a consecutive failure and records its time. Never drops: returns {@code false}. */
    @Override
    public boolean failure(Object event, Throwable error) {
        long now = timekeeper.nanoTime();
        // Concurrent failures may reach the update in another order than they read the clock: keep
        // the later reading (compared by difference, the clock may wrap), so that the backoff runs
        // from the latest failure, never from an earlier one that was descheduled after its reading.
        state.getAndUpdate(s -> new State(s.recent == Integer.MAX_VALUE ? s.recent : s.recent + 1,
                s.recent > 0 && s.lastFailureNanos - now > 0 ? s.lastFailureNanos : now));
        return false;
    }

    /** Resets the count of consecutive failures. */
    @Override
    public void success(Object event) {
        if (state.get() != CLOSED) { // no write on the common path: nothing to reset
            state.set(CLOSED);
        }
    }

    /**
     * Whether the breaker is open: {@code threshold} consecutive failures (at least one) have
     * happened and no success since. While open, every attempt waits for {@code backoff} after
     * the latest failure; a success closes it. For monitoring.
     *
     * @return whether the threshold of consecutive failures is reached
     */
    public boolean open() {
        int recent = state.get().recent;
        return recent > 0 && recent >= threshold;
    }

    @Override
    public String toString() {
        return "Breaker[threshold=" + threshold + ", backoff=" + backoff + ", recent=" + state.get().recent + "]";
    }
}
