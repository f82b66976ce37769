/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
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
 * The CDI peer of {@code BenchmarkBroadcast10}: Weld SE's {@code Event.fire} of one event to ten
 * plain {@code @Observes} methods, each doing a {@link LockingSink}'s work. One operation is one
 * event reaching all ten observers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WeldEventBenchmark {

    /** A Weld SE container holding {@link TenObservers} and an {@link Emitter}. */
    @State(Scope.Benchmark)
    public static class Container {
        WeldContainer weld;
        Emitter emitter;
        TenObservers observers;
        long written;

        /** Boots Weld SE with discovery off and the two bean classes added. */
        @Setup(Level.Trial)
        public void setUp() {
            weld = new Weld("weld-event-benchmark")
                    .disableDiscovery()
                    .addBeanClasses(TenObservers.class, Emitter.class)
                    .initialize();
            emitter = weld.select(Emitter.class).get();
            observers = weld.select(TenObservers.class).get();
        }

        /** Every observer must have seen every event exactly once. */
        @TearDown(Level.Iteration)
        public void verify() {
            for (int i = 0; i < TenObservers.COUNT; i++) {
                if (observers.count(i) != written) {
                    throw new IllegalStateException("observer " + i + " saw " + observers.count(i)
                            + " events, want " + written);
                }
            }
        }

        /** Shuts the container down. */
        @TearDown(Level.Trial)
        public void tearDown() {
            weld.shutdown();
        }
    }

    /** Fires events the way application code does: through an injected {@code Event<String>}. */
    @Dependent
    public static class Emitter {
        @Inject
        Event<String> event;

        /**
         * Fires one event synchronously.
         *
         * @param payload the event
         */
        public void fire(String payload) {
            event.fire(payload);
        }
    }

    /**
     * {@code Event.fire} to ten observers.
     *
     * @param s the container
     */
    @Benchmark
    public void weldEventFire10(Container s) {
        s.emitter.fire(Payloads.EVENT);
        s.written++;
    }
}
