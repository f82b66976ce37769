/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import dev.sinkwire.core.SinkMeter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16: the counting of a queued chain alone, without the queue. Two threads share one
 * {@link SinkMeter}, as a chain's producer and its queue's consumer thread do: one writes through
 * {@link SinkMeter#accepting(Sink)}, the other through {@link SinkMeter#delivering(Sink)}, each
 * into a sink that does nothing; {@code bare} is the same two threads writing the do-nothing sinks
 * directly. What this shows is the cost per counted event on each side, and whether the two sides
 * slow each other down (the counts of the two threads sharing cache lines did, before
 * {@code OwnedCounter}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MeterBenchmark {

    /** One meter, shared by the two threads of a group, and its two counted ends. */
    @State(Scope.Group)
    public static class Chain {
        final Sink<Object> nothing = new Sink<>() {
            @Override
            public void write(Object event) {
                // delivered: nothing to do
            }

            @Override
            public void close() {
                // nothing to close
            }
        };
        final SinkMeter meter = new SinkMeter("counted");
        final Sink<Object> accepting = meter.accepting(nothing);
        final Sink<Object> delivering = meter.delivering(nothing);
    }

    /**
     * The producer's side: counted as accepted.
     *
     * @param c the shared chain
     */
    @Benchmark
    @Group("counted")
    public void accept(Chain c) {
        c.accepting.write(Payloads.EVENT);
    }

    /**
     * The consumer's side: counted as delivered.
     *
     * @param c the shared chain
     */
    @Benchmark
    @Group("counted")
    public void deliver(Chain c) {
        c.delivering.write(Payloads.EVENT);
    }

    /**
     * The producer's side, not counted.
     *
     * @param c the shared chain
     */
    @Benchmark
    @Group("bare")
    public void write(Chain c) {
        c.nothing.write(Payloads.EVENT);
    }

    /**
     * The consumer's side, not counted.
     *
     * @param c the shared chain
     */
    @Benchmark
    @Group("bare")
    public void consume(Chain c) {
        c.nothing.write(Payloads.EVENT);
    }
}
