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
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.ErrorRetries;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counts what happens to the events of one named sink: accepted, delivered, failed attempts,
 * retried, dropped by reason, and (derived) pending. Read the counts with {@link #snapshot()}.
 *
 * <p>A meter observes a chain through four decorators, each of which counts and delegates; it
 * needs no hook in the sinks themselves. Wire all four into one chain, and only that chain:
 * <pre>{@code
 * SinkMeter meter = new SinkMeter("audit");
 * DropListener drops = meter.dropping(DropListeners.toSink(deadLetters));
 * Sink<Event> chain = meter.accepting(                        // outermost: counts accepted
 *         Queue.<Event>builder(
 *                 new RetryingSink<>(
 *                         meter.delivering(auditSink),         // innermost: delivered, failed attempts
 *                         meter.retrying(new Breaker(5, Duration.ofSeconds(1))),  // retried
 *                         drops, Timekeeper.system()))
 *             .name("audit").capacity(10_000).overflow(OverflowPolicy.DROP_OLDEST)
 *             .dropListener(drops)                             // dropped, by reason
 *             .build());
 * }</pre>
 *
 * <ul>
 *   <li>{@link #accepting(Sink)} wraps the entry of the chain: a write that returns normally is
 *       accepted; a write that throws is not (the writer still owns its event). Put it inside a
 *       {@link Filter}, not outside: a filtered-out event is accepted by the filter but never
 *       delivered nor dropped.</li>
 *   <li>{@link #delivering(Sink)} wraps the destination: a write that returns normally is
 *       delivered, one that throws is a failed attempt.</li>
 *   <li>{@link #retrying(RetryStrategy)} wraps the retry strategy: a failure it decides to retry
 *       counts as retried.</li>
 *   <li>{@link #dropping(DropListener)} wraps the drop listener given to every component of the
 *       chain (queue, retrying sink): each report counts as dropped with its reason.</li>
 * </ul>
 *
 * <p>Durations: {@link #timeDeliveries} makes the delivering wrapper time deliveries (each one
 * while they are slow, a sample while they are fast), for a metrics system's histogram; until then
 * no clock is read.
 *
 * <p>Cost: nothing when no meter is used. With a meter, one increment per counted step (about
 * two per delivered event, one more per failure), each count on cache lines of its own. The first
 * thread to increment a count owns it and increments without an atomic instruction (a plain read
 * and a release store); other threads increment a {@link LongAdder}, which spreads contention
 * over cells instead of making writers fight over one counter. In a queued chain the consumer
 * thread owns delivered; the producer that writes first owns accepted.
 *
 * <p>Consistency of a {@link #snapshot()} under concurrency: each count is exact at quiescence.
 * While events flow, every snapshot keeps the invariant {@code accepted = delivered + dropped +
 * pending} with {@code pending >= 0}, and {@code retried <= failedAttempts}; and every count in a
 * snapshot is at least the same count in any earlier snapshot of the same meter (counters only
 * grow, so a dashboard computing rates never sees a negative one). A write is counted as accepted
 * when it returns normally, never before, so a write that is refused is never counted; an event
 * that a snapshot finds delivered or dropped while its write has not returned yet (a queue's
 * consumer can be that fast) is counted as accepted in that snapshot already. {@code pending}
 * may include events that completed while the snapshot was read.
 *
 * <p>Safe for concurrent use. The decorators are as thread-safe as what they wrap.
 */
public final class SinkMeter {

    private static final DropReason[] REASONS = DropReason.values();

    private final String sink;
    /** Writes on the accepting side that returned normally. */
    private final OwnedCounter accepted = new OwnedCounter();
    /* counted by the consumer thread of a queued chain, by the writers of one without a queue */
    private final OwnedCounter delivered = new OwnedCounter();
    private final OwnedCounter failedAttempts = new OwnedCounter();
    private final OwnedCounter retried = new OwnedCounter();
    private final LongAdder[] dropped = new LongAdder[REASONS.length];
    /** How deliveries are timed; {@code null} (the default) reads no clock at all. */
    private volatile DeliveryTimer timer;

    /**
     * Creates a meter with every count at zero.
     *
     * @param sink the name of the sink it counts for, reported in its snapshots
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws IllegalArgumentException if {@code sink} is blank
     */
    public SinkMeter(String sink) {
        this.sink = Checks.notBlank(sink, "sink");
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    /**
     * The name of the sink this meter counts for.
     *
     * @return the name
     */
    public String sink() {
        return sink;
    }

    /**
     * Wraps the entry of the chain to count accepted events. Closing the wrapper closes
     * {@code entry}.
     *
     * @param entry the outermost sink of the chain (below any filter)
     * @param <E> the type of events
     * @return a sink that counts, then writes to {@code entry}
     * @throws NullPointerException if {@code entry} is {@code null}
     */
    public <E> Sink<E> accepting(Sink<E> entry) {
        return new Accepting<>(Checks.notNull(entry, "entry"));
    }

    /**
     * Wraps the destination of the chain to count delivered events and failed attempts. Closing
     * the wrapper closes {@code destination}.
     *
     * @param destination the innermost sink of the chain
     * @param <E> the type of events
     * @return a sink that writes to {@code destination}, then counts the outcome
     * @throws NullPointerException if {@code destination} is {@code null}
     */
    public <E> Sink<E> delivering(Sink<E> destination) {
        return delivering(destination, true);
    }

    /**
     * Wraps the destination of the chain to count delivered events and failed attempts, and says
     * whether its writes are deliveries to time ({@link #timeDeliveries}). A sink that queues by
     * itself and reports each outcome later through such a wrapper passes {@code false}: the
     * duration of a report is not the duration of a delivery.
     *
     * @param destination the innermost sink of the chain
     * @param timed whether {@link #timeDeliveries} times the writes to {@code destination}
     * @param <E> the type of events
     * @return a sink that writes to {@code destination}, then counts the outcome
     * @throws NullPointerException if {@code destination} is {@code null}
     */
    public <E> Sink<E> delivering(Sink<E> destination, boolean timed) {
        return new Delivering<>(Checks.notNull(destination, "destination"), timed);
    }

    /**
     * Times deliveries from now on: a timed write through {@link #delivering(Sink)} that returns
     * normally reads {@code clock} before and after, and hands the difference to {@code recorder}
     * (after counting the event as delivered), on the thread that wrote (a queue's consumer
     * thread). Failed attempts are not timed. Every delivery is timed while they are slow (the last
     * timed one took at least 50 µs); while they are faster, one in 1024 is, so that timing never
     * costs more than a small share of delivering: the recorder then sees a sample, and its count
     * is not the number of deliveries (that is {@link SinkStats#delivered()}). Until this is
     * called, no clock is read: a meter costs the write path only its counting.
     * {@code sinkwire-metrics} calls it when a metrics system is
     * present to record a histogram; a recorder must be cheap and must not allocate per call if the
     * write path is to stay allocation-free. A recorder that throws is logged once and the
     * delivery still counts.
     *
     * @param clock the clock to read
     * @param recorder receives each delivery's duration, in nanoseconds of {@code clock}
     * @throws NullPointerException if an argument is {@code null}
     */
    public void timeDeliveries(Timekeeper clock, LongConsumer recorder) {
        timer = new DeliveryTimer(sink, Checks.notNull(clock, "clock"), Checks.notNull(recorder, "recorder"));
    }

    /** Stops timing deliveries ({@link #timeDeliveries}); no clock is read afterwards. */
    public void stopTimingDeliveries() {
        timer = null;
    }

    /**
     * Wraps a retry strategy to count the failures it decides to retry.
     *
     * @param strategy the strategy of the chain's {@link RetryingSink}
     * @return a strategy that delegates to {@code strategy} and counts
     * @throws NullPointerException if {@code strategy} is {@code null}
     */
    public RetryStrategy retrying(RetryStrategy strategy) {
        return new Retrying(Checks.notNull(strategy, "strategy"));
    }

    /**
     * Wraps a drop listener to count dropped events by reason. Give the result to every
     * component of this chain, and to nothing else: a report counts as one dropped event of this
     * sink.
     *
     * @param listener where the reports go on to, for example
     *     {@link DropListeners#toSink(Sink)} or {@link DropListener#logging()}
     * @return a listener that counts, then notifies {@code listener} (whose failures are logged)
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public DropListener dropping(DropListener listener) {
        Checks.notNull(listener, "listener");
        return new Dropping(listener);
    }

    /**
     * Reads the counts. See the class documentation for the consistency of a snapshot taken
     * while events flow. Snapshots are taken one at a time (they are rare; writes never wait for
     * them).
     *
     * @return the counts now
     */
    public synchronized SinkStats snapshot() {
        /* Monotonic: every count only grows, and sum() reads each of its parts with at least an
           acquire load (OwnedCounter, LongAdder), so a sum() that starts after another ended
           (snapshots are serialized by this monitor) returns at least as much. Invariant: an event is delivered or dropped only
           once it was accepted, but its write may not have returned (and counted it) yet, so the
           accepted count read can be short of delivered + dropped by the writes in flight; such
           an event is accepted already (its write can no longer be refused), so the snapshot
           counts it: accepted = max(read, delivered + dropped). That maximum of two growing reads
           grows too. */
        EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        long droppedTotal = 0;
        for (DropReason reason : REASONS) {
            long n = dropped[reason.ordinal()].sum();
            drops.put(reason, n);
            droppedTotal += n;
        }
        long d = delivered.sum();
        long r = retried.sum(); // before failedAttempts: each retry decision follows its failure
        long f = failedAttempts.sum();
        long a = Math.max(accepted.sum(), d + droppedTotal);
        return new SinkStats(sink, a, d, f, r, drops);
    }

    @Override
    public String toString() {
        return "SinkMeter[" + sink + "]";
    }

    private final class Accepting<E> implements Sink<E> {
        private final Sink<E> entry;

        Accepting(Sink<E> entry) {
            this.entry = entry;
        }

        @Override
        public void write(E event) {
            Objects.requireNonNull(event, "event must not be null");
            entry.write(event); // a write that throws is not accepted, whatever the failure
            accepted.increment();
        }

        @Override
        public void close() {
            entry.close();
        }

        @Override
        public String toString() {
            return entry.toString();
        }
    }

    private final class Delivering<E> implements Sink<E> {
        private final Sink<E> destination;
        private final boolean timed;

        Delivering(Sink<E> destination, boolean timed) {
            this.destination = destination;
            this.timed = timed;
        }

        @Override
        public void write(E event) {
            DeliveryTimer t = timed ? timer : null; // one volatile read; null unless metrics record durations
            if (t != null && !t.due()) {
                t = null;
            }
            long start = t != null ? t.clock.nanoTime() : 0;
            try {
                destination.write(event);
            } catch (Throwable e) {
                failedAttempts.increment();
                if (t != null) {
                    t.failed();
                }
                throw e;
            }
            delivered.increment();
            if (t != null) {
                t.record(t.clock.nanoTime() - start);
            }
        }

        @Override
        public void close() {
            destination.close();
        }

        @Override
        public String toString() {
            return destination.toString();
        }
    }

    private final class Retrying implements RetryStrategy, ErrorRetries {
        private final RetryStrategy strategy;

        Retrying(RetryStrategy strategy) {
            this.strategy = strategy;
        }

        /** Counts the retries of the wrapped strategy's per-write strategy too (no allocation when it is shared). */
        @Override
        public RetryStrategy forWrite(Object event) {
            RetryStrategy write = Checks.forWrite(strategy, event);
            return write == strategy ? this : new Retrying(write);
        }

        @Override
        public Duration proceed(Object event) {
            return strategy.proceed(event);
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            boolean drop = strategy.failure(event, error);
            if (!drop) {
                retried.increment();
            }
            return drop;
        }

        @Override
        public void success(Object event) {
            strategy.success(event);
        }

        /** As the wrapped strategy decides, so that counting does not change which errors are retried. */
        @Override
        public boolean retries(Error error) {
            return ErrorRetries.retries(strategy, error);
        }

        @Override
        public String toString() {
            return strategy.toString();
        }
    }

    private final class Dropping implements DropListener {
        private final DropListener listener;

        Dropping(DropListener listener) {
            this.listener = listener;
        }

        @Override
        public void dropped(DeadLetter letter) {
            dropped[letter.reason().ordinal()].increment();
            DropListener.notify(listener, letter);
        }

        @Override
        public String toString() {
            return "counting(" + sink + ") -> " + listener;
        }
    }
}
