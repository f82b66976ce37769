/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.cdi.SinkwireStats;
import io.smallrye.config.inject.ConfigExtension;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.metrics.SinkwireMetrics;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.se.SeContainer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;

/**
 * One run of the demo: a receiver, a Weld SE container with three sinks, producers firing CDI
 * events, the receiver failing and recovering, and the final accounting. Not thread-safe: one
 * run per instance, from one thread.
 */
final class DemoRun {

    /** The key of the webhook's URL; the webhook itself is declared in microprofile-config.properties alone. */
    static final String WEBHOOK_URL = "sinkwire.sinks.webhook.url";

    /**
     * The knobs of a run.
     *
     * @param producers producer threads
     * @param eventsPerProducer events each producer fires
     * @param failFor how long the receiver answers 503
     * @param stallFor how long the receiver stalls (each request held {@code stall})
     * @param stall how long a stalled request is held (longer than the sink's timeout)
     * @param deadline give up waiting for delivery after this (a run that needs longer fails its verdict)
     */
    record Options(int producers, int eventsPerProducer, Duration failFor, Duration stallFor, Duration stall,
            Duration deadline) {
        static Options standard() {
            return new Options(4, 1_000, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(600),
                    Duration.ofMinutes(5)); // a guard against a hang, not a speed goal: a loaded 2-core machine needs a minute
        }
    }

    /**
     * What a run found.
     *
     * @param fired events fired
     * @param stats every sink's final counts
     * @param problems what went wrong (empty: nothing lost, nothing duplicated)
     * @param receiverAccepted requests the receiver answered 200
     * @param receiverUnique distinct envelope ids among them
     * @param receiverRefused requests answered 503
     * @param receiverStalled requests stalled past the sink's timeout
     */
    record Result(int fired, Map<String, SinkStats> stats, List<String> problems, long receiverAccepted,
            long receiverUnique, long receiverRefused, long receiverStalled) {
        boolean nothingLost() {
            return problems.isEmpty();
        }
    }

    private final Options options;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final Map<String, Double> doneAt = new ConcurrentHashMap<>();

    DemoRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    Result run() throws Exception {
        int total = options.producers() * options.eventsPerProducer();
        try (Receiver receiver = new Receiver(options.stall())) {
            System.setProperty(WEBHOOK_URL, receiver.url().toString());
            out.printf("Receiver listening on %s%n", receiver.url());
            // Explicit beans and extensions: the same in the shaded jar, in the IDE and in tests.
            SeContainer container = new Weld().disableDiscovery()
                    .addBeanClasses(AuditLog.class, BigOrders.class, BigOrderMatcher.class) // the webhook: config only
                    .addBeanClasses(SinkwireMetrics.class, DemoMetrics.class) // metrics into a Micrometer registry
                    .addExtension(new ConfigExtension())
                    .addExtension(new SinkwireExtension())
                    .initialize();
            SinkwireStats stats;
            Map<String, AtomicInteger> audited;
            Map<String, AtomicInteger> bigSeen;
            Map<String, Map<String, Long>> scraped;
            boolean settledInTime = false;
            Set<String> expectedBig = ConcurrentHashMap.newKeySet();
            try {
                stats = container.select(SinkwireStats.class).get();
                audited = container.select(AuditLog.class).get().seen(); // the maps outlive the container
                bigSeen = container.select(BigOrders.class).get().seen();
                Event<Object> events = container.getBeanManager().getEvent();
                AtomicInteger fired = new AtomicInteger();
                CountDownLatch producersDone = new CountDownLatch(options.producers());
                List<Thread> producers = new ArrayList<>();
                for (int p = 0; p < options.producers(); p++) {
                    int producer = p;
                    Thread t = new Thread(() -> {
                        try {
                            produce(producer, events, fired, expectedBig);
                        } finally {
                            producersDone.countDown();
                        }
                    }, "demo-producer-" + p);
                    t.setDaemon(true);
                    producers.add(t);
                }
                out.printf("Firing %d events from %d threads (Event.fire and Event.fireAsync)%n", total,
                        options.producers());
                producers.forEach(Thread::start);

                Phase phase = new Phase(receiver);
                long lastLine = 0;
                while (true) {
                    phase.advance(total);
                    boolean done = producersDone.getCount() == 0 && settled(stats.all(), total, expectedBig.size());
                    long now = System.nanoTime();
                    if (phase.changed() || now - lastLine >= 1_000_000_000L || done) {
                        out.println(progress(fired.get(), total, receiver, stats.all()));
                        lastLine = now;
                    }
                    if (done || now - start > options.deadline().toNanos()) {
                        settledInTime = done;
                        break;
                    }
                    Thread.sleep(50); // polling the demo's progress display, not a synchronization
                }
                for (Thread t : producers) {
                    t.join();
                }
                scraped = printMetrics(container);
            } finally {
                container.close(); // drains every queue, closes the sinks
            }
            Map<String, SinkStats> finalStats = stats.all(); // usable after the application stopped
            List<String> problems = verify(total, receiver, audited, bigSeen, expectedBig, finalStats);
            if (settledInTime) {
                problems.addAll(compare(scraped, finalStats));
            } else { // scraped while events were still in flight: those values cannot be the final counts
                problems.add("the sinks had not delivered every event " + options.deadline().toSeconds()
                        + " s after the start (the shutdown then delivered or reported the rest: see the table)");
            }
            return new Result(total, finalStats, problems, receiver.accepted(), receiver.unique(), receiver.refused(),
                    receiver.stalled());
        } finally {
            System.clearProperty(WEBHOOK_URL);
        }
    }

