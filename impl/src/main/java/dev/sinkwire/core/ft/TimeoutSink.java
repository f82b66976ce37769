/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.CloseOnce;
import dev.sinkwire.core.internal.Describe;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails a write that takes longer than a timeout, with {@link SinkTimeoutException}, as
 * MicroProfile Fault Tolerance's {@code @Timeout} fails a call (default 1000 ms). A
 * {@link RetryingSink} outside it retries the timed-out write, and a {@link CircuitBreakerSink}
 * outside it counts it as a failure.
 *
 * <p>How: each write runs on a worker thread while the writer waits, at most the timeout, for it
 * to finish. On time, the writer returns or rethrows the worker's exception unchanged (so that
 * retry and breaker rules see the real exception). Late, the writer gets
 * {@link SinkTimeoutException} at the deadline and the worker is interrupted. Why a worker rather
 * than MP FT's "run on the caller and interrupt it": a receiver stuck in blocking I/O ignores
 * interrupts, and then the caller would stay stuck too; here the writer (typically a
 * {@link Queue}'s only consumer) always gets its thread back at the deadline.
 *
 * <p>The late write. Exactly one outcome reaches the writer: the worker's, if it finished before
 * the deadline was acted on, or the timeout; never both. A late write is not stopped, only
 * interrupted: if it ignores the interrupt it runs on, and may still deliver the event after the
 * writer was told it timed out. With a retrying sink outside, the event may then arrive twice:
 * delivery is at least once. The late outcome is logged at {@code DEBUG} (logger
 * {@code dev.sinkwire}) and otherwise discarded; the event is never reported twice. A worker stuck
 * forever keeps its thread: with the default executor, each such write costs one thread.
 *
 * <p>Threads: by default an executor owned by this sink, a cached pool of daemon threads named
 * {@code sinkwire-timeout-N} (or from a {@link ThreadFactory} you pass, such as a container's
 * managed one), shut down by {@link #close()}. An {@link Executor} you pass is used as is and not
 * shut down. The worker does not inherit the writer's thread-local context (CDI request scope,
 * MDC, transactions).
 *
 * <p>Safe for concurrent use: each write waits for its own worker. Waits go through the
 * {@link Timekeeper}, so tests decide when a deadline passes.
 *
 * @param <E> the type of events
 */
public final class TimeoutSink<E> implements Sink<E> {

    /** MP FT's default {@code @Timeout}: 1000 ms. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1000);

    private static final System.Logger LOGGER = System.getLogger("dev.sinkwire");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Sink<? super E> sink;
    private final Duration timeout;
    private final long timeoutNanos;
    private final Executor executor;
    private final ExecutorService owned;
    private final Timekeeper timekeeper;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CloseOnce closing = new CloseOnce();

    /**
     * Creates a timeout sink with its own daemon worker threads on the system clock.
     *
     * @param sink the sink to write to
     * @param timeout how long a write may take; positive
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws NullPointerException if an argument is {@code null}
     */
    public TimeoutSink(Sink<? super E> sink, Duration timeout) {
        this(TimeoutSink.<E>builder(sink).timeout(timeout));
    }

    private TimeoutSink(Builder<E> b) {
        this.sink = b.sink;
        this.timeout = b.timeout;
        this.timeoutNanos = Checks.saturatedNanos(timeout);
        this.timekeeper = b.timekeeper;
        if (b.executor != null) {
            this.executor = b.executor;
            this.owned = null;
        } else {
            ThreadFactory factory = b.threadFactory != null ? b.threadFactory : TimeoutSink::daemon;
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), factory);
            this.executor = pool;
            this.owned = pool;
        }
    }

    /**
     * Starts building a timeout sink with more options than {@link #TimeoutSink(Sink, Duration)}
     * takes. The timeout defaults to {@link #DEFAULT_TIMEOUT}.
     *
     * @param sink the sink to write to
     * @param <E> the type of events
     * @return a builder
     * @throws NullPointerException if {@code sink} is {@code null}
     */
    public static <E> Builder<E> builder(Sink<? super E> sink) {
        return new Builder<>(sink);
    }

    /**
     * How long a write may take.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Writes the event on a worker thread, waiting at most the timeout.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if this sink or the wrapped one is closed
     * @throws SinkTimeoutException if the write did not finish in time
     * @throws SinkException if the executor refused the work, or the writer was interrupted while
     *     waiting (the flag is restored and the worker interrupted)
     */
    @Override
    public void write(E event) {
        Checks.writable(event, closed.get(), "timeout sink");
        Call<E> call = new Call<>(sink, event);
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            if (closed.get()) {
                throw new SinkClosedException("timeout sink is closed");
            }
            throw new SinkException("executor " + Describe.of(executor) + " refused the write to " + Describe.of(sink), e);
        }
        boolean finished;
        try {
            finished = timekeeper.await(call.done, timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (call.abandon()) {
                throw new SinkException("interrupted while waiting for a write to " + Describe.of(sink), e);
            }
            finished = true; // the worker finished first: its outcome stands
        }
        if (!finished && call.abandon()) {
            throw new SinkTimeoutException("write to " + Describe.of(sink) + " took longer than " + timeout);
        }
        call.rethrowOutcome();
    }

    /**
     * Closes this sink, then the wrapped sink, then the owned executor (letting running writes
     * finish). A second call does nothing; from another thread while the first is still closing,
     * it waits for the first to finish.
     */
    @Override
    public void close() {
        if (!closing.begin()) {
            return;
        }
        closed.set(true);
        try {
            sink.close();
        } finally {
            try {
                if (owned != null) {
                    owned.shutdown();
                }
            } finally {
                closing.end();
            }
        }
    }

    @Override
    public String toString() {
        return "TimeoutSink[" + timeout + " -> " + sink + "]";
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "sinkwire-timeout-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * One write on a worker. The state decides the single outcome: the worker moves it from
     * RUNNING to DONE, the writer from RUNNING to ABANDONED; whoever comes first wins.
     */
    private static final class Call<E> implements Runnable {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int ABANDONED = 2;

        final CountDownLatch done = new CountDownLatch(1);
        private final Sink<? super E> sink;
        private final E event;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private Thread worker; // guarded by this
        private Throwable failure; // written before the CAS to DONE, read after it: published by it

        Call(Sink<? super E> sink, E event) {
            this.sink = sink;
            this.event = event;
        }

        @Override
        public void run() {
            synchronized (this) {
                worker = Thread.currentThread();
            }
            Throwable outcome = null;
            boolean started = state.get() == RUNNING; // the writer may have left before a thread was free
            try {
                if (started) {
                    sink.write(event);
                }
            } catch (Throwable e) { // handed to the writer, or logged if the writer left
                outcome = e;
            } finally {
                synchronized (this) { // after this block abandon() cannot interrupt this thread any more
                    worker = null;
                }
                Thread.interrupted(); // an interrupt meant for this write must not leak to the pool's next task
            }
            failure = outcome;
            if (state.compareAndSet(RUNNING, DONE)) {
                done.countDown();
            } else if (LOGGER.isLoggable(Level.DEBUG)) {
                LOGGER.log(Level.DEBUG, "late write to " + Describe.of(sink) + " ended after its timeout: "
                        + (!started ? "not started" : outcome == null ? "delivered" : "failed with " + outcome));
            }
        }

        /** The writer gives up; returns false if the worker finished first. */
        boolean abandon() {
            if (!state.compareAndSet(RUNNING, ABANDONED)) {
                return false;
            }
            synchronized (this) { // only while the worker is still inside this write
                if (worker != null) {
                    worker.interrupt();
                }
            }
            return true;
        }

        /** Rethrows the worker's exception as it was thrown (unchecked ones only can reach a Sink). */
        void rethrowOutcome() {
            Throwable e = failure;
            if (e != null) {
                throw TimeoutSink.<RuntimeException>sneaky(e);
            }
        }
    }

    /** Rethrows any throwable unchanged, checked or not, so that outer rules classify the original. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable e) throws T {
        throw (T) e;
    }

    /**
     * Builds a {@link TimeoutSink}. Not thread-safe: build on one thread.
     *
     * @param <E> the type of events
     */
    public static final class Builder<E> {
        private final Sink<? super E> sink;
        private Duration timeout = DEFAULT_TIMEOUT;
        private ThreadFactory threadFactory;
        private Executor executor;
        private Timekeeper timekeeper = Timekeeper.system();

        private Builder(Sink<? super E> sink) {
            this.sink = Checks.notNull(sink, "sink");
        }

        /**
         * Sets how long a write may take (MP FT {@code @Timeout}, default 1000 ms). MP FT's
         * {@code @Timeout(0)} means no timeout: build no {@code TimeoutSink} then.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         * @throws NullPointerException if {@code timeout} is {@code null}
         */
        public Builder<E> timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Makes the sink's own worker threads with {@code threadFactory} (for example a
         * container's managed thread factory). Ignored if an {@link #executor} is set.
         *
         * @param threadFactory the factory
         * @return this builder
         * @throws NullPointerException if {@code threadFactory} is {@code null}
         */
        public Builder<E> threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Checks.notNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Runs writes on {@code executor}, which the sink does not shut down. It must run each
         * write promptly (a queue behind busy threads counts against the timeout).
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if {@code executor} is {@code null}
         */
        public Builder<E> executor(Executor executor) {
            this.executor = Checks.notNull(executor, "executor");
            return this;
        }

        /**
         * Sets how the deadline is waited for (default {@link Timekeeper#system()}).
         *
         * @param timekeeper the clock
         * @return this builder
         * @throws NullPointerException if {@code timekeeper} is {@code null}
         */
        public Builder<E> timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public TimeoutSink<E> build() {
            return new TimeoutSink<>(this);
        }
    }
}
