/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries each write until it succeeds, until its {@link RetryStrategy} drops the event, or until
 * the sink is closed. go-events' {@code RetryingSink}.
 *
 * <p>Before each attempt the strategy says how long to wait; the wait ends early when the sink is
 * closed, and the write then fails with {@link SinkClosedException}. A failure of the wrapped
 * sink ({@link Exception}) is reported to the strategy, which decides to retry or to drop; a
 * dropped event goes to the {@link DropListener} with reason {@link DropReason#GAVE_UP}, and the
 * write returns normally. {@link SinkClosedException} from the wrapped sink is terminal and
 * passes through. An {@link Error} passes through unretried, as MicroProfile Fault Tolerance's
 * default {@code retryOn = Exception.class} would have it.
 *
 * <p>Safe for concurrent use: each writer retries its own event, and all share the strategy.
 * Writes are not serialized; put a {@link Queue} in front for ordered, one-at-a-time delivery.
 * Interrupting a writer that is backing off restores its interrupt flag and fails the write with
 * {@link SinkException}; so does an attempt that fails while the writer's interrupt flag is set
 * (a blocking wrapped sink that was interrupted), instead of retrying at once, forever.
 *
 * <p>Unlike go-events' version, closing this sink also closes the sink it wraps, after the
 * attempts under way have returned: no attempt begins after the wrapped sink's {@code close()}.
 * A write that stops retrying because this sink was closed, or its thread interrupted, throws an
 * exception whose cause is the wrapped sink's last error and whose message counts the attempts
 * made; a {@link Queue} in front reports such an event with those attempts and that error.
 *
 * @param <E> the type of events
 */
public final class RetryingSink<E> implements Sink<E> {

    /** The sign bit of {@link #inFlight}: set once closed. */
    private static final int CLOSED = Integer.MIN_VALUE;

    private final Sink<? super E> sink;
    private final RetryStrategy strategy;
    private final DropListener dropListener;
    private final Timekeeper timekeeper;
    private final CountDownLatch closed = new CountDownLatch(1);
    /**
     * Attempts under way (the low bits), plus {@link #CLOSED} once closed. A writer adds one
     * before it calls the wrapped sink and fails without calling it if the sign was already set;
     * close sets the sign, then waits for the count to drain, so no attempt starts after the
     * wrapped sink's close.
     */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Released when the last attempt under way at close has ended. */
    private final CountDownLatch attemptsDone = new CountDownLatch(1);
    private final CloseOnce closing = new CloseOnce();

    /**
     * Creates a retrying sink that reports dropped events to {@link DropListener#logging()}.
     *
     * @param sink the sink to write to
     * @param strategy when to retry and when to give up
     * @throws NullPointerException if an argument is {@code null}
     */
    public RetryingSink(Sink<? super E> sink, RetryStrategy strategy) {
        this(sink, strategy, DropListener.logging(), Timekeeper.system());
    }

    /**
     * Creates a retrying sink.
     *
     * @param sink the sink to write to
     * @param strategy when to retry and when to give up
     * @param dropListener receives the events the strategy drops
     * @param timekeeper how backoffs are waited out
     * @throws NullPointerException if an argument is {@code null}
     */
    public RetryingSink(Sink<? super E> sink, RetryStrategy strategy, DropListener dropListener,
            Timekeeper timekeeper) {
        this.sink = Checks.notNull(sink, "sink");
        this.strategy = Checks.notNull(strategy, "strategy");
        this.dropListener = Checks.notNull(dropListener, "dropListener");
        this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
    }

    /**
     * Writes the event, retrying as the strategy says.
     *
     * @throws NullPointerException if {@code event} is {@code null}, or the strategy answers
     *     {@code null} (the message names the strategy)
     * @throws SinkClosedException if this sink or the wrapped one is closed; when this sink was
     *     closed while the write was retrying, the exception's cause is the wrapped sink's last
     *     error and its message says how many attempts were made
     * @throws SinkException if the thread is interrupted while backing off, or is found interrupted
     *     after a failed attempt (the flag is kept set); its cause is the wrapped sink's last error
     *     when there was one
     */
    @Override
    public void write(E event) {
        Objects.requireNonNull(event, "event must not be null");
        RetryStrategy strategy = Checks.forWrite(this.strategy, event);
        Exception lastError = null;
        for (int attempt = 1; ; attempt++) {
            if (inFlight.get() < 0) {
                throw new Closed("retrying sink is closed", attempt - 1, lastError);
            }
            Duration backoff = strategy.proceed(event);
            if (backoff == null) {
                throw new NullPointerException("RetryStrategy.proceed returned null: " + strategy
                        + (strategy == this.strategy ? "" : " (for a write of " + this.strategy + ")")
                        + "; it must return a Duration, zero to try now");
            }
            if (!backoff.isNegative() && !backoff.isZero()) {
                backOff(backoff, attempt - 1, lastError);
            }
            Exception failure;
            if (inFlight.getAndIncrement() < 0) { // closed: this attempt must not reach the wrapped sink
                attemptDone();
                throw new Closed("retrying sink closed while backing off", attempt - 1, lastError);
            }
            try {
                sink.write(event);
                failure = null;
            } catch (SinkClosedException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
            } finally {
                attemptDone();
            }
            if (failure == null) {
                strategy.success(event);
                return;
            }
            lastError = failure;
            if (strategy.failure(event, failure)) {
                DropListener.notify(dropListener,
                        new DeadLetter(event, String.valueOf(sink), DropReason.GAVE_UP, failure, attempt));
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                // Retrying on an interrupted thread fails at once, forever, when the strategy
                // never waits: give up like an interrupted backoff does (the flag stays set).
                throw new Interrupted("interrupted; gave up retrying the write", attempt, failure, null);
            }
        }
    }

    private void backOff(Duration backoff, int attemptsMade, Exception lastError) {
        try {
            if (timekeeper.await(closed, Checks.saturatedNanos(backoff))) {
                throw new Closed("retrying sink closed while backing off", attemptsMade, lastError);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("interrupted while backing off before a retry", attemptsMade, lastError, e);
        }
    }

    /** Ends an attempt; the last one to end after close lets the closer go on. */
    private void attemptDone() {
        if (inFlight.decrementAndGet() == CLOSED) {
            attemptsDone.countDown();
        }
    }

    /**
     * Closes this sink, waking writers that are backing off (they fail with
     * {@link SinkClosedException}), waits for attempts already under way to return, then closes
     * the wrapped sink: the wrapped sink never sees a write begin after its {@code close()} was
     * called. A second call does nothing; from another thread while the first is still closing,
     * it waits for the first to finish.
     *
     * <p>Not interruptible: it waits for the attempts in progress and the wrapped sink's close
     * however long they take, and keeps the interrupt flag set. So it must not be called from
     * inside the wrapped sink's {@code write} (it would wait for itself); a {@link Queue} whose
     * shutdown deadline passes interrupts its consumer first, which cuts short an interruptible
     * attempt.
     */
    @Override
    public void close() {
        if (!closing.begin()) {
            return;
        }
        closed.countDown(); // wakes writers that are backing off
        try {
            if (inFlight.getAndAdd(CLOSED) != 0) { // attempts under way: the last to end releases us
                Checks.awaitUninterruptibly(attemptsDone);
            }
            sink.close();
        } finally {
            closing.end();
        }
    }

    /** How a write that stopped retrying tells a {@link Queue} its attempts and last error. */
    interface Stopped {
        /**
         * The attempts made before the write stopped.
         *
         * @return how many, zero if none
         */
        int attempts();

        /**
         * The wrapped sink's last error.
         *
         * @return the error, or {@code null} if no attempt was made
         */
        Throwable lastError();
    }

    /** This sink was closed while a write was retrying. */
    static final class Closed extends SinkClosedException implements Stopped {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        Closed(String message, int attempts, Exception lastError) {
            super(describe(message, attempts, lastError));
            this.attempts = attempts;
            if (lastError != null) {
                initCause(lastError);
            }
        }

        @Override
        public int attempts() {
            return attempts;
        }

        @Override
        public Throwable lastError() {
            return getCause();
        }
    }

    /** The writer was interrupted while a write was retrying. */
    static final class Interrupted extends SinkException implements Stopped {
        private static final long serialVersionUID = 1L;
        private final int attempts;
        private final transient Throwable lastError;

        Interrupted(String message, int attempts, Exception lastError, InterruptedException interrupt) {
            super(describe(message, attempts, lastError), lastError != null ? lastError : interrupt);
            this.attempts = attempts;
            this.lastError = lastError;
            if (lastError != null && interrupt != null) {
                addSuppressed(interrupt);
            }
        }

        @Override
        public int attempts() {
            return attempts;
        }

        @Override
        public Throwable lastError() {
            return lastError;
        }
    }

    private static String describe(String message, int attempts, Exception lastError) {
        return attempts == 0 ? message : message + " after " + attempts + " failed attempt(s); last error: " + lastError;
    }

    @Override
    public String toString() {
        return "RetryingSink[" + strategy + " -> " + sink + "]";
    }
}
