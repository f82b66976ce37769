/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.ErrorClasses;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker with MicroProfile Fault Tolerance {@code @CircuitBreaker} semantics: closed,
 * open and half-open states over a rolling window of results.
 *
 * <ul>
 *   <li><b>Closed</b>: calls go through, and each result goes into a rolling window of the last
 *       {@code requestVolumeThreshold} results. Once the window is full and holds at least
 *       {@code ceil(failureRatio · requestVolumeThreshold)} failures, the breaker opens.</li>
 *   <li><b>Open</b>: calls are refused for {@code delay}; then the breaker is half-open.</li>
 *   <li><b>Half-open</b>: up to {@code successThreshold} trial calls go through, the others are
 *       refused. {@code successThreshold} successes close the breaker; any failure opens it
 *       again.</li>
 * </ul>
 * Every transition starts the new state with empty records. An error is a failure if it is an
 * instance of a class in {@code failOn} (default {@link Throwable}) and of none in {@code skipOn}
 * (which wins); any other error counts as a success, as in MP FT.
 *
 * <p>Used through {@link CircuitBreakerSink}, which guards a sink with it: exactly MP FT's
 * behaviour for a call. While the breaker refuses calls, {@code write} fails at once with
 * {@link CircuitBreakerOpenException}, without touching the wrapped sink. Put a
 * {@link RetryingSink} with a {@link RetryPolicy} outside it to get MP FT's {@code @Retry} +
 * {@code @CircuitBreaker} combination (where an open circuit counts as a failed attempt). The
 * breaker itself only holds the configuration and the state: {@link #state()} can be read, and
 * several sinks may share one breaker. (For go-events' retry-until-it-works breaker, use
 * {@link dev.sinkwire.core.Breaker} as a {@link RetryingSink}'s strategy.)
 *
 * <p>Safe for concurrent use. The whole state is one object in an {@link AtomicReference}, and
 * every transition installs a new one; each operation reads it once (again only if it lost a race).
 * Leaving the open state is a compare-and-set; a closed or half-open state's records (the window,
 * the trials) are guarded by that state object's own lock, held for a few instructions, and the
 * transition out of it is made under the same lock, so that results and transitions never
 * interleave. Admitting a call is atomic; a call as a whole is not, since it spans the wrapped
 * sink's write: its result is not counted if the breaker moved on meanwhile (another call's result
 * opened or closed it). The clock is the {@link Timekeeper}, so tests move time by hand.
 */
public final class CircuitBreaker {

    /** The states of a circuit breaker. */
    public enum State {
        /** Calls go through; results are recorded in the rolling window. */
        CLOSED,
        /** Calls are refused until {@code delay} has passed. */
        OPEN,
        /** A limited number of trial calls go through. */
        HALF_OPEN
    }

    /** MP FT's default {@code requestVolumeThreshold}: 20. */
    public static final int DEFAULT_REQUEST_VOLUME_THRESHOLD = 20;
    /** MP FT's default {@code failureRatio}: 0.5. */
    public static final double DEFAULT_FAILURE_RATIO = 0.5;
    /** MP FT's default {@code delay}: 5000 ms. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(5000);
    /** MP FT's default {@code successThreshold}: 1. */
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;

    private final int requestVolumeThreshold;
    private final double failureRatio;
    private final int failureThreshold;
    private final Duration delay;
    private final long delayNanos;
    private final int successThreshold;
    private final ErrorClasses failures;
    private final Timekeeper timekeeper;

    private final AtomicReference<Phase> state;

    private CircuitBreaker(Builder b) {
        this.requestVolumeThreshold = b.requestVolumeThreshold;
        this.failureRatio = b.failureRatio;
        // exact decimal arithmetic: 0.3 · 10 is 3 failures, not 4 as in binary floating point
        this.failureThreshold = BigDecimal.valueOf(failureRatio).multiply(BigDecimal.valueOf(requestVolumeThreshold))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        this.delay = b.delay;
        this.delayNanos = Checks.saturatedNanos(delay);
        this.successThreshold = b.successThreshold;
        this.failures = new ErrorClasses(b.failOn, b.skipOn);
        this.timekeeper = b.timekeeper;
        this.state = new AtomicReference<>(new Closed(requestVolumeThreshold));
    }