    /**
     * Prints where the metrics went and would be scraped, and the {@code sinkwire.events} values
     * read from the registry (the numbers of the final table, read the way a scraper reads them).
     */
    private Map<String, Map<String, Long>> printMetrics(SeContainer container) {
        List<String> exporters = container.select(SinkwireMetrics.class).get().exporters();
        Map<String, Map<String, Long>> events = container.select(DemoMetrics.class).get().events();
        out.printf("Metrics: exported to %s (a Micrometer SimpleMeterRegistry here). In a runtime they are scraped at"
                + " /q/metrics (Quarkus, Micrometer Prometheus) or /metrics (Payara, Open Liberty mpMetrics-5.1);"
                + " health at /q/health/ready or /health/ready. See docs/metrics.md.%n", exporters);
        events.forEach((sink, byOutcome) -> out.printf("  sinkwire.events{sink=%s}: %s%n", sink, byOutcome));
        return events;
    }

    /** The scraped values must be the final counts (the run is quiet by then). */
    private static List<String> compare(Map<String, Map<String, Long>> scraped, Map<String, SinkStats> stats) {
        List<String> problems = new ArrayList<>();
        stats.forEach((sink, s) -> {
            Map<String, Long> m = scraped.getOrDefault(sink, Map.of());
            if (m.getOrDefault("accepted", 0L) != s.accepted() || m.getOrDefault("delivered", 0L) != s.delivered()) {
                problems.add("metrics of sink " + sink + " " + m + " differ from its counts " + s);
            }
        });
        return problems;
    }

    private boolean settled(Map<String, SinkStats> all, int total, int big) {
        boolean everyone = true;
        for (SinkStats s : all.values()) {
            int expected = s.sink().equals("big-orders") ? big : total;
            boolean sinkDone = s.accepted() == expected && s.pending() == 0;
            if (sinkDone) {
                doneAt.putIfAbsent(s.sink(), seconds());
            }
            everyone &= sinkDone;
        }
        return everyone;
    }

    private void produce(int producer, Event<Object> events, AtomicInteger fired, Set<String> expectedBig) {
        Random random = new Random(producer);
        for (int i = 0; i < options.eventsPerProducer(); i++) {
            String id = "p" + producer + "-" + i;
            OrderEvent e;
            if (i % 5 == 4) {
                e = new OrderCancelled(id, "customer asked");
            } else {
                int quantity = 1 + random.nextInt(9);
                e = new OrderPlaced(id, quantity);
                if (quantity >= BigOrderMatcher.BIG) {
                    expectedBig.add(id);
                }
            }
            if (i % 2 == 0) {
                events.fire(e);
            } else {
                events.fireAsync(e).toCompletableFuture().join();
            }
            fired.incrementAndGet();
            if (i % 50 == 49) {
                Thread.yield();
            }
        }
    }

    /** Drives the receiver: healthy until a quarter arrived, then 503s, then a stall, then healthy. */
    private final class Phase {
        private final Receiver receiver;
        private int step;
        private long since;
        private boolean changed = true;

        Phase(Receiver receiver) {
            this.receiver = receiver;
        }

