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
 * <p>Unlike go-events' version, closing this sink also closes the sink it wraps.
 *
 * @param <E> the type of events
 */
public final class RetryingSink<E> implements Sink<E> {

    private final Sink<? super E> sink;
    private final RetryStrategy strategy;
    private final DropListener dropListener;
    private final Timekeeper timekeeper;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Released once the first close has closed the wrapped sink; later closes wait for it. */
    private final CountDownLatch sinkClosed = new CountDownLatch(1);
    /** The thread running the first close; guarded by {@code closed}'s monitor. */
    private Thread closer;

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
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if this sink or the wrapped one is closed
     * @throws SinkException if the thread is interrupted while backing off, or is found interrupted
     *     after a failed attempt (the flag is kept set)
     */
    @Override
    public void write(E event) {
        Objects.requireNonNull(event, "event must not be null");
        RetryStrategy strategy = this.strategy.forWrite(event);
        if (strategy == null) {
            throw new NullPointerException("RetryStrategy.forWrite returned null: " + this.strategy);
        }
        for (int attempt = 1; ; attempt++) {
            if (closed.getCount() == 0) {
                throw new SinkClosedException("retrying sink is closed");
            }
            Duration backoff = strategy.proceed(event);
            if (!backoff.isNegative() && !backoff.isZero()) {
                backOff(backoff);
            }
            try {
                sink.write(event);
            } catch (SinkClosedException e) {
                throw e;
            } catch (Exception e) {
                if (strategy.failure(event, e)) {
                    DropListener.notify(dropListener,
                            new DeadLetter(event, String.valueOf(sink), DropReason.GAVE_UP, e, attempt));
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // Retrying on an interrupted thread fails at once, forever, when the strategy
                    // never waits: give up like an interrupted backoff does (the flag stays set).
                    throw new SinkException("interrupted; gave up retrying the write", e);
                }
                continue;
            }
            strategy.success(event);
            return;
        }
    }

    private void backOff(Duration backoff) {
        try {
            if (timekeeper.await(closed, Checks.saturatedNanos(backoff))) {
                throw new SinkClosedException("retrying sink closed while backing off");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while backing off before a retry", e);
        }
    }

    /**
     * Closes this sink, waking writers that are backing off (they fail with
     * {@link SinkClosedException}), then closes the wrapped sink. A second call does nothing; from
     * another thread while the first is still closing the wrapped sink, it waits for the first to
     * finish.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (closed) {
            running = closer;
            if (running == null) {
                closer = Thread.currentThread();
                closed.countDown();
            }
        }
        if (running != null) {
            if (running != Thread.currentThread()) { // the wrapped sink closing us back: do not wait for ourselves
                Checks.awaitUninterruptibly(sinkClosed);
            }
            return;
        }
        try {
            sink.close();
        } finally {
            sinkClosed.countDown();
        }
    }

    @Override
    public String toString() {
        return "RetryingSink[" + strategy + " -> " + sink + "]";
    }
}