    /**
     * Starts a builder holding MP FT's defaults: a window of 20, failure ratio 0.5, 5 s open,
     * 1 success to close, fail on {@link Throwable}, skip nothing, the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A breaker with MP FT's defaults, on the system clock.
     *
     * @return the breaker
     */
    public static CircuitBreaker ofDefaults() {
        return builder().build();
    }

    /**
     * The current state. Reading it does not move the breaker: an open breaker whose delay has
     * passed reports {@link State#OPEN} until the next call makes it half-open.
     *
     * @return the state
     */
    public State state() {
        return state.get().id;
    }

    /**
     * Whether a call made now would be refused because the breaker is open and its delay has not
     * passed. Reading it does not move the breaker: an open breaker whose delay has passed refuses
     * nothing (the next call is a half-open trial) although {@link #state()} still reports
     * {@link State#OPEN}. Meant for health checks, which must not report a sink down for ever when
     * no call comes to move its breaker on.
     *
     * @return {@code true} while open and within {@code delay}
     */
    public boolean refusesNow() {
        return state.get() instanceof Open open && timekeeper.nanoTime() - open.openedNanos < delayNanos;
    }

    /**
     * The size of the rolling window.
     *
     * @return {@code requestVolumeThreshold}
     */
    public int requestVolumeThreshold() {
        return requestVolumeThreshold;
    }

    /**
     * The share of failures in a full window that opens the breaker.
     *
     * @return {@code failureRatio}
     */
    public double failureRatio() {
        return failureRatio;
    }

    /**
     * The number of failures in a full window that opens the breaker:
     * {@code ceil(failureRatio · requestVolumeThreshold)}, computed in decimal.
     *
     * @return the failure threshold
     */
    public int failureThreshold() {
        return failureThreshold;
    }

    /**
     * How long the breaker stays open.
     *
     * @return {@code delay}
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The successful trials that close a half-open breaker, and the most trials let through at
     * once.
     *
     * @return {@code successThreshold}
     */
    public int successThreshold() {
        return successThreshold;
    }

    /**
     * The errors counted as failures, unless {@link #skipOn()} matches.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> failOn() {
        return failures.matching();
    }

    /**
     * The errors counted as successes even if {@link #failOn()} matches.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> skipOn() {
        return failures.excepted();
    }

    /**
     * Tells whether an error counts as a failure: an instance of a {@code failOn} class and of no
     * {@code skipOn} class.
     *
     * @param error the error
     * @return {@code true} if it counts as a failure
     */
    public boolean isFailure(Throwable error) {
        return failures.test(error);
    }

    // ---- the state machine, driven by CircuitBreakerSink ----
    //
    // Every transition installs a new state object. Leaving an open state is a compare-and-set;
    // leaving a closed or half-open state happens under that state object's lock, after checking
    // that it is still the current one, so that a result, a trial and a transition out of the
    // same state never interleave.

    /**
     * Asks to make a call.
     *
     * @return the state that admitted it, to pass to {@link #record} or {@link #release}; or
     *     {@code null} if the call is refused
     */
    Phase tryAcquire() {
        while (true) {
            Phase s = state.get();
            if (s instanceof Closed) {
                return s;
            }
            if (s instanceof Open open) {
                long now = timekeeper.nanoTime();
                if (now - open.openedNanos < delayNanos) {
                    return null;
                }
                state.compareAndSet(open, new HalfOpen(now, successThreshold));
                continue; // re-read: another thread may have moved it on
            }
            HalfOpen half = (HalfOpen) s;
            synchronized (half) {
                if (state.get() == half) {
                    return half.tryTakeTrial() ? half : null;
                }
            }
        }
    }

    /**
     * How long a refused call should wait before asking again.
     *
     * @return nanoseconds, 0 or more
     */
    long refusedForNanos() {
        Phase s = state.get();
        long now = timekeeper.nanoTime();
        if (s instanceof Open open) {
            return Math.max(0, open.openedNanos + delayNanos - now);
        }
        if (s instanceof HalfOpen half) {
            return Math.max(0, half.enteredNanos + delayNanos - now);
        }
        return 0;
    }