        void advance(int total) {
            long now = System.nanoTime();
            switch (step) {
                case 0 -> {
                    if (receiver.unique() >= total / 4) {
                        next(Receiver.Mode.FAIL_503, now, "receiver answers 503 for " + options.failFor().toMillis()
                                + " ms");
                    }
                }
                case 1 -> {
                    if (now - since >= options.failFor().toNanos()) {
                        next(Receiver.Mode.STALL, now, "receiver stalls (" + options.stall().toMillis()
                                + " ms per request, longer than the sink's timeout) for "
                                + options.stallFor().toMillis() + " ms");
                    }
                }
                case 2 -> {
                    if (now - since >= options.stallFor().toNanos()) {
                        next(Receiver.Mode.OK, now, "receiver recovered");
                    }
                }
                default -> {
                    // recovered: nothing more to do
                }
            }
        }

        private void next(Receiver.Mode mode, long now, String what) {
            receiver.mode(mode);
            step++;
            since = now;
            changed = true;
            out.printf("[%5.1fs] == %s%n", seconds(), what);
        }

        boolean changed() {
            boolean c = changed;
            changed = false;
            return c;
        }
    }

    private String progress(int fired, int total, Receiver receiver, Map<String, SinkStats> all) {
        StringBuilder s = new StringBuilder(String.format("[%5.1fs] fired %d/%d | receiver %-8s got %d (503: %d,"
                + " stalled: %d)", seconds(), fired, total, receiver.mode(), receiver.unique(), receiver.refused(),
                receiver.stalled()));
        all.forEach((name, st) -> s.append(String.format(" | %s %d/%d", name, st.delivered(), st.accepted())));
        return s.toString();
    }

    private List<String> verify(int total, Receiver receiver, Map<String, AtomicInteger> audited,
            Map<String, AtomicInteger> bigSeen, Set<String> expectedBig,
            Map<String, SinkStats> stats) {
        List<String> problems = new ArrayList<>();
        if (receiver.unique() != total || receiver.orderIds().size() != total) {
            problems.add("receiver got " + receiver.unique() + " distinct envelopes for " + receiver.orderIds().size()
                    + " distinct orders; expected " + total);
        }
        checkOnce("audit", audited, total, problems);
        checkOnce("big-orders", bigSeen, expectedBig.size(), problems);
        if (!bigSeen.keySet().equals(expectedBig)) {
            problems.add("big-orders did not get exactly the orders of " + BigOrderMatcher.BIG + "+ items");
        }
        stats.forEach((name, st) -> {
            if (st.droppedTotal() != 0 || st.pending() != 0) {
                problems.add(name + ": dropped " + st.droppedTotal() + ", pending " + st.pending());
            }
        });
        if (stats.isEmpty()) {
            problems.add("no counts from SinkwireStats");
        }
        return problems;
    }

    private static void checkOnce(String sink, Map<String, AtomicInteger> seen, int expected, List<String> problems) {
        long twice = seen.values().stream().filter(n -> n.get() != 1).count();
        if (seen.size() != expected || twice != 0) {
            problems.add(sink + " saw " + seen.size() + " distinct events (expected " + expected + "), " + twice
                    + " more than once");
        }
    }

    void printTable(Result result) {
        out.println();
        out.printf("%-11s %9s %10s %8s %9s %8s%n", "sink", "accepted", "delivered", "retried", "dropped", "time");
        result.stats().forEach((name, s) -> out.printf("%-11s %9d %10d %8d %9d %7.1fs%n", name, s.accepted(),
                s.delivered(), s.retried(), s.droppedTotal(), doneAt.getOrDefault(name, Double.NaN)));
        out.println();
        out.printf("receiver: %d requests answered 200 for %d distinct envelopes (%d resent after a lost answer,"
                + " counted once), %d answered 503, %d stalled%n", result.receiverAccepted(), result.receiverUnique(),
                result.receiverAccepted() - result.receiverUnique(), result.receiverRefused(),
                result.receiverStalled());
        if (result.nothingLost()) {
            out.printf("VERDICT: OK - %d events fired; the receiver got every one exactly once (by envelope id),"
                    + " every sink delivered all it accepted, nothing dropped.%n", result.fired());
        } else {
            out.println("VERDICT: FAILED");
            result.problems().forEach(p -> out.println("  - " + p));
        }
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
