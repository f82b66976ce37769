/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.EventSink;
import dev.sinkwire.cdi.SinkwireExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
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
 * The CDI bridge: {@code Event.fire} of one event reaching one Sinkwire method sink
 * ({@code @EventSink} on a method, synchronous: {@code async=false}, {@code retry.strategy=none},
 * no filter), against the same event reaching a plain {@code @Observes} method doing the same
 * work. Each runs in its own Weld SE container (with the Sinkwire extension only for the first).
 * One operation is one event delivered.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CdiBridgeBenchmark {

    /** The event: one small immutable object, allocated once. */
    public static final class Ping {
        static final Ping INSTANCE = new Ping();

        private Ping() {
        }
    }

    /** A bean with one Sinkwire method sink. */
    @ApplicationScoped
    public static class MethodSinkBean {
        private final LockingSink sink = new LockingSink();

        /**
         * The method sink.
         *
         * @param ping the event
         */
        @EventSink("bench")
        public void receive(Ping ping) {
            sink.write(ping);
        }

        /**
         * Returns how many events arrived.
         *
         * @return the count
         */
        public long count() {
            return sink.count();
        }
    }

    /** A bean with one plain observer method doing the same work. */
    @ApplicationScoped
    public static class ObserverBean {
        private final LockingSink sink = new LockingSink();

        /**
         * The observer.
         *
         * @param ping the event
         */
        public void receive(@Observes Ping ping) {
            sink.write(ping);
        }

        /**
         * Returns how many events arrived.
         *
         * @return the count
         */
        public long count() {
            return sink.count();
        }
    }

    /** Fires events through an injected {@code Event<Ping>}, as application code does. */
    @Dependent
    public static class Firer {
        @Inject
        Event<Ping> event;

        /** Fires one event synchronously. */
        public void fire() {
            event.fire(Ping.INSTANCE);
        }
    }

    /** A Weld SE container; subclasses choose the beans. */
    @State(Scope.Benchmark)
    public abstract static class Container {
        WeldContainer weld;
        Firer firer;
        long written;

        abstract long delivered();

        /** Every event must have arrived exactly once. */
        @TearDown(Level.Iteration)
        public void verify() {
            if (delivered() != written) {
                throw new IllegalStateException("delivered " + delivered() + " events, want " + written);
            }
        }

        /** Shuts the container down. */
        @TearDown(Level.Trial)
        public void tearDown() {
            weld.shutdown();
        }
    }

    /** Weld with the Sinkwire extension and the method sink, configured synchronous. */
    @State(Scope.Benchmark)
    public static class SinkwireContainer extends Container {
        MethodSinkBean bean;

        /** Boots the container; the configuration comes from system properties (MP Config). */
        @Setup(Level.Trial)
        public void setUp() {
            System.setProperty("sinkwire.sinks.bench.async", "false");
            System.setProperty("sinkwire.sinks.bench.retry.strategy", "none");
            weld = new Weld("cdi-bridge-sinkwire")
                    .disableDiscovery()
                    .addExtension(new SinkwireExtension())
                    .addBeanClasses(MethodSinkBean.class, Firer.class)
                    .initialize();
            firer = weld.select(Firer.class).get();
            bean = weld.select(MethodSinkBean.class).get();
        }

        @Override
        long delivered() {
            return bean.count();
        }
    }

    /** Weld with a plain observer, no extension. */
    @State(Scope.Benchmark)
    public static class PlainContainer extends Container {
        ObserverBean bean;

        /** Boots the container. */
        @Setup(Level.Trial)
        public void setUp() {
            weld = new Weld("cdi-bridge-plain")
                    .disableDiscovery()
                    .addBeanClasses(ObserverBean.class, Firer.class)
                    .initialize();
            firer = weld.select(Firer.class).get();
            bean = weld.select(ObserverBean.class).get();
        }

        @Override
        long delivered() {
            return bean.count();
        }
    }

    /**
     * {@code Event.fire} to a Sinkwire method sink.
     *
     * @param c the container
     */
    @Benchmark
    public void sinkwireMethodSink(SinkwireContainer c) {
        c.firer.fire();
        c.written++;
    }

    /**
     * {@code Event.fire} to a plain {@code @Observes} method.
     *
     * @param c the container
     */
    @Benchmark
    public void plainObserves(PlainContainer c) {
        c.firer.fire();
        c.written++;
    }
}
