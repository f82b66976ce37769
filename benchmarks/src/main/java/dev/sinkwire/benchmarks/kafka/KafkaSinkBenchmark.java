/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.kafka;

import dev.sinkwire.core.Breaker;
import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.KafkaFormat;
import dev.sinkwire.kafka.KafkaSink;
import dev.sinkwire.kafka.KeyExtractor;
import dev.sinkwire.kafka.cdi.KafkaSinkProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second into a real broker (one KRaft node, topic of 3 partitions): the Kafka sink (a
 * writer thread calling {@link KafkaSink#write}, the sink's sender thread encoding, sending and
 * settling every acknowledgement, with sends pipelined) against a bare {@code KafkaProducer} loop that builds the same
 * records by hand (the event's JSON-B as the value, the same five {@code ce_*} headers and
 * {@code content-type}, the same key) and sends them, then flushes. Same producer settings for both
 * ({@code acks=all}, idempotence on, Kafka's defaults otherwise); the sink has the retry strategy a
 * configured Kafka sink gets by default (a breaker). One operation is one event
 * acknowledged: an invocation writes {@value #EVENTS} events and ends when the broker acknowledged
 * all of them (the sink: its delivered count; the bare loop: {@code flush()}).
 *
 * <p>The broker: with {@code -Dsinkwire.bench.kafka=host:port} (as {@code /work/benchrun/kafka.sh}
 * runs it, with {@link KafkaBenchBroker}) both benchmarks write to that one broker, warm before the
 * first fork, in a JVM of its own; without it each fork starts a broker of its own.
 *
 * <p>Allocation, two views. {@code -prof gc}'s {@code gc.alloc.rate.norm} is every thread of the
 * fork (writer, sender, the producer's I/O thread), per event: sink minus bare is all that Sinkwire
 * adds. The auxiliary counter {@code callerBytesPerEvent} is the calling thread's alone (from
 * {@code ThreadMXBean}, around the write loop): for the sink that is the accept path, {@code write}
 * (goal: 0 B); for the bare loop, building and sending the record. The machine runs the broker on
 * the same cores: both sides pay for it alike; compare the ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class KafkaSinkBenchmark {

    /** Events written per invocation. */
    static final int EVENTS = 10_000;
    /** The system property naming an external broker ({@code host:port}). */
    static final String BROKER = "sinkwire.bench.kafka";

    /** The event: about 120 bytes of JSON. */
    public record Order(String customer, int seq, String note, long cents) {
    }

    /**
     * Bytes the calling thread allocated per event, per iteration. Used by one thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Caller {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        /** The calling thread's bytes per event in this iteration. */
        public double callerBytesPerEvent;
        private long bytes;
        private long events;
        private long mark;

        /** Starts an iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            callerBytesPerEvent = 0;
            bytes = 0;
            events = 0;
        }

        void begin() {
            mark = THREADS.getCurrentThreadAllocatedBytes();
        }

        void end(int n) {
            bytes += THREADS.getCurrentThreadAllocatedBytes() - mark;
            events += n;
            callerBytesPerEvent = (double) bytes / events;
        }
    }

    private KafkaBroker broker;
    private Admin admin;
    private String bootstrap;
    private Jsonb jsonb;
    private Order[] events;
    private KafkaProducer<byte[], byte[]> bare;
    private String bareTopic;
    private KafkaSink sink;
    private final AtomicLong delivered = new AtomicLong();
    private volatile Thread waiter;
    private volatile long target;

    /** Finds or starts the broker, starts the producers and the sink. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bootstrap = System.getProperty(BROKER);
        if (bootstrap == null || bootstrap.isBlank()) {
            broker = KafkaBroker.start();
            bootstrap = broker.bootstrapServers();
        }
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        jsonb = JsonbBuilder.create();
        events = new Order[1024];
        for (int i = 0; i < events.length; i++) {
            events[i] = new Order("customer-" + (i % 37), i, "two blue widgets, gift wrapped", 1999L + i);
        }
        bareTopic = newTopic("bare");
        bare = producer();
        sink = KafkaSink.builder(producer(), newTopic("sink"), jsonb).name("bench")
                .format(KafkaFormat.CLOUDEVENTS_BINARY).key(KeyExtractor.ofPath("customer", Order.class))
                // the strategy a configured Kafka sink gets by default (asked for every event, never used here)
                .retryStrategy(new Breaker(KafkaSinkProvider.DEFAULT_THRESHOLD, KafkaSinkProvider.DEFAULT_BACKOFF))
                .outcomes(e -> {
                    long d = delivered.incrementAndGet();
                    Thread w = waiter;
                    if (d >= target && w != null) {
                        LockSupport.unpark(w);
                    }
                }, (e, t) -> { })
                .build();
    }

    private String newTopic(String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
        return name;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", "true"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        sink.close();
        bare.close();
        jsonb.close();
        admin.close();
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The bare loop: build each record (JSON-B, CloudEvents headers, key) and send it, then flush.
     *
     * @param caller the calling thread's allocation
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void bareProducer(Caller caller) {
        caller.begin();
        for (int i = 0; i < EVENTS; i++) {
            Order o = events[i & 1023];
            RecordHeaders h = new RecordHeaders();
            h.add("ce_specversion", "1.0".getBytes(StandardCharsets.US_ASCII));
            h.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
            h.add("ce_source", "/sinkwire/bench".getBytes(StandardCharsets.UTF_8));
            h.add("ce_type", o.getClass().getName().getBytes(StandardCharsets.UTF_8));
            h.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.US_ASCII));
            h.add("content-type", "application/json".getBytes(StandardCharsets.US_ASCII));
            bare.send(new ProducerRecord<>(bareTopic, null, o.customer().getBytes(StandardCharsets.UTF_8),
                    jsonb.toJson(o).getBytes(StandardCharsets.UTF_8), h));
        }
        caller.end(EVENTS);
        bare.flush();
    }

    /**
     * The Kafka sink: write every event, then wait until the broker acknowledged all of them.
     *
     * @param caller the calling thread's allocation (the accept path)
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void kafkaSink(Caller caller) {
        long goal = delivered.get() + EVENTS;
        target = goal;
        waiter = Thread.currentThread();
        caller.begin();
        for (int i = 0; i < EVENTS; i++) {
            sink.write(events[i & 1023]);
        }
        caller.end(EVENTS);
        while (delivered.get() < goal) {
            // woken by the delivery listener once the goal is reached (waiter and target are set before
            // the first write); the timeout is only a guard. A 100 us poll woke this thread 10,000
            // times a second on the cores the sender and the producer's I/O thread need, a cost the
            // bare loop's blocking flush() does not pay
            LockSupport.parkNanos(10_000_000);
        }
        waiter = null;
    }
}
