/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Scrapes (Micrometer) while producers write and the application stops: every exported counter
 * only grows from one scrape to the next, before, during and after the stop, and no gauge is
 * negative; the series are removed at the end.
 */
class ScrapeWhileStoppingTest {

    private static final int WRITERS = 4;

    /** Sink {@code busy}: takes every event at once, counting the first ones. Safe for concurrent use. */
    @EventSink("busy")
    @ApplicationScoped
    static class Busy implements Sink<Fixtures.Ping> {
        static final CountDownLatch FIRST = new CountDownLatch(1_000);

        @Override
        public void write(Fixtures.Ping event) {
            FIRST.countDown();
        }

        @Override
        public void close() {
        }
    }

    /** One scrape: every sinkwire meter's value by id. */
    private static Map<Meter.Id, Double> scrape(List<Meter> meters) {
        Map<Meter.Id, Double> values = new HashMap<>();
        for (Meter m : meters) {
            values.put(m.getId(), m instanceof FunctionCounter c ? c.count() : ((Gauge) m).value());
        }
        return values;
    }

    @Test
    void countersOnlyGrowAndGaugesStayNonNegativeWhileTheApplicationStops() throws Exception {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<Meter> meters;
        @SuppressWarnings("unchecked")
        Map<Meter.Id, Double>[] previous = new Map[1]; // the scraper's last scrape
        try (TestContainer c = TestContainer.start(Map.of("sinkwire.sinks.busy.queue.capacity", "16",
                "sinkwire.sinks.busy.queue.overflow", "drop-oldest"), Busy.class,
                MicrometerExportTest.Registry.class, SinkwireMetrics.class)) {
            meters = MicrometerExportTest.Registry.REGISTRY.getMeters().stream()
                    .filter(m -> m.getId().getName().startsWith("sinkwire.") && m.getId().getTag("le") == null)
                    .filter(m -> m instanceof FunctionCounter || m instanceof Gauge).toList();
            assertThat(meters).isNotEmpty();
            CyclicBarrier start = new CyclicBarrier(WRITERS + 1);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (long i = 0; !done.get(); i++) {
                            c.fire(new Fixtures.Ping(writer + "-" + i));
                        }
                    } catch (Exception stopped) {
                        // the container stopped under the writer: the end of its work
                    }
                }, "writer-" + w));
            }
            previous[0] = scrape(meters);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    problems.add(e.toString());
                    return;
                }
                while (!done.get()) {
                    Map<Meter.Id, Double> now = scrape(meters);
                    compare(meters, previous[0], now, problems);
                    previous[0] = now;
                    if (ThreadLocalRandom.current().nextInt(8) == 0) {
                        Thread.yield();
                    }
                }
            }, "scraper"));
            Collections.shuffle(threads, ThreadLocalRandom.current());
            threads.forEach(Thread::start);
            assertThat(Busy.FIRST.await(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            done.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(1));
            }
        }
        // after the stop, the meters a scraper still holds read the final counts: still not smaller
        Map<Meter.Id, Double> after = scrape(meters);
        compare(meters, previous[0], after, problems);
        assertThat(problems).isEmpty();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(MicrometerExportTest.Registry.REGISTRY.find("sinkwire.events").meters())
                .as("removed when the application stops").isEmpty();
    }

    private static void compare(List<Meter> meters, Map<Meter.Id, Double> before, Map<Meter.Id, Double> now,
            List<String> problems) {
        for (Meter m : meters) {
            double b = before.get(m.getId());
            double n = now.get(m.getId());
            if (m instanceof FunctionCounter && n < b) {
                problems.add(m.getId() + " went down from " + b + " to " + n);
            }
            if (n < 0 || Double.isNaN(n)) {
                problems.add(m.getId() + " read " + n);
            }
        }
    }
}
