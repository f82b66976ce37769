/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;

/**
 * How the delay of a {@link RetryPolicy} grows from one retry to the next. The policy's
 * {@linkplain RetryPolicy#delay() delay} is the delay before the first retry; the backoff says what
 * comes after it, and the policy's jitter is added to each value afterwards.
 *
 * <ul>
 *   <li>{@link #constant()}: every retry waits {@code delay}. MicroProfile Fault Tolerance's
 *       {@code @Retry} on its own.</li>
 *   <li>{@link #exponential(int, Duration)}: {@code delay, delay·factor, delay·factor², ...},
 *       capped at {@code maxDelay}. SmallRye Fault Tolerance's {@code @ExponentialBackoff}.</li>
 *   <li>{@link #fibonacci(Duration)}: {@code delay, 2·delay, 3·delay, 5·delay, 8·delay, ...},
 *       capped at {@code maxDelay}. SmallRye Fault Tolerance's {@code @FibonacciBackoff}.</li>
 * </ul>
 *
 * <p>Not go-events' {@link ExponentialBackoff}: that one draws a random wait from a window that
 * grows with consecutive failures across all events; these compute a per-event sequence.
 *
 * <p>Values are immutable and safe for concurrent use. The arithmetic saturates: a delay that
 * would overflow stays at {@code maxDelay} (or about 292 years when there is no cap).
 */
public sealed interface Backoff permits Backoff.Constant, Backoff.Exponential, Backoff.Fibonacci {

    /** SmallRye's default {@code maxDelay} for exponential and Fibonacci backoff: one minute. */
    Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(1);

    /** SmallRye's default {@code factor} for exponential backoff: 2. */
    int DEFAULT_FACTOR = 2;

    /**
     * The same delay before every retry.
     *
     * @return the constant backoff
     */
    static Backoff constant() {
        return Constant.INSTANCE;
    }

    /**
     * Exponential backoff with SmallRye's defaults: factor 2, at most one minute.
     *
     * @return the backoff
     */
    static Backoff exponential() {
        return new Exponential(DEFAULT_FACTOR, DEFAULT_MAX_DELAY);
    }

    /**
     * Exponential backoff: {@code delay·factor^(n-1)} before retry {@code n}, capped at
     * {@code maxDelay}.
     *
     * @param factor the growth factor; at least 1 (1 makes it constant)
     * @param maxDelay the cap on each delay; zero means no cap
     * @return the backoff
     * @throws IllegalArgumentException if {@code factor} is less than 1 or {@code maxDelay} is
     *     negative
     * @throws NullPointerException if {@code maxDelay} is {@code null}
     */
    static Backoff exponential(int factor, Duration maxDelay) {
        return new Exponential(factor, maxDelay);
    }

    /**
     * Fibonacci backoff with SmallRye's default cap of one minute.
     *
     * @return the backoff
     */
    static Backoff fibonacci() {
        return new Fibonacci(DEFAULT_MAX_DELAY);
    }

    /**
     * Fibonacci backoff: {@code delay·F(n)} before retry {@code n}, where {@code F} is 1, 2, 3, 5,
     * 8, 13, ..., capped at {@code maxDelay}.
     *
     * @param maxDelay the cap on each delay; zero means no cap
     * @return the backoff
     * @throws IllegalArgumentException if {@code maxDelay} is negative
     * @throws NullPointerException if {@code maxDelay} is {@code null}
     */
    static Backoff fibonacci(Duration maxDelay) {
        return new Fibonacci(maxDelay);
    }

    /**
     * The cap on each delay, jitter included; zero means no cap.
     *
     * @return the cap
     */
    Duration maxDelay();

