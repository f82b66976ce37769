/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.ErrorClasses;
import dev.sinkwire.core.internal.ErrorRetries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A retry strategy with MicroProfile Fault Tolerance {@code @Retry} semantics: a bounded number of
 * retries and a bounded total time per event, a delay with jitter, a growing {@link Backoff}, and
 * exception classes to retry on and to abort on. When it gives up, the {@link RetryingSink} hands
 * the event to its {@link dev.sinkwire.DropListener} with reason
 * {@link dev.sinkwire.DropReason#GAVE_UP}, the last error and the attempt count.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxRetries(5)
 *         .delay(Duration.ofMillis(100))
 *         .jitter(Duration.ofMillis(50))
 *         .maxDuration(Duration.ofSeconds(30))
 *         .backoff(Backoff.exponential(2, Duration.ofSeconds(5)))
 *         .abortOn(IllegalArgumentException.class)
 *         .build();
 * Sink<Order> sink = new RetryingSink<>(webhook, policy);
 * }</pre>
 *
 * <p>Decisions, for each failed attempt of one event, in this order (MP FT's rules):
 * <ol>
 *   <li>an error assignable to a class in {@code abortOn} drops the event at once;</li>
 *   <li>otherwise an error not assignable to a class in {@code retryOn} drops the event at once;</li>
 *   <li>otherwise, when {@code maxRetries} retries have been made already, the event is dropped;</li>
 *   <li>otherwise the next delay is computed: {@code backoff} applied to {@code delay}, plus a
 *       uniform random jitter in {@code [-jitter, +jitter]}, clamped to {@code [0, maxDelay]}
 *       (SmallRye's order: a delay that has grown past {@code maxDelay} stays at it, jitter or
 *       not);
 *       when waiting it would reach {@code maxDuration} counted from the start of the first
 *       attempt, the event is dropped now rather than after a pointless wait;</li>
 *   <li>otherwise the event is retried after that delay.</li>
 * </ol>
 * So with the defaults an event is attempted at most 4 times (1 + 3 retries), for at most 3
 * minutes.
 *
 * <p>State per write. The retry count and start time belong to one write of one event, not to the
 * policy: {@link #forWrite(Object)} hands each write a small object of its own (the start time, the
 * retries made, the next delay; about 40 bytes, the policy's only allocation for a write), which
 * the {@link RetryingSink} consults for every attempt of that write and then drops.
 * Nothing is kept in the policy, so nothing outlives a write however it ends (success, drop,
 * close, interruption, an {@link Error}), and concurrent writes of the same event through one
 * policy count separately. {@code maxDuration} is measured from the {@code forWrite} call, which
 * a retrying sink makes just before the first attempt. Called on the shared policy itself,
 * {@link #proceed}, {@link #failure} and {@link #success} throw {@link IllegalStateException}:
 * they would have no write to count for. So a {@link RetryStrategy} that wraps a policy must
 * forward {@code forWrite} (and wrap what it returns).
 *
 * <p>Errors: an {@link Error} is decided by the same rules as an exception, as in MP FT: with the
 * default {@code retryOn = Exception.class} it is not retried, and the {@link RetryingSink} lets it
 * pass through to the writer unreported; when {@code retryOn} matches it (for example
 * {@code retryOn(Throwable.class)} or {@code retryOn(AssertionError.class)}) and {@code abortOn}
 * does not, it is retried within the limits and, when they are used up, reported like an
 * exception. That includes a {@link VirtualMachineError} such as {@link OutOfMemoryError} when
 * {@code retryOn} names {@code Error} or {@code Throwable}, as MP FT would; add
 * {@code abortOn(VirtualMachineError.class)} to keep those out.
 *
 * <p>Where it differs from MP FT: an event that is not retried because of {@code abortOn} or
 * {@code retryOn}, or whose retries are used up, is reported to the drop listener by the retrying
 * sink instead of being thrown to the writer, so that nothing is lost silently (an {@link Error}
 * outside {@code retryOn}, or matched by {@code abortOn}, still passes through to the writer).
 * Exceptions are matched as thrown: a sink that wraps its cause in a
 * {@link dev.sinkwire.SinkException} is matched as a {@code SinkException}.
 *
 * <p>Immutable configuration, built by {@link #builder()} with every argument checked eagerly.
 * Safe for concurrent use: one policy may be shared by every writer of any number of retrying
 * sinks. The per-write strategies it returns are not: each is used by its one writer.
 */
public final class RetryPolicy implements RetryStrategy {

    /** MP FT's default {@code maxRetries}: 3. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** {@code maxRetries} meaning no limit on the number of retries: -1. */
    public static final int UNLIMITED_RETRIES = -1;
    /** MP FT's default {@code delay}: zero. */
    public static final Duration DEFAULT_DELAY = Duration.ZERO;
    /** MP FT's default {@code maxDuration}: 180000 ms (3 minutes). */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMillis(180_000);
    /** MP FT's default {@code jitter}: 200 ms. */
    public static final Duration DEFAULT_JITTER = Duration.ofMillis(200);

    private final int maxRetries;
    private final Duration delay;
    private final Duration jitter;
    private final Duration maxDuration;
    private final ErrorClasses retryable;
    private final Backoff backoff;
    private final Timekeeper timekeeper;
    private final RandomGenerator random;

    private final long delayNanos;
    private final long jitterNanos;
    private final long maxDurationNanos; // Long.MAX_VALUE when unlimited
    private final long maxDelayNanos; // Long.MAX_VALUE when uncapped
    private final long maxRetriesLong; // Long.MAX_VALUE when unlimited
    /** The backoff without its cap: the cap applies after the jitter, as in SmallRye. */
    private final Backoff uncapped;

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.delay = b.delay;
        this.jitter = b.jitter;
        this.maxDuration = b.maxDuration;
        this.retryable = new ErrorClasses(b.retryOn, b.abortOn);
        this.backoff = b.backoff;
        this.timekeeper = b.timekeeper;
        this.random = b.random;
        this.delayNanos = Checks.saturatedNanos(delay);
        this.jitterNanos = Checks.saturatedNanos(jitter);
        this.maxDurationNanos = maxDuration.isZero() ? Long.MAX_VALUE : Checks.saturatedNanos(maxDuration);
        this.maxDelayNanos = backoff.maxDelay().isZero() ? Long.MAX_VALUE : Checks.saturatedNanos(backoff.maxDelay());
        this.maxRetriesLong = maxRetries == UNLIMITED_RETRIES ? Long.MAX_VALUE : maxRetries;
        if (backoff instanceof Backoff.Exponential e) {
            this.uncapped = new Backoff.Exponential(e.factor(), Duration.ZERO);
        } else if (backoff instanceof Backoff.Fibonacci) {
            this.uncapped = new Backoff.Fibonacci(Duration.ZERO);
        } else {
            this.uncapped = backoff;
        }
    }

    /**
     * Starts a builder holding MP FT's defaults: 3 retries, no delay, 200 ms jitter, 3 minutes
     * at most, retry on {@link Exception}, abort on nothing, constant backoff, the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A policy with MP FT's defaults, on the system clock.
     *
     * @return the policy
     */
    public static RetryPolicy ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a builder holding this policy's configuration, for a variant of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRetries = maxRetries;
        b.delay = delay;
        b.jitter = jitter;
        b.maxDuration = maxDuration;
        b.retryOn = retryable.matching();
        b.abortOn = retryable.excepted();
        b.backoff = backoff;
        b.timekeeper = timekeeper;
        b.random = random;
        return b;
    }

    /**
     * The retries allowed after the first attempt; {@link #UNLIMITED_RETRIES} for no limit.
     *
     * @return the maximum number of retries
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The delay before the first retry, which the {@link #backoff()} grows for later retries.
     *
     * @return the delay
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The most that each delay is randomly moved, up or down; zero for none.
     *
     * @return the jitter
     */
    public Duration jitter() {
        return jitter;
    }

    /**
     * The longest time from the start of an event's first attempt to the start of its last one;
     * zero for no limit.
     *
     * @return the maximum duration
     */
    public Duration maxDuration() {
        return maxDuration;
    }

    /**
     * The errors that are retried, unless {@link #abortOn()} also matches.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> retryOn() {
        return retryable.matching();
    }

    /**
     * The errors that are never retried; these win over {@link #retryOn()}.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> abortOn() {
        return retryable.excepted();
    }

    /**
     * How the delay grows from retry to retry.
     *
     * @return the backoff
     */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Tells whether an error is retried at all, by the abortOn and retryOn rules (ignoring the
     * limits on count and time).
     *
     * @param error the error
     * @return {@code true} if it is retried
     */
    public boolean isRetryable(Throwable error) {
        return retryable.test(error);
    }

    /**
     * Starts the state of one write: its start time (now, on the policy's clock), and no retries
     * yet. The returned strategy answers {@code proceed} with zero before the first attempt and
     * with the delay its latest {@code failure} chose before each retry, and decides each failure
     * by the rules above. It is for one writer only (not thread-safe), and needs no cleanup.
     *
     * @param event the event about to be written
     * @return a new strategy for this write
     */
    @Override
    public RetryStrategy forWrite(Object event) {
        return new Write(this, timekeeper.nanoTime());
    }

    /**
     * Not for the shared policy: use the strategy {@link #forWrite(Object)} returns.
     *
     * @throws IllegalStateException always
     */
    @Override
    public Duration proceed(Object event) {
        throw notPerWrite("proceed");
    }

    /**
     * Not for the shared policy: use the strategy {@link #forWrite(Object)} returns.
     *
     * @throws IllegalStateException always
     */
    @Override
    public boolean failure(Object event, Throwable error) {
        throw notPerWrite("failure");
    }

    /**
     * Not for the shared policy: use the strategy {@link #forWrite(Object)} returns.
     *
     * @throws IllegalStateException always
     */
    @Override
    public void success(Object event) {
        throw notPerWrite("success");
    }

    private IllegalStateException notPerWrite(String method) {
        return new IllegalStateException("RetryPolicy." + method + " was called on the shared policy " + this
                + "; its state is per write: call forWrite(event) once per write and use the strategy it returns"
                + " (a RetryStrategy that wraps a RetryPolicy must forward forWrite)");
    }

    /**
     * Decides a failed attempt of one write, by the rules above.
     *
     * @param write the write's state, updated when the event is retried
     * @param error why the attempt failed
     * @return {@code true} to drop the event
     */
    private boolean decide(Write write, Throwable error) {
        if (!isRetryable(error) || write.retries >= maxRetriesLong) {
            return true;
        }
        long wait = nextDelayNanos(write.retries + 1);
        if (maxDurationNanos != Long.MAX_VALUE) {
            long elapsed = timekeeper.nanoTime() - write.startNanos;
            if (elapsed >= maxDurationNanos - Math.min(wait, maxDurationNanos)) {
                return true;
            }
        }
        write.retries++;
        write.nextDelayNanos = wait;
        return false;
    }

    /**
     * The delay before a retry, jitter included.
     *
     * @param retry which retry, from 1
     * @return nanoseconds, in {@code [0, maxDelay]}
     */
    long nextDelayNanos(long retry) {
        long base = uncapped.delayNanos(delayNanos, retry);
        long offset = 0;
        if (jitterNanos > 0) {
            RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
            // uniform in [-jitter, +jitter], both ends included, as MP FT says
            offset = jitterNanos == Long.MAX_VALUE ? r.nextLong() : r.nextLong(-jitterNanos, jitterNanos + 1);
        }
        long sum = base + offset;
        if (((base ^ sum) & (offset ^ sum)) < 0) { // overflow: only possible upwards, base >= 0
            sum = Long.MAX_VALUE;
        }
        return Math.min(Math.max(sum, 0), maxDelayNanos);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", delay=" + delay + ", jitter=" + jitter
                + ", maxDuration=" + maxDuration + ", backoff=" + backoff + ", retryOn=" + names(retryOn())
                + ", abortOn=" + names(abortOn()) + "]";
    }

    private static String names(List<Class<? extends Throwable>> classes) {
        StringBuilder s = new StringBuilder("[");
        for (Class<? extends Throwable> c : classes) {
            s.append(s.length() > 1 ? ", " : "").append(c.getSimpleName());
        }
        return s.append(']').toString();
    }

    /**
     * One write's state. Used by the writer alone, from {@code forWrite} to the write's end, so
     * plain fields; garbage once the write ends, however it ends.
     */
    private static final class Write implements RetryStrategy, ErrorRetries {
        private final RetryPolicy policy;
        /** When the write started, on the policy's clock. */
        final long startNanos;
        /** Retries granted so far. */
        long retries;
        /** The delay the latest failure chose, handed out by the next {@code proceed}; 0 if none. */
        long nextDelayNanos;

        Write(RetryPolicy policy, long startNanos) {
            this.policy = policy;
            this.startNanos = startNanos;
        }

        @Override
        public Duration proceed(Object event) {
            long wait = nextDelayNanos;
            if (wait == 0) {
                return Duration.ZERO;
            }
            nextDelayNanos = 0;
            return Duration.ofNanos(wait);
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            return policy.decide(this, error);
        }

        @Override
        public void success(Object event) {
            // nothing to forget: the state goes with this object
        }

        /** An {@link Error} is retried by the same rules as an exception: retryOn and not abortOn. */
        @Override
        public boolean retries(Error error) {
            return policy.isRetryable(error);
        }

        @Override
        public String toString() {
            return policy + " (a write, " + retries + " retries so far)";
        }
    }

    /**
     * Builds a {@link RetryPolicy}. Starts with MP FT's defaults; every setter checks its argument
     * at once, and {@link #build()} checks the combination. Not thread-safe: build on one thread.
     */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration delay = DEFAULT_DELAY;
        private Duration jitter = DEFAULT_JITTER;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
        private List<Class<? extends Throwable>> abortOn = List.of();
        private Backoff backoff = Backoff.constant();
        private Timekeeper timekeeper = Timekeeper.system();
        private RandomGenerator random;

        private Builder() {
        }

        /**
         * Sets the retries allowed after the first attempt (MP FT {@code maxRetries}, default 3).
         *
         * @param maxRetries 0 or more, or {@link #UNLIMITED_RETRIES} (-1) for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRetries} is less than -1
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < UNLIMITED_RETRIES) {
                throw new IllegalArgumentException(
                        "maxRetries must be -1 (unlimited) or 0 or more, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the delay before the first retry (MP FT {@code delay}, default 0).
         *
         * @param delay zero or positive; less than {@code maxDuration} when that is set, and than
         *     the backoff's {@code maxDelay} when that is set
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         * @throws NullPointerException if {@code delay} is {@code null}
         */
        public Builder delay(Duration delay) {
            this.delay = Checks.notNegative(delay, "delay");
            return this;
        }

        /**
         * Sets the most that each delay moves at random, up or down (MP FT {@code jitter},
         * default 200 ms).
         *
         * @param jitter zero (no jitter) or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code jitter} is negative
         * @throws NullPointerException if {@code jitter} is {@code null}
         */
        public Builder jitter(Duration jitter) {
            this.jitter = Checks.notNegative(jitter, "jitter");
            return this;
        }

        /**
         * Sets the longest time from the first attempt to the start of the last (MP FT
         * {@code maxDuration}, default 180000 ms).
         *
         * @param maxDuration zero for no limit, otherwise more than {@code delay}
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDuration} is negative
         * @throws NullPointerException if {@code maxDuration} is {@code null}
         */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = Checks.notNegative(maxDuration, "maxDuration");
            return this;
        }

        /**
         * Sets the errors to retry on (MP FT {@code retryOn}, default {@link Exception}). An
         * error matches when it is an instance of one of the classes.
         *
         * @param classes the exception classes; may be empty (then nothing is retried)
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... classes) {
            this.retryOn = Checks.throwableClasses(classes, "retryOn");
            return this;
        }

        /**
         * Sets the errors never to retry, winning over {@code retryOn} (MP FT {@code abortOn},
         * default none).
         *
         * @param classes the exception classes; may be empty
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder abortOn(Class<? extends Throwable>... classes) {
            this.abortOn = Checks.throwableClasses(classes, "abortOn");
            return this;
        }

        /**
         * Sets how the delay grows (default {@link Backoff#constant()}).
         *
         * @param backoff the backoff
         * @return this builder
         * @throws NullPointerException if {@code backoff} is {@code null}
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Checks.notNull(backoff, "backoff");
            return this;
        }

        /**
         * Sets the clock that measures {@code maxDuration} (default {@link Timekeeper#system()}).
         *
         * @param timekeeper the clock
         * @return this builder
         * @throws NullPointerException if {@code timekeeper} is {@code null}
         */
        public Builder timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Sets the source of jitter; it must be safe for concurrent use if the policy is shared.
         *
         * @param random the source, or {@code null} for {@link ThreadLocalRandom} (the default)
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /**
         * Checks the combination and builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if {@code maxDuration} is set and not more than
         *     {@code delay}; if the backoff's {@code maxDelay} is set and not more than
         *     {@code delay}; or if both {@code maxDelay} and {@code maxDuration} are set and
         *     {@code maxDelay} is not less than {@code maxDuration}
         */
        public RetryPolicy build() {
            if (!maxDuration.isZero() && maxDuration.compareTo(delay) <= 0) {
                throw new IllegalArgumentException("maxDuration must be more than delay (or 0 for no limit), was maxDuration="
                        + maxDuration + " <= delay=" + delay);
            }
            Duration maxDelay = backoff.maxDelay();
            if (!(backoff instanceof Backoff.Constant) && !maxDelay.isZero()) {
                if (maxDelay.compareTo(delay) <= 0) {
                    throw new IllegalArgumentException("delay must be less than the backoff's maxDelay, was delay="
                            + delay + " >= maxDelay=" + maxDelay);
                }
                if (!maxDuration.isZero() && maxDelay.compareTo(maxDuration) >= 0) {
                    throw new IllegalArgumentException("the backoff's maxDelay must be less than maxDuration, was maxDelay="
                            + maxDelay + " >= maxDuration=" + maxDuration);
                }
            }
            return new RetryPolicy(this);
        }
    }
}
