/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.Timekeeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16: the Queue (1 producer) and Broadcaster (10 queued sinks) rows of go-events, with
 * metrics off (bare chains, no counting), metered (each sink's chain counted by a {@link SinkMeter}
 * as the CDI layer wires it) and on (counted, and exported the way {@code sinkwire-metrics} exports to Micrometer:
 * a {@link FunctionCounter} or {@link Gauge} per series reading {@link SinkwireStats} at
 * collection time, and the delivery-duration histogram: a {@link Timer} per sink with explicit
 * buckets and no percentiles, fed by {@link SinkMeter#timeDeliveries} on each queue's consumer
 * thread; with a scraper thread collecting every series every 10 ms, hundreds of times more often
 * than a real scraper). One run, side by side; {@code -prof gc} shows the bytes per event of the
 * write path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
public class MetricsBenchmark {

    /** Events per invocation of the queue row. */
    public static final int QUEUE_BATCH = 100_000;
    /** Events per invocation of the broadcaster row. */
    public static final int BROADCAST_BATCH = 10_000;
    private static final int FANOUT = 10;

    /** The registry and scraper of one trial; fresh chains and meters per invocation. */
    @State(Scope.Thread)
    public static class Setting {
        /**
         * {@code off}: bare chains; {@code metered}: chains counted by a {@link SinkMeter}, nothing
         * exported (what the CDI layer always wires); {@code on}: counted chains exported to
         * Micrometer and scraped.
         */
        @Param({"off", "metered", "on"})
        public String metrics;

        /** The meters of the current invocation: fresh with each set of chains, as in the CDI layer. */
        Map<String, SinkMeter> meters;
        /** What the series read: the current invocation's meters. */
        volatile SinkwireStats stats;
        SimpleMeterRegistry registry;
        /** The delivery-duration histogram of each sink (metrics on). */
        Timer[] durations;
        Thread scraper;
        volatile boolean scraping;
        volatile double scraped;
        CountingSink[] sinks;
        Sink<Object> queue;
        Broadcaster<Object> broadcaster;

        boolean on() {
            return metrics.equals("on");
        }

        boolean counted() {
            return !metrics.equals("off");
        }

        /** Registers every series of the ten sinks and starts the scraper (metrics on). */
        @Setup(Level.Trial)
        public void startExport() {
            newMeters();
            if (!on()) {
                return;
            }
            registry = new SimpleMeterRegistry();
            durations = new Timer[FANOUT];
            Duration[] buckets = {Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)};
            for (int i = 0; i < FANOUT; i++) {
                String sink = "sink" + i;
                durations[i] = Timer.builder("sinkwire.delivery.duration").tag("sink", sink)
                        .serviceLevelObjectives(buckets).register(registry);
                counter(sink, "accepted", "none", () -> stats.of(sink).accepted());
                counter(sink, "delivered", "none", () -> stats.of(sink).delivered());
                for (DropReason r : DropReason.values()) {
                    counter(sink, "dropped", r.name().toLowerCase(Locale.ROOT), () -> stats.of(sink).dropped(r));
                }
                FunctionCounter.builder("sinkwire.attempts.failed", this, s -> s.stats.of(sink).failedAttempts())
                        .tag("sink", sink).register(registry);
                FunctionCounter.builder("sinkwire.retries", this, s -> s.stats.of(sink).retried()).tag("sink", sink)
                        .register(registry);
                Gauge.builder("sinkwire.events.pending", this, s -> s.stats.of(sink).pending()).tag("sink", sink)
                        .strongReference(true).register(registry);
            }
            scraping = true;
            scraper = new Thread(() -> {
                while (scraping) {
                    double sum = 0;
                    for (Meter m : registry.getMeters()) {
                        for (Measurement x : m.measure()) {
                            sum += x.getValue();
                        }
                    }
                    scraped = sum;
                    LockSupport.parkNanos(10_000_000L);
                }
            }, "metrics-benchmark-scraper");
            scraper.setDaemon(true);
            scraper.start();
        }

        /** A meter per sink, as the CDI layer makes one per chain when it builds the graph. */
        private void newMeters() {
            Map<String, SinkMeter> fresh = new LinkedHashMap<>();
            for (int i = 0; i < FANOUT; i++) {
                fresh.put("sink" + i, new SinkMeter("sink" + i));
            }
            meters = fresh;
            stats = new SinkwireStats(fresh);
            if (durations != null) { // metrics on: each sink's deliveries are timed, as sinkwire-metrics does
                for (int i = 0; i < FANOUT; i++) {
                    Timer timer = durations[i];
                    fresh.get("sink" + i).timeDeliveries(Timekeeper.system(),
                            nanos -> timer.record(nanos, TimeUnit.NANOSECONDS));
                }
            }
        }

        private void counter(String sink, String outcome, String reason, java.util.function.LongSupplier value) {
            FunctionCounter.builder("sinkwire.events", value, v -> v.getAsLong()).tag("sink", sink)
                    .tag("outcome", outcome).tag("reason", reason).register(registry);
        }

        /** Stops the scraper. */
        @TearDown(Level.Trial)
        public void stopExport() throws InterruptedException {
            if (scraper != null) {
                scraping = false;
                scraper.join();
            }
        }

        /** A fresh queue (counted when on) in front of one sink, and a broadcaster over ten. */
        @Setup(Level.Invocation)
        public void build() {
            newMeters();
            sinks = new CountingSink[FANOUT];
            @SuppressWarnings("unchecked")
            Sink<Object>[] members = new Sink[FANOUT];
            for (int i = 0; i < FANOUT; i++) {
                sinks[i] = new CountingSink();
                members[i] = chain(i, sinks[i]);
            }
            broadcaster = new Broadcaster<>(members);
            queue = chain(0, new CountingSink());
        }

        private Sink<Object> chain(int i, CountingSink sink) {
            if (!counted()) {
                return new Queue<>(sink);
            }
            SinkMeter meter = meters.get("sink" + i);
            return meter.accepting(new Queue<>(meter.delivering(sink)));
        }

        /** Closes what the invocation did not use (the row it did not run). */
        @TearDown(Level.Invocation)
        public void close() {
            queue.close();
            broadcaster.close();
        }
    }

    /**
     * Queue, one producer, then close.
     *
     * @param s the setting
     */
    @Benchmark
    @OperationsPerInvocation(QUEUE_BATCH)
    public void queue1Producer(Setting s) {
        Sink<Object> q = s.queue;
        for (int i = 0; i < QUEUE_BATCH; i++) {
            q.write(Payloads.EVENT);
        }
        q.close();
    }

    /**
     * Broadcaster to ten queued sinks, then close.
     *
     * @param s the setting
     */
    @Benchmark
    @OperationsPerInvocation(BROADCAST_BATCH)
    public void broadcast10Queues(Setting s) {
        Broadcaster<Object> b = s.broadcaster;
        for (int i = 0; i < BROADCAST_BATCH; i++) {
            b.write(Payloads.EVENT);
        }
        b.close();
    }
}
