/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A retry strategy whose wait grows exponentially with consecutive failures, with full jitter.
 * go-events' {@code ExponentialBackoff}, with its arithmetic: after {@code n} consecutive
 * failures, the wait is uniform in {@code [0, min(base + factor * 2^(n-1), max))}; one success
 * resets it. It never drops an event.
 *
 * <p>Where go-events' arithmetic overflows (from about 63 consecutive failures on) and wraps back
 * to short waits, this one stays at {@code max}.
 *
 * <p>Safe for concurrent use; one strategy is meant to be shared by every writer of its sink.
 */
public final class ExponentialBackoff implements RetryStrategy {

    private final ExponentialBackoffConfig config;
    private final long baseNanos;
    private final long factorNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private final AtomicLong failures = new AtomicLong();

    /**
     * Creates a strategy drawing its jitter from {@link ThreadLocalRandom}.
     *
     * @param config the parameters
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public ExponentialBackoff(ExponentialBackoffConfig config) {
        this(config, null);
    }

    /**
     * Creates a strategy drawing its jitter from {@code random}, which must be safe for concurrent
     * use if the strategy is shared between threads.
     *
     * @param config the parameters
     * @param random the source of jitter, or {@code null} for {@link ThreadLocalRandom}
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public ExponentialBackoff(ExponentialBackoffConfig config, RandomGenerator random) {
        this.config = Checks.notNull(config, "config");
        this.baseNanos = Checks.saturatedNanos(config.base());
        this.factorNanos = Checks.saturatedNanos(config.factor());
        this.maxNanos = Checks.saturatedNanos(config.max());
        this.random = random;
    }

    /** Returns zero without failures, otherwise a uniform draw from the current window. */
    @Override
    public Duration proceed(Object event) {
        long window = window(failures.get());
        if (window == 0) {
            return Duration.ZERO;
        }
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        return Duration.ofNanos(r.nextLong(window));
    }

    /** Counts a consecutive failure. Never drops: returns {@code false}. */
    @Override
    public boolean failure(Object event, Throwable error) {
        failures.incrementAndGet();
        return false;
    }

    /** Resets the count of consecutive failures. */
    @Override
    public void success(Object event) {
        if (failures.get() != 0) { // no write on the common path: nothing to reset
            failures.set(0);
        }
    }

    /**
     * The upper bound (exclusive) of the wait after {@code failures} consecutive failures, in
     * nanoseconds: {@code min(base + factor * 2^(failures-1), max)}, or 0 without failures.
     */
    long window(long failures) {
        if (failures <= 0) {
            return 0;
        }
        long grown;
        if (failures - 1 >= Long.SIZE - 1) {
            grown = maxNanos;
        } else {
            try {
                grown = Math.addExact(baseNanos, Math.multiplyExact(factorNanos, 1L << (failures - 1)));
            } catch (ArithmeticException overflow) {
                grown = maxNanos;
            }
        }
        return Math.min(grown, maxNanos);
    }

    @Override
    public String toString() {
        return "ExponentialBackoff[" + config + ", failures=" + failures.get() + "]";
    }
}
