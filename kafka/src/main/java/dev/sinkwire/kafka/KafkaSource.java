/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reads a Kafka topic and hands each record, decoded to its mapped Java type, to a handler (the CDI
 * layer fires it as a CDI event). At-least-once: a record's offset is committed only after the
 * handler returned for it (for CDI: every synchronous observer and synchronous sink); a crash or a
 * stop before the commit delivers the record again to the next consumer of the group.
 *
 * <p>A record that cannot be decoded is a poison record: it goes to the dead-letter topic (its key,
 * value and headers, plus {@code sinkwire.error*} headers naming the error and where it came from)
 * and the partition moves on; without a dead-letter topic it is logged (topic, partition, offset,
 * error; never the value) and skipped. A handler that throws, or a dead-letter write that fails,
 * stops that partition for this round: the consumer seeks back to the record, commits what came
 * before it, waits {@code retryBackoff} and tries again, so nothing is lost, but the partition waits
 * until the handler succeeds.
 *
 * <p>One thread per source polls, decodes, hands over and commits; records of one partition reach the
 * handler in offset order. {@link #start} and {@link #stop} may be called from any thread; the
 * consumer is only used by the polling thread (as Kafka requires).
 */
public final class KafkaSource {

    private static final System.Logger LOGGER = System.getLogger(KafkaSource.class.getName());
    /** The event the current thread is handing over and the topic it came from, for {@link #isFiringFrom}. */
    private static final ThreadLocal<Firing> FIRING = new ThreadLocal<>();
    /** Header names of dead-lettered records. */
    public static final String ERROR_HEADER = "sinkwire.error";
    /** Header: the class of the error. */
    public static final String ERROR_CLASS_HEADER = "sinkwire.error.class";
    /** Header: {@code topic/partition/offset} of the original record. */
    public static final String ORIGIN_HEADER = "sinkwire.origin";

    private final String name;
    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RecordDecoder decoder;
    private final Consumer<Object> handler;
    private final Producer<byte[], byte[]> deadLetters;
    private final String deadLetterTopic;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;

    private KafkaSource(Builder b) {
        this.name = b.name;
        this.consumer = b.consumer;
        this.topic = b.topic;
        this.decoder = new RecordDecoder(b.jsonb, b.bare, b.defaultType, b.types);
        this.handler = b.handler;
        this.deadLetters = b.deadLetters;
        this.deadLetterTopic = b.deadLetterTopic;
        this.pollTimeout = b.pollTimeout;
        this.retryBackoff = b.retryBackoff;
        this.thread = b.threadFactory.newThread(this::run);
        thread.setName("sinkwire-kafka-source-" + name);
        thread.setDaemon(true);
    }

    /**
     * Starts building a source.
     *
     * @param consumer the consumer (auto-commit off; the source closes it); byte-array deserializers
     * @param topic the topic to subscribe to
     * @param jsonb reads the events
     * @param handler receives each event, on the source's thread
     * @return the builder
     */
    public static Builder builder(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String topic,
            Jsonb jsonb, Consumer<Object> handler) {
        return new Builder(consumer, topic, jsonb, handler);
    }

    /**
     * Tells whether {@code event} is the very event the current thread is handing over from a record
     * of {@code topic} (a Kafka sink writing to that topic skips it, so that a source and a sink of
     * one topic in one application do not loop). Other events, such as those an observer fires while
     * it handles the source's event, are not skipped.
     *
     * @param topic the topic
     * @param event the event a sink is about to write
     * @return whether the current thread is inside the handler of a source of that topic, handing over {@code event}
     */
    static boolean isFiringFrom(String topic, Object event) {
        Firing f = FIRING.get();
        return f != null && f.event() == event && f.topic().equals(topic);
    }

    /** The event being handed over, compared by identity, and its topic. */
    private record Firing(String topic, Object event) {
    }

    /** Starts the polling thread. */
    public void start() {
        thread.start();
    }

    /**
     * Stops polling, waits for the record being handed over and its commit, and closes the consumer
     * (and the dead-letter producer). Idempotent.
     *
     * @param timeout how long to wait for the thread
     * @return whether the thread ended within the timeout
     */
    public boolean stop(Duration timeout) {
        running = false;
        stopping.countDown(); // no consumer.wakeup(): it could break the commit of what was handled;
        // the thread sees the flag after its current poll (at most pollTimeout) and commits first
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            closeClients();
            return true;
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                boolean complete;
                try {
                    complete = handle(consumer.poll(pollTimeout));
                } catch (RuntimeException e) { // a failed commit (rebalance), the broker gone...: poll again later
                    LOGGER.log(Level.WARNING, "Kafka source '" + name + "': " + e + "; records after the last commit"
                            + " are delivered again; polling again after " + retryBackoff, e);
                    complete = false;
                }
                if (!complete && running) {
                    stopping.await(retryBackoff.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeClients();
        }
    }

    /**
     * Hands over one poll's records, partition by partition, and commits what was handled.
     *
     * @return whether every record was handled (else a partition was rewound)
     */
    private boolean handle(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean complete = true;
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                if (!running || !handle(r)) {
                    consumer.seek(tp, r.offset()); // delivered again: at-least-once
                    complete = false;
                    break;
                }
                done.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            try {
                consumer.commitSync(done);
            } catch (RuntimeException e) { // not committed: hand these records over again (at-least-once)
                for (TopicPartition tp : done.keySet()) {
                    if (consumer.assignment().contains(tp)) {
                        consumer.seek(tp, records.records(tp).get(0).offset());
                    }
                }
                throw e;
            }
        }
        return complete;
    }

    /** @return whether the record was handed over or dead-lettered */
    private boolean handle(ConsumerRecord<byte[], byte[]> r) {
        Object event;
        try {
            event = decoder.decode(r);
        } catch (RuntimeException | LinkageError | StackOverflowError e) { // deeply nested JSON overflows JSON-B
            return deadLetter(r, e);
        }
        FIRING.set(new Firing(topic, event));
        try {
            handler.accept(event);
            return true;
        } catch (RuntimeException | Error e) { // an observer's Error must not end the polling thread either
            LOGGER.log(Level.WARNING, () -> "Kafka source '" + name + "': an observer failed on " + origin(r)
                    + "; the record is delivered again after " + retryBackoff, e);
            return false;
        } finally {
            FIRING.remove();
        }
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> r, Throwable error) {
        if (deadLetters == null) {
            LOGGER.log(Level.WARNING, () -> "Kafka source '" + name + "': skipped undecodable record " + origin(r)
                    + " (no dead-letter topic configured): " + error);
            return true;
        }
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        String message = String.valueOf(error.getMessage());
        headers.add(ERROR_HEADER, utf8(message.length() > 1000 ? message.substring(0, 1000) : message));
        headers.add(ERROR_CLASS_HEADER, utf8(error.getClass().getName()));
        headers.add(ORIGIN_HEADER, utf8(origin(r)));
        try {
            deadLetters.send(new ProducerRecord<>(deadLetterTopic, null, r.key(), r.value(), headers)).get();
            LOGGER.log(Level.INFO, () -> "Kafka source '" + name + "': " + origin(r) + " could not be decoded ("
                    + error.getClass().getSimpleName() + "); written to " + deadLetterTopic);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, () -> "Kafka source '" + name + "': cannot write " + origin(r)
                    + " to dead-letter topic " + deadLetterTopic + "; retrying after " + retryBackoff, e);
            return false;
        }
    }

    private static String origin(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "/" + r.offset();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Kafka source '" + name + "': closing the consumer failed", e);
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public String toString() {
        return "KafkaSource[" + name + ": " + topic + (deadLetterTopic != null ? ", dead letters to "
                + deadLetterTopic : "") + "]";
    }

    /** Options of a {@link KafkaSource}. Not thread-safe; build once. */
    public static final class Builder {
        private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
        private final String topic;
        private final Jsonb jsonb;
        private final Consumer<Object> handler;
        private String name = "kafka";
        private boolean bare;
        private Class<?> defaultType;
        private final Map<String, Class<?>> types = new HashMap<>();
        private Producer<byte[], byte[]> deadLetters;
        private String deadLetterTopic;
        private Duration pollTimeout = Duration.ofMillis(200);
        private Duration retryBackoff = Duration.ofSeconds(1);
        private ThreadFactory threadFactory = Thread::new;

        private Builder(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String topic, Jsonb jsonb,
                Consumer<Object> handler) {
            this.consumer = Objects.requireNonNull(consumer, "consumer must not be null");
            this.topic = Objects.requireNonNull(topic, "topic must not be null");
            this.jsonb = Objects.requireNonNull(jsonb, "jsonb must not be null");
            this.handler = Objects.requireNonNull(handler, "handler must not be null");
        }

        /**
         * @param name the source's name, in logs and the thread name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /**
         * @param bare whether values are the event's JSON alone (no envelope); CloudEvents are recognized either way
         * @return this builder
         */
        public Builder bare(boolean bare) {
            this.bare = bare;
            return this;
        }

        /**
         * @param type the class of records whose type name is not mapped
         * @return this builder
         */
        public Builder defaultType(Class<?> type) {
            this.defaultType = type;
            return this;
        }

        /**
         * @param typeName a CloudEvents {@code type} or an envelope {@code type}
         * @param type the class to read such records as
         * @return this builder
         */
        public Builder type(String typeName, Class<?> type) {
            types.put(Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * @param producer writes poison records (the source closes it)
         * @param topic the dead-letter topic
         * @return this builder
         */
        public Builder deadLetters(Producer<byte[], byte[]> producer, String topic) {
            this.deadLetters = Objects.requireNonNull(producer, "producer must not be null");
            this.deadLetterTopic = Objects.requireNonNull(topic, "topic must not be null");
            return this;
        }

        /**
         * @param retryBackoff how long to wait before handing over again a record whose observer failed
         * @return this builder
         */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
            return this;
        }

        /**
         * @param threadFactory makes the polling thread
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory must not be null");
            return this;
        }

        /** @return the source, not started */
        public KafkaSource build() {
            if (defaultType == null && types.isEmpty()) {
                throw new IllegalStateException("map at least one type: defaultType(...) or type(...)");
            }
            return new KafkaSource(this);
        }
    }
}
