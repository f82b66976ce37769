/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.ft.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-events' {@code BenchmarkExtraRetryBreakerNoFail} and {@code ...Fail10thNoLog}: a
 * {@link RetryingSink} with a {@code Breaker(3, 10ms)} over a {@link FlakySink}. One failure never
 * trips the breaker (threshold 3, and a success resets it), so nothing sleeps: this is the
 * per-event cost of the write and retry path. One operation is one event.
 *
 * <p>The {@code policy...} rows run the same shapes with the MP FT-style {@link RetryPolicy}
 * (maxRetries 3, no delay, no jitter) instead of the breaker: its per-write state is the one
 * allocation of a write, so {@code -prof gc} shows what that state costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetryingSinkBenchmark {

    /** A retrying sink over a flaky sink. */
    @State(Scope.Thread)
    public abstract static class Retrying {
        FlakySink sink;
        RetryingSink<Object> retrying;
        long written;

        void create(long failEvery) {
            create(failEvery, new Breaker(3, Duration.ofMillis(10)));
        }

        void create(long failEvery, RetryStrategy strategy) {
            sink = new FlakySink(failEvery);
            retrying = new RetryingSink<>(sink, strategy);
        }

        /** Checks the delivered events and attempts exactly. */
        @TearDown(Level.Iteration)
        public void verify() {
            sink.verify(written);
        }

        /** Closes the retrying sink, which closes the flaky sink. */
        @TearDown(Level.Trial)
        public void close() {
            retrying.close();
            if (!sink.isClosed()) {
                throw new IllegalStateException("wrapped sink not closed");
            }
        }
    }

    /** The wrapped sink never fails. */
    @State(Scope.Thread)
    public static class NoFail extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(0);
        }
    }

    /** The first attempt of every 10th event fails. */
    @State(Scope.Thread)
    public static class Fail10th extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(10);
        }
    }

    /** The wrapped sink never fails; a {@link RetryPolicy} decides. */
    @State(Scope.Thread)
    public static class PolicyNoFail extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(0, policy());
        }
    }

    /** The first attempt of every 10th event fails; a {@link RetryPolicy} decides. */
    @State(Scope.Thread)
    public static class PolicyFail10th extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(10, policy());
        }
    }

    /** MP FT's defaults but no jitter, so that a retry never waits: 3 retries, no delay. */
    static RetryPolicy policy() {
        return RetryPolicy.builder().maxRetries(3).jitter(Duration.ZERO).build();
    }

    /**
     * The success path.
     *
     * @param s the state
     */
    @Benchmark
    public void retryingNoFail(NoFail s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }

    /**
     * Every 10th event fails once and is retried at once.
     *
     * @param s the state
     */
    @Benchmark
    public void retryingFail10th(Fail10th s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }

    /**
     * The success path with a {@link RetryPolicy}.
     *
     * @param s the state
     */
    @Benchmark
    public void policyNoFail(PolicyNoFail s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }

    /**
     * Every 10th event fails once and is retried at once, with a {@link RetryPolicy}.
     *
     * @param s the state
     */
    @Benchmark
    public void policyFail10th(PolicyFail10th s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }
}
