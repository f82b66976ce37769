/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import dev.sinkwire.core.Broadcaster;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-events' {@code BenchmarkBroadcast10/100/1000/10000}: one event written synchronously to N
 * locking sinks ({@link LockingSink}, go's {@code testSink}), beside the bare-loop limit and
 * Guava's {@code EventBus} doing the same fan-out. One operation is one event reaching all N
 * sinks.
 *
 * <p>go-events closes the broadcaster inside its timed loop, once per b.N events; here the close
 * happens at the end of the trial, where it is checked: its cost per event is nil either way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BroadcastBenchmark {

    /** The sinks, shared shape for every variant. */
    @State(Scope.Benchmark)
    public abstract static class Sinks {
        /** go-events' sizes. */
        @Param({"10", "100", "1000", "10000"})
        public int sinks;

        LockingSink[] targets;
        long written;

        void createSinks() {
            targets = new LockingSink[sinks];
            for (int i = 0; i < sinks; i++) {
                targets[i] = new LockingSink();
            }
        }

        /** Every sink must have seen every event, exactly once: nothing lost, nothing doubled. */
        @TearDown(Level.Iteration)
        public void verify() {
            for (LockingSink sink : targets) {
                if (sink.count() != written) {
                    throw new IllegalStateException("sink saw " + sink.count() + " events, want " + written);
                }
            }
        }
    }

    /** A Sinkwire {@link Broadcaster} over the sinks. */
    @State(Scope.Benchmark)
    public static class SinkwireState extends Sinks {
        Broadcaster<Object> broadcaster;

        /** Builds the broadcaster. */
        @Setup(Level.Trial)
        public void setUp() {
            createSinks();
            broadcaster = new Broadcaster<>(targets);
        }

        /** Closes the broadcaster, which closes every sink (a sink closed twice would throw). */
        @TearDown(Level.Trial)
        public void tearDown() {
            broadcaster.close();
        }
    }

    /** The limit: the same sinks in a plain array, called in a loop under one lock. */
    @State(Scope.Benchmark)
    public static class LimitState extends Sinks {
        final Object lock = new Object();

        /** Builds the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            createSinks();
        }
    }

    /** Guava's synchronous {@link EventBus} with one subscriber per sink. */
    @State(Scope.Benchmark)
    public static class GuavaState extends Sinks {
        EventBus bus;

        /** Registers one subscriber per sink. */
        @Setup(Level.Trial)
        public void setUp() {
            createSinks();
            bus = new EventBus("broadcast-benchmark");
            for (LockingSink sink : targets) {
                bus.register(new GuavaSubscriber(sink));
            }
        }
    }

    /**
     * A Guava subscriber that does the sink's work. {@link AllowConcurrentEvents} stops Guava
     * from adding a monitor of its own: the sink's lock is the work, as in every other variant.
     */
    public static final class GuavaSubscriber {
        private final LockingSink sink;

        GuavaSubscriber(LockingSink sink) {
            this.sink = sink;
        }

        /**
         * Receives an event.
         *
         * @param event the event
         */
        @Subscribe
        @AllowConcurrentEvents
        public void on(String event) {
            sink.write(event);
        }
    }

    /**
     * Sinkwire's broadcaster.
     *
     * @param s the state
     */
    @Benchmark
    public void sinkwire(SinkwireState s) {
        s.broadcaster.write(Payloads.EVENT);
        s.written++;
    }

    /**
     * The limit: no library, the sinks called in a bare loop under one lock.
     *
     * @param s the state
     */
    @Benchmark
    public void limitBareLoop(LimitState s) {
        synchronized (s.lock) {
            for (LockingSink sink : s.targets) {
                sink.write(Payloads.EVENT);
            }
        }
        s.written++;
    }

    /**
     * Guava's {@code EventBus.post}, synchronous dispatch on the caller's thread.
     *
     * @param s the state
     */
    @Benchmark
    public void guavaEventBus(GuavaState s) {
        s.bus.post(Payloads.EVENT);
        s.written++;
    }
}
