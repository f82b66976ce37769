/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.SinkStats;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * go-events' {@code BenchmarkExtraQueue} and {@code BenchmarkExtraQueue2Producers}: events
 * written into a fresh {@link Queue} in front of a {@link CountingSink}, then {@code close()},
 * which returns once every event is delivered and the sink closed. One invocation is a batch of
 * {@value #BATCH} events, including the close; the score is per event. The queue and its consumer
 * thread (and the producer threads) are created before the measured region, as go's are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueueBenchmark {

    /** Events per invocation. */
    public static final int BATCH = 100_000;

    /** A fresh queue per batch. */
    @State(Scope.Thread)
    public static class OneProducer {
        CountingSink sink;
        Queue<Object> queue;

        /** Creates the queue and starts its consumer. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            queue = new Queue<>(sink);
        }

        /** Exactly the batch must have been delivered, and the sink closed. */
        @TearDown(Level.Invocation)
        public void verify() {
            sink.verify(BATCH, true);
        }
    }

    /**
     * A fresh queue per batch, counted by a {@link SinkMeter} as the CDI layer wires one:
     * accepted at the entry, delivered at the destination. The meter lives for the trial, and its
     * final snapshot must account for every event.
     */
    @State(Scope.Thread)
    public static class OneProducerMetered {
        final SinkMeter meter = new SinkMeter("benchmark");
        CountingSink sink;
        Sink<Object> chain;
        long batches;

        /** Creates the metered queue and starts its consumer. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            chain = meter.accepting(new Queue<>(meter.delivering(sink)));
        }

        /** Exactly the batch must have been delivered, and counted as accepted and delivered. */
        @TearDown(Level.Invocation)
        public void verify() {
            sink.verify(BATCH, true);
            batches++;
            SinkStats stats = meter.snapshot();
            if (stats.accepted() != batches * BATCH || stats.delivered() != batches * BATCH || stats.pending() != 0) {
                throw new IllegalStateException("meter counted " + stats + " after " + batches + " batches");
            }
        }
    }

    /** A fresh queue per batch, and two producer threads waiting for the start signal. */
    @State(Scope.Thread)
    public static class TwoProducers {
        CountingSink sink;
        Queue<Object> queue;
        CountDownLatch start;
        Thread[] producers;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        /** Creates the queue and starts two producers, each holding half the batch. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            queue = new Queue<>(sink);
            start = new CountDownLatch(1);
            producers = new Thread[] {producer(BATCH / 2), producer(BATCH - BATCH / 2)};
            for (Thread producer : producers) {
                producer.start();
            }
        }

        private Thread producer(int events) {
            Queue<Object> q = queue;
            CountDownLatch go = start;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < events; i++) {
                        q.write(Payloads.EVENT);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "queue-benchmark-producer");
            thread.setDaemon(true);
            return thread;
        }

        /** No producer may have failed; exactly the batch must have been delivered. */
        @TearDown(Level.Invocation)
        public void verify() {
            Throwable e = failure.get();
            if (e != null) {
                throw new IllegalStateException("a producer failed", e);
            }
            sink.verify(BATCH, true);
        }
    }

    /**
     * One producer, then close.
     *
     * @param s the state
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void queue1Producer(OneProducer s) {
        Queue<Object> q = s.queue;
        for (int i = 0; i < BATCH; i++) {
            q.write(Payloads.EVENT);
        }
        q.close();
    }

    /**
     * One producer, then close, through a {@link SinkMeter}'s accepting and delivering counters
     * (issue 16: metering must keep the write path allocation-free and cheap).
     *
     * @param s the state
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void queue1ProducerMetered(OneProducerMetered s) {
        Sink<Object> q = s.chain;
        for (int i = 0; i < BATCH; i++) {
            q.write(Payloads.EVENT);
        }
        q.close();
    }

    /**
     * Two producers, each writing half the batch, then close.
     *
     * @param s the state
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void queue2Producers(TwoProducers s) throws InterruptedException {
        s.start.countDown();
        for (Thread producer : s.producers) {
            producer.join();
        }
        s.queue.close();
    }
}
