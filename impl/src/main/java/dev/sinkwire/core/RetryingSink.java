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
import dev.sinkwire.core.internal.CloseOnce;
import dev.sinkwire.core.internal.Describe;
import dev.sinkwire.core.internal.ErrorRetries;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
 * default {@code retryOn = Exception.class} would have it, unless the strategy is a
 * {@link dev.sinkwire.core.ft.RetryPolicy} (also as counted by a {@link SinkMeter}) whose
 * {@code retryOn} matches that error and whose {@code abortOn} does not: then it is retried, and
 * given up on, like an exception, as MP FT does. Other strategies never see an {@code Error}.
 *
 * <p>Safe for concurrent use: each writer retries its own event, and all share the strategy.
 * Writes are not serialized; put a {@link Queue} in front for ordered, one-at-a-time delivery.
 * Interrupting a writer that is backing off restores its interrupt flag and fails the write with
 * {@link SinkException}; so does an attempt that fails while the writer's interrupt flag is set
 * (a blocking wrapped sink that was interrupted), instead of retrying at once, forever.
 *
 * <p>Unlike go-events' version, closing this sink also closes the sink it wraps, after the
 * attempts under way have returned: no attempt begins after the wrapped sink's {@code close()}.
 * {@link #close(Duration)} bounds that wait: an attempt still under way at its deadline has its
 * event reported with {@link DropReason#SHUTDOWN}, and its writer returns normally whenever the
 * attempt ends.
 * A write that stops retrying because this sink was closed, or its thread interrupted, throws an
 * exception whose cause is the wrapped sink's last error and whose message counts the attempts
 * made; a {@link Queue} in front reports such an event with those attempts and that error.
 *
 * @param <E> the type of events
 */
public final class RetryingSink<E> implements Sink<E> {

    private static final System.Logger LOGGER = System.getLogger(RetryingSink.class.getName());

    /** Slots for attempts under way: the power of two from twice to four times the processors, within 8 to 128. */
    static final int SLOTS = Math.min(128,
            Math.max(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1)));
    /** Fills the slot of an attempt whose event a close reported at its deadline, until its writer frees it. */
    private static final Attempt CLAIMED = new Attempt(null, 0, null);

    private final Sink<? super E> sink;
    private final RetryStrategy strategy;
    private final DropListener dropListener;
    private final Timekeeper timekeeper;
    /** Released by close: wakes writers that are backing off. */
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Set first thing by close; a writer that sees it after registering its attempt backs out. */
    private volatile boolean shut;
    private final CloseOnce closing = new CloseOnce();
    /**
     * The attempts under way: the only record of them, so a write that succeeds at once costs two
     * compare-and-sets. A writer puts its attempt in a free slot (compare-and-set from
     * {@code null}), then reads {@link #shut}, and backs out without calling the wrapped sink if it
     * is set; close sets {@link #shut}, then reads the slots. Either the writer sees the close or
     * the close sees the attempt, so no attempt the close missed reaches the wrapped sink after its
     * {@code close()}. The close replaces each attempt it finds by a {@link Watched} holding it, and
     * the writer that takes its attempt back out of a watched slot (compare-and-set to
     * {@code null}) counts it off {@link #watched}; at a deadline the close claims each watched
     * attempt left by a compare-and-set to {@link #CLAIMED} and reports its event. Exactly one of
     * the two compare-and-sets succeeds, so an attempt's event is reported by the close or left to
     * its writer, never both. A first attempt is the event itself (no allocation on the path of a
     * write that succeeds at once; an event is never an {@link Attempt} or a {@link Watched},
     * private types); a retry is an {@link Attempt} carrying its number and the last error.
     */
    private final AtomicReferenceArray<Object> underWay = new AtomicReferenceArray<>(SLOTS);
    /**
     * Attempts of writers beyond the slots (rare): guarded by itself, so a writer adds its attempt
     * only while {@link #shut} is not set, and whoever removes an attempt owns its outcome.
     */
    private final Set<Attempt> overflow = new HashSet<>();
    /** Set under the {@link #overflow} lock by close: the attempts there are counted in {@link #watched}. */
    private boolean overflowWatched;
    /**
     * The attempts under way that close waits for, plus one held by close until it has found them
     * all; whoever takes it to zero releases {@link #attemptsDone}.
     */
    private final AtomicInteger watched = new AtomicInteger(1);
    /** Released when the last attempt under way at close has ended. */
    private final CountDownLatch attemptsDone = new CountDownLatch(1);
    /** Set by the close that reported an attempt under way at its deadline. */
    private volatile boolean abandoned;

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
        Throwable lastError = null;
        for (int attempt = 1; ; attempt++) {
            if (shut) {
                throw new Closed("retrying sink is closed", attempt - 1, lastError);
            }
            Duration backoff = strategy.proceed(event);
            if (backoff == null) {
                throw new NullPointerException("RetryStrategy.proceed returned null: " + Describe.of(strategy)
                        + (strategy == this.strategy ? "" : " (for a write of " + Describe.of(this.strategy) + ")")
                        + "; it must return a Duration, zero to try now");
            }
            if (!backoff.isNegative() && !backoff.isZero()) {
                backOff(backoff, attempt - 1, lastError);
            }
            Object current = attempt == 1 ? event : new Attempt(event, attempt, lastError);
            int slot = register(current);
            Attempt spilled = null;
            if (slot < 0) { // every slot taken: rare, so it may allocate and lock
                spilled = current instanceof Attempt a ? a : new Attempt(event, attempt, lastError);
                boolean added;
                synchronized (overflow) {
                    added = !shut && overflow.add(spilled);
                }
                if (!added) { // the close began: this attempt must not reach the wrapped sink
                    throw new Closed("retrying sink closed while backing off", attempt - 1, lastError);
                }
            } else if (shut) { // the close began: this attempt must not reach the wrapped sink
                if (!deregister(slot, current)) {
                    return; // the close found it and, at its deadline, reported the event
                }
                throw new Closed("retrying sink closed while backing off", attempt - 1, lastError);
            }
            Throwable thrown = null;
            try {
                sink.write(event);
            } catch (Throwable e) {
                thrown = e;
            }
            boolean own = slot < 0 ? unspill(spilled) : deregister(slot, current);
            if (!own) { // a close reported this event at its deadline: it is accounted for, whatever the attempt did
                if (thrown instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                return;
            }
            if (thrown == null) {
                succeeded(strategy, event);
                return;
            }
            if (thrown instanceof SinkClosedException closed) {
                throw closed;
            }
            if (thrown instanceof Error error && !ErrorRetries.retries(strategy, error)) {
                throw error; // as MP FT's default retryOn = Exception.class: not retried, not reported here
            }
            if (!(thrown instanceof Exception) && !(thrown instanceof Error)) {
                throw RetryingSink.<RuntimeException>sneaky(thrown); // neither: passes through as before
            }
            lastError = thrown;
            if (strategy.failure(event, thrown)) {
                DropListener.notify(dropListener,
                        new DeadLetter(event, Describe.of(sink), DropReason.GAVE_UP, thrown, attempt));
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                // Retrying on an interrupted thread fails at once, forever, when the strategy
                // never waits: give up like an interrupted backoff does (the flag stays set).
                throw new Interrupted("interrupted; gave up retrying the write", attempt, thrown, null);
            }
        }
    }

    /**
     * Tells the strategy that the event is delivered. A strategy whose {@code success} throws is
     * logged: the event is delivered, and throwing would make the layers in front report it failed.
     */
    private static void succeeded(RetryStrategy strategy, Object event) {
        try {
            strategy.success(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOGGER.log(Level.WARNING, "retry strategy " + Describe.of(strategy) + " failed in success() after a delivered write;"
                    + " the event counts as delivered", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** Puts an attempt (the event, or an {@link Attempt}) in a free slot; returns the slot, or -1 if none is free. */
    private int register(Object attempt) {
        int mask = SLOTS - 1;
        int h = System.identityHashCode(Thread.currentThread());
        int start = h ^ (h >>> 16);
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & mask;
            if (underWay.get(slot) == null && underWay.compareAndSet(slot, null, attempt)) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Takes an attempt out of its slot (only its writer frees a slot); tells whether its writer
     * still owns its outcome, {@code false} when a close claimed it at its deadline.
     */
    private boolean deregister(int slot, Object attempt) {
        if (underWay.compareAndSet(slot, attempt, null)) {
            return true; // the usual case: no close saw it
        }
        Object seen = underWay.get(slot); // a Watched holding it, or CLAIMED: only close replaces it
        if (seen != CLAIMED && underWay.compareAndSet(slot, seen, null)) {
            attemptEnded();
            return true;
        }
        underWay.set(slot, null); // it held CLAIMED
        return false;
    }

    /** {@link #deregister} for an attempt in {@link #overflow}. */
    private boolean unspill(Attempt attempt) {
        boolean counted;
        synchronized (overflow) {
            if (!overflow.remove(attempt)) {
                return false; // a close reported it at its deadline
            }
            counted = overflowWatched;
        }
        if (counted) {
            attemptEnded();
        }
        return true;
    }

    private void backOff(Duration backoff, int attemptsMade, Throwable lastError) {
        try {
            if (timekeeper.await(closed, Checks.saturatedNanos(backoff))) {
                throw new Closed("retrying sink closed while backing off", attemptsMade, lastError);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("interrupted while backing off before a retry", attemptsMade, lastError, e);
        }
    }

    /** Counts off an attempt close waits for; the last one lets the closer go on. */
    private void attemptEnded() {
        if (watched.decrementAndGet() == 0) {
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
     * attempt. To bound the wait, use {@link #close(Duration)}.
     */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Like {@link #close()}, but waits at most {@code timeout} (on this sink's {@link Timekeeper})
     * for the attempts under way. The event of each attempt still under way at the deadline is
     * handed to the {@link DropListener} with reason {@link DropReason#SHUTDOWN}, the attempts made
     * (the one under way included) and the wrapped sink's last error before it ({@code null} if it
     * is the first attempt); then the wrapped sink is closed. The writer of such an attempt returns
     * normally whenever the attempt ends (rethrowing only a {@link VirtualMachineError}): its event
     * is accounted for, by that report, whatever the attempt does. Nothing is retried or reported
     * for it afterwards. An attempt that succeeds after the deadline has delivered an event that was
     * also reported (at-least-once, as for a write a {@link dev.sinkwire.core.ft.TimeoutSink} gave
     * up on); an event is never reported twice.
     *
     * <p>Past the deadline the promise of {@link #close()} is relaxed: the wrapped sink is closed
     * while those attempts are under way, and a reported attempt whose writer was about to call the
     * wrapped sink may still begin after that close (its writer returns normally; the event was
     * reported, and is delivered too if that attempt succeeds). Like {@link #close()}, not interruptible: an
     * interrupt is kept and restored on return. A writer backing off is woken at once, as by
     * {@link #close()}, and owns its event (its write throws {@link SinkClosedException}).
     *
     * @param timeout how long to wait for the attempts under way, or {@code null} to wait as long
     *     as they take (what {@link #close()} does)
     * @return {@code true} if no event had to be reported: every attempt under way returned in
     *     time; {@code false} if some were reported with {@link DropReason#SHUTDOWN}. A second
     *     call answers like the first, after it finished
     * @throws IllegalArgumentException if {@code timeout} is negative (nothing is closed then)
     */
    public boolean close(Duration timeout) {
        if (timeout != null) {
            Checks.notNegative(timeout, "timeout");
        }
        if (!closing.begin()) {
            return !abandoned;
        }
        shut = true;
        closed.countDown(); // wakes writers that are backing off
        try {
            watchAttemptsUnderWay();
            if (watched.decrementAndGet() != 0) { // attempts under way: the last to end releases us
                if (timeout == null) {
                    Checks.awaitUninterruptibly(attemptsDone);
                } else if (!awaitAttempts(Checks.saturatedNanos(timeout))) {
                    reportAttemptsUnderWay();
                }
            }
            sink.close();
        } finally {
            closing.end();
        }
        return !abandoned;
    }

    /** Waits for the attempts under way at most {@code nanos} on the timekeeper; tells whether they ended. */
    private boolean awaitAttempts(long nanos) {
        boolean interrupted = false;
        long start = timekeeper.nanoTime();
        try {
            while (true) {
                try {
                    long left = nanos - (timekeeper.nanoTime() - start);
                    return timekeeper.await(attemptsDone, Math.max(0, left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After {@link #shut} is set: counts each attempt under way in {@link #watched} and marks it watched. */
    private void watchAttemptsUnderWay() {
        for (int slot = 0; slot < SLOTS; slot++) {
            Object a = underWay.get(slot);
            if (a != null) { // neither Watched nor CLAIMED yet: only this close puts those there
                watched.incrementAndGet(); // before the mark, so its writer never counts it off first
                if (!underWay.compareAndSet(slot, a, new Watched(a))) {
                    watched.decrementAndGet(); // its writer took it out meanwhile (never to zero: close holds one)
                }
            }
        }
        synchronized (overflow) {
            overflowWatched = true;
            watched.addAndGet(overflow.size());
        }
    }

    /** At the deadline: claims every watched attempt still under way and reports its event. */
    private void reportAttemptsUnderWay() {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (underWay.get(slot) instanceof Watched w && underWay.compareAndSet(slot, w, CLAIMED)) {
                if (w.attempt instanceof Attempt retry) {
                    report(retry.event, retry.number, retry.lastError);
                } else {
                    report(w.attempt, 1, null); // a first attempt: the event itself
                }
            }
        }
        List<Attempt> spilled;
        synchronized (overflow) {
            spilled = new ArrayList<>(overflow);
            overflow.clear();
        }
        for (Attempt a : spilled) {
            report(a.event, a.number, a.lastError);
        }
    }

    private void report(Object event, int attempts, Throwable lastError) {
        abandoned = true;
        DropListener.notify(dropListener,
                new DeadLetter(event, Describe.of(sink), DropReason.SHUTDOWN, lastError, attempts));
    }

    /** An attempt under way that a close found in its slot and waits for. */
    private static final class Watched {
        /** The event (a first attempt) or an {@link Attempt}. */
        final Object attempt;

        Watched(Object attempt) {
            this.attempt = attempt;
        }
    }

    /**
     * A retry under way (or any attempt in {@link #overflow}), as a close at its deadline reports
     * it. Immutable; published through the slot's compare-and-set or the set. Identity equality.
     */
    private static final class Attempt {
        final Object event;
        /** Which attempt of its write, from 1. */
        final int number;
        /** The wrapped sink's error on the attempt before, or {@code null}. */
        final Throwable lastError;

        Attempt(Object event, int number, Throwable lastError) {
            this.event = event;
            this.number = number;
            this.lastError = lastError;
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

        Closed(String message, int attempts, Throwable lastError) {
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

        Interrupted(String message, int attempts, Throwable lastError, InterruptedException interrupt) {
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

    private static String describe(String message, int attempts, Throwable lastError) {
        return attempts == 0 ? message : message + " after " + attempts + " failed attempt(s); last error: " + lastError;
    }

    @Override
    public String toString() {
        return "RetryingSink[" + strategy + " -> " + sink + "]";
    }
}
