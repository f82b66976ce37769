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
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A sink that writes events to a Kafka topic, pipelined: {@link #write} only queues the event (it
 * never blocks and allocates nothing per event beyond amortized queue growth); one sender thread
 * takes queued events, encodes each and sends it with the producer, and goes on taking and sending
 * while the broker's acknowledgements of earlier records are outstanding. At most {@code maxBatch}
 * events are in flight (sent or taken, without an outcome yet); when that many are, or when the
 * queue is empty, the sender flushes the producer (so the tail does not wait for {@code linger.ms})
 * and settles what was acknowledged. Each send's callback records its outcome in the event's slot;
 * the sender reports the outcomes in write order.
 *
 * <p>Each event's outcome is reported exactly once: acknowledged ({@code onDelivered}), or dropped
 * to the drop listener. An event that cannot be encoded (JSON-B or key failure) and a
 * non-retriable producer error (record too large, authorization...) are permanent: dropped with
 * reason {@code FAILED}, without a request for an encoding failure. A retriable failure (the
 * broker unavailable, a timeout) asks the retry strategy: retry or drop ({@code GAVE_UP}); without
 * a strategy, dropped ({@code FAILED}).
 *
 * <p>Ordering: events are sent in the order they were written; with the producer's idempotence on
 * (the default of the configured sinks), records of one partition (one key) are written in that
 * order, across the producer's own retries. Once a send has failed, the sender sends nothing new:
 * it waits for every record in flight, then sends the failed events again, in write order, and
 * waits for their outcome (retrying until each is delivered or dropped) before it sends any event
 * written after them. A record whose send failed while a later record of the same partition that
 * was already in flight (at most {@code maxBatch} of them) succeeded can therefore land after that
 * one; no record sent after the failure was seen overtakes it. Across a sink restart nothing is
 * ordered.
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

    /** The most events moved from the queue to the pipeline under one hold of the lock. */
    private static final int TAKE = 256;

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
    /** Guarded by {@link #lock}: events written and not yet taken by the sender. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>(1024);
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Set once by {@link #close} when its timeout passed: the sender drops what is left. */
    private volatile boolean abort;
    /** When {@link #close} began ({@link System#nanoTime()}), for the producer's bounded flush. */
    private volatile long closeStarted;
    /**
     * Set by a send's callback when the send failed, read and cleared by the sender: once set, the
     * sender sends nothing new until every record in flight has its outcome and the failed ones are
     * settled (the per-key order argument of the class comment). Written from the producer's I/O
     * thread, hence volatile; a benign race: a failure seen one chunk late only widens the window
     * of records already in flight, which the ordering contract bounds by {@code maxBatch}.
     */
    private volatile boolean failureSeen;

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
        if (KafkaSource.isFiringFrom(encoder.topic(), event)) {
            onDelivered.accept(event); // it came from this very topic: writing it back would loop forever
            return;
        }
        boolean wake;
        lock.lock();
        try {
            if (closed) {
                throw new SinkClosedException("Kafka sink '" + name + "' is closed");
            }
            queue.addLast(event);
            // the sender parks only after it found the queue empty under the lock: the first event wakes it
            wake = queue.size() == 1;
        } finally {
            lock.unlock();
        }
        if (wake) {
            LockSupport.unpark(sender);
        }
    }

    /** The sender thread: sends until closed and everything accepted has an outcome, then closes the producer. */
    private void run() {
        Pipeline pipeline = new Pipeline();
        Throwable cause = null;
        try {
            pipeline.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // a bug of ours: report every event without an outcome
            cause = e;
            LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': the sender failed unexpectedly", e);
        } finally {
            // the interruption that aborted us must not reach the listeners (NIO channels close on it) nor
            // fail the producer's close (one that close sends while the listeners run still reaches them)
            boolean interrupted = Thread.interrupted();
            pipeline.dropAll(cause != null ? cause
                    : new SinkClosedException("Kafka sink '" + name + "' closed before the broker acknowledged"));
            dropLeft();
            long left = closeTimeout.toNanos() - (System.nanoTime() - closeStarted);
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
     * One event on its way, and the callback of its send. A slot of the {@link Pipeline}'s ring is
     * reused by the events that pass through its position: its fields are written by the sender
     * thread, except {@link #error}, {@link #byCaller} and {@link #done}, which the send's callback
     * writes once (on the producer's I/O thread, or on the sender's when the producer refuses the
     * record at once) before the sender reads them; {@link #done} is the volatile write that
     * publishes the other two.
     */
    private final class Slot implements Callback {
        Object event;
        ProducerRecord<byte[], byte[]> record;
        RetryStrategy strategy;
        /** Failed sends so far. */
        int attempts;
        /** Why the event could not be encoded (then it was never sent), or {@code null}. */
        Throwable unencodable;
        Exception error;
        /** Whether the callback ran on the sender thread: the producer refused the record inside {@code send}. */
        boolean byCaller;
        volatile boolean done;

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            error = exception;
            byCaller = Thread.currentThread() == sender;
            done = true;
            if (exception != null) {
                failureSeen = true;
            }
        }

        /** Before a send: no outcome yet. */
        void arm() {
            error = null;
            byCaller = false;
            done = false;
        }

        /** Completes the slot without a request: the producer refused it or one before it. */
        void refuse(Exception e) {
            error = e;
            byCaller = true;
            done = true;
        }

        void clear() {
            event = null;
            record = null;
            strategy = null;
            unencodable = null;
            error = null;
        }
    }

    /**
     * The sender's state: a ring of slots in write order ({@code head} the oldest without an
     * outcome, {@code sent} the next to send, {@code tail} the next free position), and the events
     * waiting for a Sinkwire retry. Used by the sender thread only. The ring starts small and
     * doubles up to {@code maxBatch} positions; its slots are allocated once per position and
     * reused, so the pipeline allocates nothing per event while no send fails.
     */
    private final class Pipeline {
        private Slot[] ring = new Slot[Integer.highestOneBit(Math.min(maxBatch, 1024) * 2 - 1)];
        private long head;
        private long sent;
        private long tail;
        /** Events whose send failed retriably and that the strategy keeps, in write order. */
        private Slot[] retries = new Slot[0];
        private int retryCount;

        private Slot slot(long seq) {
            return ring[(int) (seq & (ring.length - 1))];
        }

        void run() throws InterruptedException {
            while (!abort) {
                settleDone();
                if (failureSeen || retryCount > 0) {
                    if (head < sent) { // a send failed: nothing new until everything in flight has its outcome
                        flush();
                        continue;
                    }
                    failureSeen = false; // nothing is in flight: no callback can set it now
                    if (retryCount > 0) {
                        retryRound();
                    }
                    continue;
                }
                if (sent < tail) { // taken before a failure stopped the sending: they go first
                    send();
                    continue;
                }
                int taken = take();
                if (taken > 0) {
                    send();
                } else if (head < tail) {
                    flush(); // idle or maxBatch in flight: send what lingers, wait for the acknowledgements
                } else if (taken < 0) {
                    return; // closed, and everything accepted has its outcome
                } else {
                    LockSupport.park(this); // woken by the first write into an empty queue, or by close
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        }

        /**
         * Moves queued events into free positions of the ring.
         *
         * @return how many were taken; 0 if none (the queue is empty, or the ring full); -1 if the
         *     queue is empty and the sink closed
         */
        private int take() {
            int free = maxBatch - (int) (tail - head);
            if (free > 0 && tail - head == ring.length) {
                grow();
            }
            int room = Math.min(free, ring.length - (int) (tail - head));
            if (room <= 0) {
                return 0; // maxBatch in flight
            }
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    return closed ? -1 : 0;
                }
                int n = Math.min(Math.min(room, TAKE), queue.size());
                for (int k = 0; k < n; k++) {
                    int i = (int) (tail & (ring.length - 1));
                    Slot s = ring[i];
                    if (s == null) {
                        s = new Slot();
                        ring[i] = s;
                    }
                    s.event = queue.pollFirst();
                    tail++;
                }
                return n;
            } finally {
                lock.unlock();
            }
        }

        /** Doubles the ring (keeping the order), when it is full and below {@code maxBatch}. */
        private void grow() {
            Slot[] bigger = new Slot[ring.length * 2];
            int n = (int) (tail - head);
            for (int k = 0; k < n; k++) {
                bigger[k] = slot(head + k);
            }
            sent -= head;
            tail -= head;
            head = 0;
            ring = bigger;
        }

        /**
         * Encodes and sends the events taken, in write order; stops at the first failure reported
         * (the rest stay taken, and are sent after the failed events are settled).
         */
        private void send() throws InterruptedException {
            boolean first = true;
            for (; sent < tail; sent++) {
                if (failureSeen) { // one volatile read per event: no event is sent after a failure was seen
                    return;
                }
                Slot s = slot(sent);
                Object e = s.event;
                s.attempts = 0;
                try {
                    s.record = encoder.encode(e);
                } catch (RuntimeException | Error ex) { // permanent: no request, no retry
                    if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
                        throw ex; // out of memory, say: not this event's fault (a deep object graph overflows JSON-B)
                    }
                    s.unencodable = ex;
                    s.done = true;
                    continue;
                }
                if (strategy != null) {
                    s.strategy = strategy.forWrite(e);
                    if (first) { // an open breaker holds new events back too (asked once per chunk)
                        first = false;
                        backOff(s);
                    }
                }
                sendOne(s); // a refusal at once (no metadata within max.block.ms) sets failureSeen: the loop stops
            }
        }

        /**
         * Sends one slot's record.
         *
         * @return the error, if the producer refused it at once with a retriable error
         */
        private Exception sendOne(Slot s) throws InterruptedException {
            s.arm();
            try {
                producer.send(s.record, s);
            } catch (InterruptException ex) { // interrupted while waiting for metadata or buffer space: closing
                if (!s.done) {
                    s.refuse(ex);
                }
                Thread.interrupted(); // Kafka set the flag again
                throw new InterruptedException("Kafka sink '" + name + "' interrupted while sending");
            } catch (RuntimeException ex) { // refused before the callback was registered
                if (!s.done) {
                    s.refuse(ex);
                    failureSeen = true;
                }
            }
            return s.done && s.byCaller && s.error != null && retriable(s.error) ? s.error : null;
        }

        private void backOff(Slot s) throws InterruptedException {
            Duration wait = s.strategy.proceed(s.event);
            if (wait != null && !wait.isZero() && !wait.isNegative()) {
                TimeUnit.MILLISECONDS.sleep(Math.max(1, wait.toMillis()));
            }
        }

        /** Sends what lingers and waits until every record sent so far has its outcome. */
        private void flush() throws InterruptedException {
            try {
                producer.flush();
            } catch (InterruptException ex) { // Kafka set the interrupt flag again
                Thread.interrupted();
                throw new InterruptedException("Kafka sink '" + name + "' interrupted while flushing");
            }
        }

        /** Reports, in write order, the outcome of every event at the head of the ring that has one. */
        private void settleDone() {
            while (head < sent) {
                Slot s = slot(head);
                if (!s.done) {
                    return;
                }
                head++;
                try {
                    if (settle(s)) {
                        keep(s);
                    }
                } finally {
                    s.clear();
                }
            }
        }

        /**
         * Reports the outcome of one completed slot: delivered, or dropped, or neither when the
         * strategy retries it.
         *
         * @return whether the event is to be sent again (its outcome is not reported yet)
         */
        private boolean settle(Slot s) {
            Object e = s.event;
            if (s.unencodable != null) {
                failedAttempt(e, s.unencodable);
                drop(e, DropReason.FAILED, new KafkaEncodingException("cannot encode the event for topic "
                        + encoder.topic() + ": " + s.unencodable, s.unencodable), 0);
                return false;
            }
            Exception error = s.error;
            if (error == null) {
                delivered(e, s.strategy);
                return false;
            }
            s.attempts++;
            failedAttempt(e, error);
            if (abort) {
                drop(e, DropReason.SHUTDOWN, error, s.attempts);
                return false;
            }
            if (!retriable(error) || s.strategy == null) {
                drop(e, DropReason.FAILED, error, s.attempts);
                return false;
            }
            boolean giveUp;
            try {
                giveUp = s.strategy.failure(e, error);
            } catch (RuntimeException ex) {
                LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': the retry strategy failed", ex);
                drop(e, DropReason.FAILED, ex, s.attempts);
                return false;
            }
            if (giveUp) {
                drop(e, DropReason.GAVE_UP, error, s.attempts);
                return false;
            }
            return true;
        }

        /** Moves a failed event into the retry list; its ring position gets a fresh slot (only on failure). */
        private void keep(Slot s) {
            Slot copy = new Slot();
            copy.event = s.event;
            copy.record = s.record;
            copy.strategy = s.strategy;
            copy.attempts = s.attempts;
            if (retryCount == retries.length) {
                retries = Arrays.copyOf(retries, Math.max(16, retryCount * 2));
            }
            retries[retryCount++] = copy;
        }

        private void delivered(Object e, RetryStrategy strategy) {
            try {
                onDelivered.accept(e);
            } catch (RuntimeException ex) {
                LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': the delivery listener failed", ex);
            }
            if (strategy != null) {
                try {
                    strategy.success(e);
                } catch (RuntimeException ex) {
                    LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': the retry strategy failed", ex);
                }
            }
        }

        private void failedAttempt(Object e, Throwable error) {
            try {
                onFailedAttempt.accept(e, error);
            } catch (RuntimeException ex) {
                LOGGER.log(Level.ERROR, "Kafka sink '" + name + "': the failed-attempt listener failed", ex);
            }
        }

        /**
         * Sends the failed events again, in write order, and waits for their outcomes, until each is
         * delivered or dropped; nothing else is in flight meanwhile, so none of them is overtaken by a
         * later event.
         */
        private void retryRound() throws InterruptedException {
            while (retryCount > 0 && !abort) {
                backOff(retries[0]);
                Exception refused = null;
                for (int k = 0; k < retryCount; k++) {
                    Slot s = retries[k];
                    if (refused != null) {
                        s.refuse(refused);
                    } else {
                        refused = sendOne(s);
                    }
                }
                flush();
                failureSeen = false; // every callback of the round has run: flush returned
                int still = 0;
                int n = retryCount;
                for (int k = 0; k < n; k++) {
                    Slot s = retries[k];
                    retries[k] = null;
                    if (settle(s)) {
                        retries[still++] = s; // still in write order
                    }
                }
                Arrays.fill(retries, still, n, null);
                retryCount = still;
            }
        }

        /**
         * At the end (closed after the timeout, interrupted, or a bug): reports the outcome of every
         * event in the pipeline; those the broker did not acknowledge are dropped ({@code SHUTDOWN},
         * or {@code FAILED} with {@code cause} after a bug).
         */
        void dropAll(Throwable cause) {
            DropReason reason = cause instanceof SinkClosedException ? DropReason.SHUTDOWN : DropReason.FAILED;
            for (; head < tail; head++) {
                Slot s = slot(head);
                try {
                    boolean done = head < sent && s.done; // read once: a late acknowledgement may land meanwhile
                    if (done && (s.unencodable != null || s.error == null)) {
                        settle(s); // acknowledged, or not encodable: its outcome is known
                    } else if (done) {
                        failedAttempt(s.event, s.error);
                        drop(s.event, reason, s.error, s.attempts + 1);
                    } else {
                        drop(s.event, reason, cause, s.attempts);
                    }
                } finally {
                    s.clear();
                }
            }
            for (int k = 0; k < retryCount; k++) {
                Slot s = retries[k];
                if (s.done && s.error == null) { // acknowledged in the round that was cut short
                    delivered(s.event, s.strategy);
                } else {
                    drop(s.event, reason, s.error != null ? s.error : cause, s.attempts);
                }
                retries[k] = null;
            }
            retryCount = 0;
        }
    }

    /**
     * Tells whether a producer error is worth retrying: Kafka's retriable errors (the broker or a
     * leader unavailable, timeouts, network errors) are; a record too large, a bad topic name, an
     * authorization or serialization error are not.
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
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(sender);
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
         * @param maxBatch the most events in flight (taken from the queue, without an outcome yet);
         *     when that many are, the sender flushes and waits for their acknowledgements (1 sends
         *     one at a time); default 8192
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
