/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A sink that writes events to a Kafka topic, pipelined: {@link #write} only queues the event (it
 * never blocks and allocates nothing per event beyond amortized queue growth); one sender thread
 * takes everything queued (up to {@code maxBatch} events), encodes each event, sends them all with
 * the producer, flushes it (so the batch's tail does not wait for {@code linger.ms}), then reads the
 * broker's acknowledgements, so many records are in flight at once instead of one round trip per
 * event.
 *
 * <p>Each event's outcome is reported exactly once: acknowledged ({@code onDelivered}), or dropped
 * to the drop listener. An event that cannot be encoded (JSON-B or key failure) and a
 * non-retriable producer error (record too large, authorization...) are permanent: dropped at once
 * with reason {@code FAILED}, without a request for an encoding failure. A retriable failure (the
 * broker unavailable, a timeout) asks the retry strategy: retry (the failed events are sent again,
 * in their order) or drop ({@code GAVE_UP}); without a strategy, dropped ({@code FAILED}).
 *
 * <p>Ordering: events are sent in the order they were written; with the producer's idempotence on
 * (the default of the configured sinks), records of one partition (one key) are written in that
 * order. After a retried failure the failed events are sent again in their order, after those of
 * the same batch that succeeded; a record whose batch failed while a later one to the same
 * partition succeeded can therefore land after it. Across a sink restart nothing is ordered.
 *
 * <p>{@link #close} stops accepting, waits for the sender to deliver what was accepted (up to the
 * close timeout), then reports the rest as dropped ({@code SHUTDOWN}) and closes the producer,
 * whose flush is bounded by what is left of the timeout.
 *
 * <p>Safe for concurrent use: any number of threads may write; {@code close} may be called from
 * any thread, more than once. Not a delivery guarantee across a JVM crash: queued events live in
 * memory (see {@code docs/kafka.md}).
 */
public final class KafkaSink implements Sink<Object> {

    private static final System.Logger LOGGER = System.getLogger(KafkaSink.class.getName());

    private final String name;
    private final Producer<byte[], byte[]> producer;
    private final RecordEncoder encoder;
    private final RetryStrategy strategy;
    private final DropListener dropListener;
    private final Consumer<Object> onDelivered;
    private final BiConsumer<Object, Throwable> onFailedAttempt;
    private final Duration closeTimeout;
    private final int maxBatch;
    private final Thread sender;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Guarded by {@link #lock}: events written and not yet taken by the sender. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>(1024);
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Set once by {@link #close} when its timeout passed: the sender drops what is left. */
    private volatile boolean abort;
    /** When {@link #close} began ({@link System#nanoTime()}), for the producer's bounded flush. */
    private volatile long closeStarted;

    private KafkaSink(Builder b) {
        this.name = b.name;
        this.producer = b.producer;
        this.encoder = new RecordEncoder(b.topic, b.format, b.jsonb, b.key, b.source != null ? b.source
                : "/sinkwire/" + b.name);
        this.strategy = b.strategy;
        this.dropListener = b.dropListener;
        this.onDelivered = b.onDelivered;
        this.onFailedAttempt = b.onFailedAttempt;
        this.closeTimeout = b.closeTimeout;
        this.maxBatch = b.maxBatch;
        this.sender = b.threadFactory.newThread(this::run);
        sender.setName("sinkwire-kafka-" + name);
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Starts building a sink.
     *
     * @param producer the producer (the sink closes it); its key and value serializers must take
     *     {@code byte[]}
     * @param topic the topic
     * @param jsonb serializes the events
     * @return the builder
     */
    public static Builder builder(Producer<byte[], byte[]> producer, String topic, Jsonb jsonb) {
        return new Builder(producer, topic, jsonb);
    }

    /**
     * Queues one event for the sender thread.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the sink is closed
     */
    @Override
    public void write(Object event) {
        Objects.requireNonNull(event, "event must not be null");
        if (KafkaSource.isFiringFrom(encoder.topic())) {
            onDelivered.accept(event); // it came from this very topic: writing it back would loop forever
            return;
        }
        lock.lock();
        try {
            if (closed) {
                throw new SinkClosedException("Kafka sink '" + name + "' is closed");
            }
            queue.addLast(event);
            if (queue.size() == 1) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The sender thread: takes batches until closed and empty, then closes the producer. */
    private void run() {
        Object[] batch = new Object[Math.min(maxBatch, 1024)];
        Attempts attempts = new Attempts(batch.length); // reused: no per-batch allocation proportional to its size
        try {
            while (true) {
                int n;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closed) {
                        notEmpty.await();
                    }
                    if (queue.isEmpty()) {
                        break;
                    }
                    int size = Math.min(queue.size(), maxBatch);
                    if (size > batch.length) {
                        batch = Arrays.copyOf(batch, Math.min(maxBatch, Math.max(size, batch.length * 2)));
                        attempts = new Attempts(batch.length);
                    }
                    n = 0;
                    while (n < size) {
                        batch[n++] = queue.pollFirst();
                    }
                } finally {
                    lock.unlock();
                }
                attempts.start(batch, n);
                try {
                    attempts.deliver();
                } catch (RuntimeException | Error e) { // a strategy or listener broke: report, keep the sender alive
                    attempts.dropUnsettled(e);
                    LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': delivery failed unexpectedly", e);
                } finally {
                    attempts.clear();
                }
                Arrays.fill(batch, 0, n, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dropLeft();
            long left = closeTimeout.toNanos() - (System.nanoTime() - closeStarted);
            boolean interrupted = Thread.interrupted(); // close must not fail on the interruption that aborted us
            try {
                producer.close(abort || left <= 0 ? Duration.ZERO : Duration.ofNanos(left));
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Kafka sink '" + name + "': closing the producer failed", e);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            LOGGER.log(Level.DEBUG, () -> "Kafka sink '" + name + "' stopped");
        }
    }

    /** Reports every event still queued as dropped at shutdown. */
    private void dropLeft() {
        while (true) {
            Object e;
            lock.lock();
            try {
                closed = true;
                e = queue.pollFirst();
            } finally {
                lock.unlock();
            }
            if (e == null) {
                return;
            }
            drop(e, DropReason.SHUTDOWN, new SinkClosedException("Kafka sink '" + name + "' closed before sending"), 0);
        }
    }

    private void drop(Object event, DropReason reason, Throwable cause, int attempts) {
        DropListener.notify(dropListener, new DeadLetter(event, name, reason, cause, attempts));
    }

    /**
     * One batch on its way: encoded once, sent, acknowledged or retried until every event has an
     * outcome. Used by the sender thread only, one batch after the other: its arrays are allocated
     * once for the largest batch and reused ({@link #start}, {@link #clear}), so the sender's own
     * bookkeeping allocates nothing per event.
     */
    private final class Attempts {
        private Object[] events;
        private int n;
        private final ProducerRecord<byte[], byte[]>[] records;
        private final Future<RecordMetadata>[] acks;
        private final RetryStrategy[] strategies;
        private final int[] attempts;
        /** Whether each event has its outcome (delivered or dropped). */
        private final boolean[] settled;
        /** Indices (into events) still without an outcome, in write order. */
        private final int[] open;
        private int openCount;

        /** @param capacity the largest batch this instance delivers */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Attempts(int capacity) {
            this.records = new ProducerRecord[capacity];
            this.acks = new Future[capacity];
            this.strategies = strategy == null ? null : new RetryStrategy[capacity];
            this.attempts = new int[capacity];
            this.settled = new boolean[capacity];
            this.open = new int[capacity];
        }

        /** Takes the next batch: the first {@code n} of {@code events}, none settled yet. */
        void start(Object[] events, int n) {
            this.events = events;
            this.n = n;
            Arrays.fill(attempts, 0, n, 0);
            Arrays.fill(settled, 0, n, false);
            openCount = 0;
        }

        /** Lets go of the batch's records and answers, so that they are not kept until the next batch. */
        void clear() {
            Arrays.fill(records, 0, n, null);
            Arrays.fill(acks, 0, n, null);
            if (strategies != null) {
                Arrays.fill(strategies, 0, n, null);
            }
            events = null;
        }

        void deliver() throws InterruptedException {
            for (int i = 0; i < n; i++) {
                Object e = events[i];
                try {
                    records[i] = encoder.encode(e);
                } catch (RuntimeException | LinkageError ex) { // permanent: no request, no retry
                    settled[i] = true;
                    onFailedAttempt.accept(e, ex);
                    drop(e, DropReason.FAILED, new KafkaEncodingException("cannot encode the event for topic "
                            + encoder.topic() + ": " + ex, ex), 0);
                    continue;
                }
                if (strategies != null) {
                    strategies[i] = strategy.forWrite(e);
                }
                open[openCount++] = i;
            }
            while (openCount > 0) {
                if (abort) {
                    dropOpen(new SinkClosedException("Kafka sink '" + name + "' closed while retrying"));
                    return;
                }
                if (strategies != null) {
                    int first = open[0];
                    Duration wait = strategies[first].proceed(events[first]);
                    if (wait != null && !wait.isZero() && !wait.isNegative()) {
                        try {
                            TimeUnit.MILLISECONDS.sleep(Math.max(1, wait.toMillis()));
                        } catch (InterruptedException ex) {
                            dropOpen(new SinkClosedException("Kafka sink '" + name + "' closed while backing off"));
                            throw ex;
                        }
                    }
                }
                FailedFuture refused = null;
                for (int k = 0; k < openCount; k++) {
                    int i = open[k];
                    if (refused != null) { // the rest would wait max.block.ms each for the same reason
                        acks[i] = refused;
                        continue;
                    }
                    try {
                        acks[i] = producer.send(records[i]);
                    } catch (RuntimeException ex) { // the producer refused before sending: that attempt failed
                        acks[i] = new FailedFuture(ex);
                        if (retriable(ex)) { // no metadata, buffer full: the broker is away, not this record
                            refused = (FailedFuture) acks[i];
                        }
                    }
                }
                try {
                    // sends what lingers at once (no linger.ms wait for the batch's tail), returns when all completed
                    producer.flush();
                } catch (InterruptException ex) {
                    // close gave up waiting; Kafka set the interrupt flag again, so the first get() below
                    // that is not complete throws InterruptedException and the rest are reported
                }
                int still = 0;
                for (int k = 0; k < openCount; k++) {
                    int i = open[k];
                    Object e = events[i];
                    Throwable error;
                    try {
                        acks[i].get();
                        acks[i] = null;
                        settled[i] = true;
                        onDelivered.accept(e);
                        if (strategies != null) {
                            strategies[i].success(e);
                        }
                        continue;
                    } catch (ExecutionException ex) {
                        error = ex.getCause() != null ? ex.getCause() : ex;
                    } catch (InterruptedException ex) { // close gave up waiting: the rest are not confirmed
                        for (int j = k; j < openCount; j++) {
                            open[still++] = open[j];
                        }
                        openCount = still;
                        dropOpen(new SinkClosedException("Kafka sink '" + name
                                + "' closed before the broker acknowledged"));
                        throw ex;
                    }
                    acks[i] = null;
                    attempts[i]++;
                    onFailedAttempt.accept(e, error);
                    if (abort) {
                        settle(i, DropReason.SHUTDOWN, error);
                    } else if (!retriable(error) || strategies == null) {
                        settle(i, DropReason.FAILED, error);
                    } else if (strategies[i].failure(e, error)) {
                        settle(i, DropReason.GAVE_UP, error);
                    } else {
                        open[still++] = i;
                    }
                }
                openCount = still;
            }
        }

        private void settle(int i, DropReason reason, Throwable cause) {
            settled[i] = true;
            drop(events[i], reason, cause, attempts[i]);
        }

        private void dropOpen(Throwable cause) {
            for (int k = 0; k < openCount; k++) {
                int i = open[k];
                settled[i] = true;
                drop(events[i], DropReason.SHUTDOWN, cause, attempts[i]);
            }
            openCount = 0;
        }

        /** After an unexpected error: every event without an outcome is dropped ({@code FAILED}). */
        void dropUnsettled(Throwable cause) {
            for (int i = 0; i < n; i++) {
                if (!settled[i]) {
                    settled[i] = true;
                    drop(events[i], DropReason.FAILED, cause, attempts[i]);
                }
            }
            openCount = 0;
        }
    }

    /**
     * Tells whether a producer error is worth retrying: Kafka's retriable errors (the broker or a
     * leader unavailable, timeouts, network errors) and an interrupted or closed producer are; a
     * record too large, a bad topic name, an authorization or serialization error are not.
     *
     * @param error the producer's error
     * @return whether to ask the retry strategy
     */
    static boolean retriable(Throwable error) {
        return error instanceof RetriableException;
    }

    /**
     * Stops accepting events, lets the sender deliver what was accepted within the close timeout,
     * reports the rest as dropped ({@code SHUTDOWN}), and closes the producer. A second call returns
     * at once.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeStarted = System.nanoTime();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == sender) {
            return;
        }
        try {
            sender.join(Math.max(1, closeTimeout.toMillis()));
            if (sender.isAlive()) {
                LOGGER.log(Level.WARNING, () -> "Kafka sink '" + name + "' did not deliver every event within "
                        + closeTimeout + "; the rest are reported as dropped (SHUTDOWN)");
                abort = true;
                sender.interrupt();
                sender.join();
            }
        } catch (InterruptedException e) {
            abort = true;
            sender.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KafkaSink[" + name + ": " + encoder + "]";
    }

    /** A send the producer refused at once. */
    private static final class FailedFuture implements Future<RecordMetadata> {
        private final RuntimeException error;

        FailedFuture(RuntimeException error) {
            this.error = error;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public RecordMetadata get() throws ExecutionException {
            throw new ExecutionException(error);
        }

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit) throws ExecutionException {
            throw new ExecutionException(error);
        }
    }

    /**
     * Options of a {@link KafkaSink}. Not thread-safe; build once.
     */
    public static final class Builder {
        private final Producer<byte[], byte[]> producer;
        private final String topic;
        private final Jsonb jsonb;
        private String name = "kafka";
        private KafkaFormat format = KafkaFormat.ENVELOPE;
        private KeyExtractor key;
        private String source;
        private RetryStrategy strategy;
        private DropListener dropListener = DropListener.logging();
        private Consumer<Object> onDelivered = e -> { };
        private BiConsumer<Object, Throwable> onFailedAttempt = (e, t) -> { };
        private ThreadFactory threadFactory = Executors.defaultThreadFactory();
        private Duration closeTimeout = Duration.ofSeconds(30);
        private int maxBatch = 8192;

        private Builder(Producer<byte[], byte[]> producer, String topic, Jsonb jsonb) {
            this.producer = Objects.requireNonNull(producer, "producer must not be null");
            this.topic = Objects.requireNonNull(topic, "topic must not be null");
            this.jsonb = Objects.requireNonNull(jsonb, "jsonb must not be null");
        }

        /**
         * @param name the sink's name, in dead letters and the thread name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /**
         * @param format the value format; default {@link KafkaFormat#ENVELOPE}
         * @return this builder
         */
        public Builder format(KafkaFormat format) {
            this.format = Objects.requireNonNull(format, "format must not be null");
            return this;
        }

        /**
         * @param key computes the record key; {@code null} (the default) for records without keys
         * @return this builder
         */
        public Builder key(KeyExtractor key) {
            this.key = key;
            return this;
        }

        /**
         * @param source the CloudEvents {@code source} attribute; default {@code /sinkwire/<name>}
         * @return this builder
         */
        public Builder cloudEventsSource(String source) {
            this.source = source;
            return this;
        }

        /**
         * @param strategy retries retriable failures; {@code null} (the default) drops them
         * @return this builder
         */
        public Builder retryStrategy(RetryStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * @param dropListener receives every event not delivered; default {@link DropListener#logging()}
         * @return this builder
         */
        public Builder dropListener(DropListener dropListener) {
            this.dropListener = Objects.requireNonNull(dropListener, "dropListener must not be null");
            return this;
        }

        /**
         * @param onDelivered called once per event the broker acknowledged, on the sender thread
         * @param onFailedAttempt called once per failed attempt, on the sender thread
         * @return this builder
         */
        public Builder outcomes(Consumer<Object> onDelivered, BiConsumer<Object, Throwable> onFailedAttempt) {
            this.onDelivered = Objects.requireNonNull(onDelivered, "onDelivered must not be null");
            this.onFailedAttempt = Objects.requireNonNull(onFailedAttempt, "onFailedAttempt must not be null");
            return this;
        }

        /**
         * @param threadFactory makes the sender thread
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory must not be null");
            return this;
        }

        /**
         * @param closeTimeout how long {@link #close} waits for queued events and the producer's flush
         * @return this builder
         */
        public Builder closeTimeout(Duration closeTimeout) {
            Objects.requireNonNull(closeTimeout, "closeTimeout must not be null");
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * @param maxBatch the most events sent before waiting for acknowledgements (1 sends one at a time)
         * @return this builder
         */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /** @return the running sink (its sender thread started) */
        public KafkaSink build() {
            return new KafkaSink(this);
        }
    }
}
