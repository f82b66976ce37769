/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Matcher;
import dev.sinkwire.core.Filter;
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
 * go-events' {@code BenchmarkExtraFilterHalf}: events alternate between {@code "myevent"}
 * (matched, forwarded to a {@link CountingSink}) and {@code "other"} (rejected); beside it, the
 * limit: the same test written inline before the same sink. One operation is one event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class FilterBenchmark {

    /** go's {@code MatcherFunc}: {@code s, _ := e.(string); return s == "myevent"}. */
    static final Matcher<Object> HALF = e -> e instanceof String && ((String) e).equals(Payloads.EVENT);

    /** A filter in front of a counting sink. */
    @State(Scope.Thread)
    public static class Half {
        CountingSink sink;
        Filter<Object> filter;
        long written;

        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            sink = new CountingSink();
            filter = new Filter<>(sink, HALF);
        }

        Object next() {
            return (written++ & 1) == 0 ? Payloads.EVENT : Payloads.OTHER;
        }

        /** Exactly the matching half must have reached the sink. */
        @TearDown(Level.Iteration)
        public void verify() {
            sink.verify((written + 1) / 2, false);
        }

        /** Closes the filter, which closes the sink. */
        @TearDown(Level.Trial)
        public void close() {
            filter.close();
            sink.verify((written + 1) / 2, true);
        }
    }

    /**
     * Sinkwire's filter.
     *
     * @param s the state
     */
    @Benchmark
    public void filterHalf(Half s) {
        s.filter.write(s.next());
    }

    /**
     * The limit: the same test inline.
     *
     * @param s the state
     */
    @Benchmark
    public void limitInlineHalf(Half s) {
        Object event = s.next();
        if (event instanceof String && ((String) event).equals(Payloads.EVENT)) {
            s.sink.write(event);
        }
    }
}
