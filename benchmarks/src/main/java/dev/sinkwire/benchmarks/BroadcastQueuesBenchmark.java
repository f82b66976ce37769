/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.Queue;
import java.util.concurrent.TimeUnit;
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
 * go-events' {@code BenchmarkExtraBroadcast10Queues}: a {@link Broadcaster} over ten
 * {@link Queue}s, each in front of a {@link CountingSink}. One invocation writes {@value #BATCH}
 * events and closes the broadcaster, which closes (and so drains) every queue; the score is per
 * event written. Eleven threads share the machine's cores here, as eleven goroutines do in go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BroadcastQueuesBenchmark {

    /** Events per invocation. */
    public static final int BATCH = 10_000;
    private static final int FANOUT = 10;

    /** A fresh broadcaster, queues and sinks per batch. */
    @State(Scope.Thread)
    public static class Graph {
        CountingSink[] sinks;
        Broadcaster<Object> broadcaster;

        /** Builds the graph and starts the ten consumer threads. */
        @Setup(Level.Invocation)
        public void setUp() {
            sinks = new CountingSink[FANOUT];
            @SuppressWarnings("unchecked")
            Sink<Object>[] queues = new Sink[FANOUT];
            for (int i = 0; i < FANOUT; i++) {
                sinks[i] = new CountingSink();
                queues[i] = new Queue<>(sinks[i]);
            }
            broadcaster = new Broadcaster<>(queues);
        }

        /** Every sink must have received exactly the batch and been closed. */
        @TearDown(Level.Invocation)
        public void verify() {
            for (CountingSink sink : sinks) {
                sink.verify(BATCH, true);
            }
        }
    }

    /**
     * Broadcaster to ten queues, then close.
     *
     * @param g the graph
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void broadcast10Queues(Graph g) {
        Broadcaster<Object> b = g.broadcaster;
        for (int i = 0; i < BATCH; i++) {
            b.write(Payloads.EVENT);
        }
        b.close();
    }
}
