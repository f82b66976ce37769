/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
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
 * The references for {@link QueueBenchmark#queue1Producer}, in exactly its shape (a batch of
 * {@value QueueBenchmark#BATCH} events from one producer to one consumer thread into a
 * {@link CountingSink}, including the close that waits for the drain):
 * <ul>
 *   <li>{@code limitJctoolsXadd}: JCTools' {@code MpscUnboundedXaddArrayQueue} with a spinning,
 *       then parking consumer (see {@link HandOff}): the near-hardware limit;</li>
 *   <li>{@code clqPark}: {@code ConcurrentLinkedQueue} with the same consumer;</li>
 *   <li>{@code lbqTake}: {@code LinkedBlockingQueue} and a consumer blocked in {@code take()},
 *       what most Java code would write.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandOffBenchmark {

    private static final int BATCH = QueueBenchmark.BATCH;
    /** JCTools chunk size: large enough that chunk turnover is rare, as its docs advise. */
    private static final int CHUNK = 1024;

    /** A fresh JCTools hand-off per batch. */
    @State(Scope.Thread)
    public static class Jctools {
        CountingSink sink;
        HandOff handOff;

        /** Creates the queue and starts the consumer. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            handOff = new HandOff(new MpscUnboundedXaddArrayQueue<>(CHUNK), sink);
        }

        /** Exactly the batch must have been delivered. */
        @TearDown(Level.Invocation)
        public void verify() {
            sink.verify(BATCH, true);
        }
    }

    /** A fresh {@code ConcurrentLinkedQueue} hand-off per batch. */
    @State(Scope.Thread)
    public static class Clq {
        CountingSink sink;
        HandOff handOff;

        /** Creates the queue and starts the consumer. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            handOff = new HandOff(new ConcurrentLinkedQueue<>(), sink);
        }

        /** Exactly the batch must have been delivered. */
        @TearDown(Level.Invocation)
        public void verify() {
            sink.verify(BATCH, true);
        }
    }

    /** A fresh {@code LinkedBlockingQueue} and a consumer blocked in {@code take()}, per batch. */
    @State(Scope.Thread)
    public static class Lbq {
        private static final Object POISON = new Object();
        CountingSink sink;
        BlockingQueue<Object> queue;
        Thread consumer;

        /** Creates the queue and starts the consumer. */
        @Setup(Level.Invocation)
        public void setUp() {
            sink = new CountingSink();
            queue = new LinkedBlockingQueue<>();
            CountingSink s = sink;
            BlockingQueue<Object> q = queue;
            consumer = new Thread(() -> {
                try {
                    for (Object e = q.take(); e != POISON; e = q.take()) {
                        s.write(e);
                    }
                    s.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lbq-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        /** Exactly the batch must have been delivered. */
        @TearDown(Level.Invocation)
        public void verify() {
            sink.verify(BATCH, true);
        }
    }

    /**
     * JCTools MPSC xadd queue, spin-then-park consumer: the limit.
     *
     * @param s the state
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void limitJctoolsXadd(Jctools s) throws InterruptedException {
        HandOff h = s.handOff;
        for (int i = 0; i < BATCH; i++) {
            h.offer(Payloads.EVENT);
        }
        h.close();
    }

    /**
     * {@code ConcurrentLinkedQueue}, spin-then-park consumer.
     *
     * @param s the state
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void clqPark(Clq s) throws InterruptedException {
        HandOff h = s.handOff;
        for (int i = 0; i < BATCH; i++) {
            h.offer(Payloads.EVENT);
        }
        h.close();
    }

    /**
     * {@code LinkedBlockingQueue} and {@code take()}.
     *
     * @param s the state
     * @throws InterruptedException never, in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void lbqTake(Lbq s) throws InterruptedException {
        BlockingQueue<Object> q = s.queue;
        for (int i = 0; i < BATCH; i++) {
            q.put(Payloads.EVENT);
        }
        q.put(Lbq.POISON);
        s.consumer.join();
    }
}