    /**
     * The delay before retry number {@code retry}, before jitter. (A {@link RetryPolicy} adds the
     * jitter to the uncapped value and caps the sum, as SmallRye does.)
     *
     * @param initial the delay before the first retry; zero or positive
     * @param retry which retry, counting from 1
     * @return the delay, at most {@link #maxDelay()} when that is set
     * @throws IllegalArgumentException if {@code initial} is negative or {@code retry} is less
     *     than 1
     * @throws NullPointerException if {@code initial} is {@code null}
     */
    default Duration delay(Duration initial, long retry) {
        Checks.notNegative(initial, "initial");
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be 1 or more, was " + retry);
        }
        return Duration.ofNanos(delayNanos(Checks.saturatedNanos(initial), retry));
    }

    /**
     * {@link #delay(Duration, long)} in nanoseconds, for callers that checked the arguments.
     *
     * @param initialNanos the delay before the first retry, in nanoseconds; zero or positive
     * @param retry which retry, counting from 1
     * @return the delay in nanoseconds, saturating
     */
    long delayNanos(long initialNanos, long retry);

    /** The cap in nanoseconds, {@link Long#MAX_VALUE} when there is none. */
    private static long capNanos(Duration maxDelay) {
        return maxDelay.isZero() ? Long.MAX_VALUE : Checks.saturatedNanos(maxDelay);
    }

    /** Every retry waits the initial delay. */
    record Constant() implements Backoff {

        /** The only instance needed. */
        static final Constant INSTANCE = new Constant();

        /** Always zero: a constant backoff has no cap. */
        @Override
        public Duration maxDelay() {
            return Duration.ZERO;
        }

        @Override
        public long delayNanos(long initialNanos, long retry) {
            return initialNanos;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * {@code delay·factor^(n-1)} before retry {@code n}, capped at {@code maxDelay}.
     *
     * @param factor the growth factor; at least 1
     * @param maxDelay the cap on each delay; zero means no cap
     */
    record Exponential(int factor, Duration maxDelay) implements Backoff {

        /**
         * Checks the parameters.
         *
         * @param factor the growth factor; at least 1
         * @param maxDelay the cap on each delay; zero means no cap
         * @throws IllegalArgumentException if {@code factor} is less than 1 or {@code maxDelay}
         *     is negative
         * @throws NullPointerException if {@code maxDelay} is {@code null}
         */
        public Exponential {
            Checks.atLeast(1, factor, "factor");
            Checks.notNegative(maxDelay, "maxDelay");
        }

        @Override
        public long delayNanos(long initialNanos, long retry) {
            long cap = capNanos(maxDelay);
            long delay = Math.min(initialNanos, cap);
            if (delay == 0 || factor == 1) {
                return delay;
            }
            // at most 63 rounds: a factor of 2 or more passes any cap (or saturates) by then
            for (long n = 1; n < retry && delay < cap; n++) {
                delay = delay > cap / factor ? cap : delay * factor;
            }
            return delay;
        }

        @Override
        public String toString() {
            return "exponential(factor=" + factor + ", maxDelay=" + maxDelay + ")";
        }
    }

    /**
     * {@code delay·F(n)} before retry {@code n}, where {@code F} is 1, 2, 3, 5, 8, ..., capped at
     * {@code maxDelay}.
     *
     * @param maxDelay the cap on each delay; zero means no cap
     */
    record Fibonacci(Duration maxDelay) implements Backoff {

        /**
         * Checks the parameter.
         *
         * @param maxDelay the cap on each delay; zero means no cap
         * @throws IllegalArgumentException if {@code maxDelay} is negative
         * @throws NullPointerException if {@code maxDelay} is {@code null}
         */
        public Fibonacci {
            Checks.notNegative(maxDelay, "maxDelay");
        }

        @Override
        public long delayNanos(long initialNanos, long retry) {
            long cap = capNanos(maxDelay);
            if (initialNanos == 0) {
                return 0;
            }
            long previous = initialNanos; // delay·F(0), taking F(0) = 1 so that F(2) = 2
            long current = Math.min(initialNanos, cap);
            // at most about 90 rounds: the sequence passes any cap (or saturates) by then
            for (long n = 1; n < retry && current < cap; n++) {
                long next = previous > cap - current ? cap : previous + current;
                previous = current;
                current = next;
            }
            return current;
        }

        @Override
        public String toString() {
            return "fibonacci(maxDelay=" + maxDelay + ")";
        }
    }
}