    /**
     * Records the result of a call. A result whose admitting state is no longer current is not
     * counted: the breaker has moved on since the call was let through.
     *
     * @param admitted the state that admitted the call
     * @param failed whether the call counts as a failure
     */
    void record(Phase admitted, boolean failed) {
        if (admitted instanceof Closed closed) {
            synchronized (closed) {
                if (state.get() == closed) {
                    recordClosed(closed, failed);
                }
            }
        } else if (admitted instanceof HalfOpen half) {
            synchronized (half) {
                if (state.get() == half) {
                    recordHalfOpen(half, failed);
                }
            }
        }
        // admitted while open: cannot happen for a sink call; nothing to record
    }

    /** Records a result in the current closed state; the caller holds its lock. */
    private void recordClosed(Closed closed, boolean failed) {
        if (closed.record(failed, failureThreshold)) {
            state.set(new Open(timekeeper.nanoTime())); // only this lock leaves this state
        }
    }

    /** Records a result in the current half-open state; the caller holds its lock. */
    private void recordHalfOpen(HalfOpen half, boolean failed) {
        if (failed) {
            state.set(new Open(timekeeper.nanoTime()));
        } else if (++half.successes >= successThreshold) {
            state.set(new Closed(requestVolumeThreshold));
        }
    }

    /**
     * Gives back the half-open trial of a call that produced no result worth recording.
     *
     * @param admitted the state that admitted the call
     */
    void release(Phase admitted) {
        if (admitted instanceof HalfOpen half) {
            synchronized (half) {
                half.trials--;
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + state() + ", requestVolumeThreshold=" + requestVolumeThreshold
                + ", failureRatio=" + failureRatio + ", delay=" + delay + ", successThreshold=" + successThreshold + "]";
    }

    // ---- states: a new object for every transition, so compare-and-set on identity is exact ----

    /** A state of the breaker; each transition makes a new one. */
    abstract static sealed class Phase permits Closed, Open, HalfOpen {
        /** Which state this is. */
        final State id;

        /**
         * Makes a state.
         *
         * @param id which state
         */
        Phase(State id) {
            this.id = id;
        }
    }

    /**
     * Closed: a ring of the last {@code size} results, one bit each, guarded by this object's lock.
     * The ring grows with the results recorded until it holds {@code size}: MP FT allows any window
     * size, and allocating a huge one in full, at build time and at every return to closed, failed
     * with {@link OutOfMemoryError}.
     */
    static final class Closed extends Phase {
        private final int size;
        /** Bit {@code i % 64} of word {@code i / 64} is set when result {@code i} is a failure. */
        private long[] failures = new long[1];
        private int next;
        private long recorded;
        private int failed;

        /**
         * An empty window.
         *
         * @param size the window's size
         */
        Closed(int size) {
            super(State.CLOSED);
            this.size = size;
        }

        /**
         * Records one result.
         *
         * @param failure whether it is a failure
         * @param threshold the failures that open the breaker
         * @return whether the window is full and holds at least {@code threshold} failures
         */
        boolean record(boolean failure, int threshold) { // the caller holds this object's lock
            int word = next >>> 6;
            if (word == failures.length) { // not full yet (once full, every word is there): grow
                int words = (int) ((size + 63L) >>> 6);
                failures = Arrays.copyOf(failures, (int) Math.min(2L * failures.length, words));
            }
            long bit = 1L << next; // the shift takes the index modulo 64
            if ((failures[word] & bit) != 0) { // the result leaving the window (never set before it is full)
                failed--;
            }
            if (failure) {
                failures[word] |= bit;
                failed++;
            } else {
                failures[word] &= ~bit;
            }
            next = next + 1 == size ? 0 : next + 1;
            recorded++;
            return recorded >= size && failed >= threshold;
        }
    }

    /** Open since {@code openedNanos}. */
    static final class Open extends Phase {
        /** When it opened, on the timekeeper's clock. */
        final long openedNanos;

        /**
         * An open state.
         *
         * @param openedNanos when it opened
         */
        Open(long openedNanos) {
            super(State.OPEN);
            this.openedNanos = openedNanos;
        }
    }

    /** Half-open since {@code enteredNanos}: trials handed out, and their successes. */
    static final class HalfOpen extends Phase {
        /** When it became half-open, on the timekeeper's clock. */
        final long enteredNanos;
        /** The most trials handed out: the success threshold. */
        final int maxTrials;
        /** Trials handed out and not given back; guarded by this object's lock. */
        int trials;
        /** Successful trials so far; guarded by this object's lock. */
        int successes;

        /**
         * A half-open state with no trial taken.
         *
         * @param enteredNanos when it became half-open
         * @param maxTrials the most trials to hand out
         */
        HalfOpen(long enteredNanos, int maxTrials) {
            super(State.HALF_OPEN);
            this.enteredNanos = enteredNanos;
            this.maxTrials = maxTrials;
        }

        /**
         * Takes a trial if one is left; the caller holds this object's lock.
         *
         * @return whether one was taken
         */
        boolean tryTakeTrial() {
            if (trials >= maxTrials) {
                return false;
            }
            trials++;
            return true;
        }
    }

    /**
     * Builds a {@link CircuitBreaker}. Starts with MP FT's defaults; every setter checks its
     * argument at once. Not thread-safe: build on one thread.
     */
    public static final class Builder {
        private int requestVolumeThreshold = DEFAULT_REQUEST_VOLUME_THRESHOLD;
        private double failureRatio = DEFAULT_FAILURE_RATIO;
        private Duration delay = DEFAULT_DELAY;
        private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;
        private List<Class<? extends Throwable>> failOn = List.of(Throwable.class);
        private List<Class<? extends Throwable>> skipOn = List.of();
        private Timekeeper timekeeper = Timekeeper.system();

        private Builder() {
        }

        /**
         * Sets the size of the rolling window (MP FT {@code requestVolumeThreshold}, default 20).
         *
         * @param requestVolumeThreshold 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code requestVolumeThreshold} is less than 1
         */
        public Builder requestVolumeThreshold(int requestVolumeThreshold) {
            this.requestVolumeThreshold = Checks.atLeast(1, requestVolumeThreshold, "requestVolumeThreshold");
            return this;
        }

        /**
         * Sets the share of failures in a full window that opens the breaker (MP FT
         * {@code failureRatio}, default 0.5). As in SmallRye Fault Tolerance, 0 opens the breaker
         * whenever the window is full, failures or not.
         *
         * @param failureRatio between 0 and 1, both included
         * @return this builder
         * @throws IllegalArgumentException if {@code failureRatio} is outside [0, 1] or NaN
         */
        public Builder failureRatio(double failureRatio) {
            if (!(failureRatio >= 0 && failureRatio <= 1)) {
                throw new IllegalArgumentException("failureRatio must be between 0 and 1 (inclusive), was " + failureRatio);
            }
            this.failureRatio = failureRatio;
            return this;
        }

        /**
         * Sets how long the breaker stays open (MP FT {@code delay}, default 5000 ms).
         *
         * @param delay zero (half-open at the next call) or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         * @throws NullPointerException if {@code delay} is {@code null}
         */
        public Builder delay(Duration delay) {
            this.delay = Checks.notNegative(delay, "delay");
            return this;
        }

        /**
         * Sets the successful trials that close a half-open breaker (MP FT
         * {@code successThreshold}, default 1).
         *
         * @param successThreshold 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code successThreshold} is less than 1
         */
        public Builder successThreshold(int successThreshold) {
            this.successThreshold = Checks.atLeast(1, successThreshold, "successThreshold");
            return this;
        }

        /**
         * Sets the errors counted as failures (MP FT {@code failOn}, default {@link Throwable}).
         *
         * @param classes the exception classes; may be empty (then nothing is a failure)
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder failOn(Class<? extends Throwable>... classes) {
            this.failOn = Checks.throwableClasses(classes, "failOn");
            return this;
        }

        /**
         * Sets the errors counted as successes, winning over {@code failOn} (MP FT
         * {@code skipOn}, default none).
         *
         * @param classes the exception classes; may be empty
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder skipOn(Class<? extends Throwable>... classes) {
            this.skipOn = Checks.throwableClasses(classes, "skipOn");
            return this;
        }

        /**
         * Sets the clock (default {@link Timekeeper#system()}).
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
         * Builds the breaker, closed.
         *
         * @return the breaker
         */
        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
