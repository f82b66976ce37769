/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.se.SeContainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;

/**
 * The restart demo: a durable sink ({@code store=jdbc}, the embedded H2 database in a directory)
 * accepts orders while the ledger service is down; the application stops with every event still
 * undelivered; a new container on the same database delivers them all once the service is up,
 * each with the outbox id it had before the restart. Not thread-safe: one run per instance.
 */
final class RestartRun {

    /**
     * What a run found.
     *
     * @param fired events fired in the first run
     * @param before the ledger sink's counts when the first run stopped
     * @param after its counts when the second run stopped
     * @param problems what went wrong (empty: everything arrived)
     */
    record Result(int fired, SinkStats before, SinkStats after, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Path directory;
    private final int producers;
    private final int perProducer;
    private final Duration deadline;
    private final PrintStream out;

    RestartRun(Path directory, int producers, int perProducer, Duration deadline, PrintStream out) {
        this.directory = directory;
        this.producers = producers;
        this.perProducer = perProducer;
        this.deadline = deadline;
        this.out = out;
    }

    Result run() throws Exception {
        int total = producers * perProducer;
        Ledger.Service.reset();
        out.printf("Outbox: embedded H2 database in %s%n", directory.toAbsolutePath());
        out.println("== run 1: the ledger service is down");
        SinkStats before;
        try (Running first = start()) {
            fire(first.container.getBeanManager().getEvent(), total);
            before = first.stats();
            out.printf("fired %d orders; ledger: accepted %d, delivered %d, pending %d; refused attempts so far for"
                    + " %d orders%n", total, before.accepted(), before.delivered(), before.pending(),
                    Ledger.Service.refused().size());
            out.println("== stopping the application (the events are rows of the outbox table, not in memory)");
        }
        Ledger.Service.up(true);
        out.println("== run 2: a new container on the same database; the ledger service is up");
        SinkStats after;
        try (Running second = start()) {
            long start = System.nanoTime();
            while (second.stats().delivered() < total && System.nanoTime() - start < deadline.toNanos()) {
                Thread.sleep(50); // polling the demo's progress display, not a synchronization
            }
            after = second.stats();
            out.printf("ledger: delivered %d in %.1f s after the restart%n", after.delivered(),
                    (System.nanoTime() - start) / 1e9);
        }
        return new Result(total, before, after, verify(total, before));
    }

    private List<String> verify(int total, SinkStats before) {
        List<String> problems = new ArrayList<>();
        if (before.accepted() != total || before.delivered() != 0) {
            problems.add("run 1 accepted " + before.accepted() + " and delivered " + before.delivered() + "; expected "
                    + total + " and 0");
        }
        Map<String, List<UUID>> received = Ledger.Service.received();
        if (received.size() != total) {
            problems.add("the ledger got " + received.size() + " distinct orders; expected " + total);
        }
        long repeated = received.values().stream().filter(ids -> ids.size() != 1).count();
        if (repeated != 0) {
            problems.add(repeated + " orders arrived more than once");
        }
        long changed = Ledger.Service.refused().entrySet().stream()
                .filter(e -> received.containsKey(e.getKey()) && !received.get(e.getKey()).contains(e.getValue()))
                .count();
        if (changed != 0) {
            problems.add(changed + " orders arrived with another id than before the restart");
        }
        return problems;
    }

    private void fire(Event<Object> events, int total) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        events.fire(new OrderPlaced("r" + producer + "-" + i, 1 + i % 9));
                    }
                } finally {
                    done.countDown();
                }
            }, "restart-producer-" + p);
            t.start();
        }
        done.await();
    }

    private Running start() {
        Map<String, String> keys = Map.of(
                "sinkwire.sinks.ledger.store", "jdbc",
                "sinkwire.sinks.ledger.store.h2.directory", directory.toString(),
                // the relay keeps retrying while the service is down: 100 ms doubling to 1 s, never giving up
                "sinkwire.sinks.ledger.store.retry.base", "100ms",
                "sinkwire.sinks.ledger.store.retry.max", "1s",
                "sinkwire.sinks.ledger.store.max-attempts", "1000000");
        // its own configuration: these keys and the system, not the other demo's microprofile-config.properties
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addSystemSources()
                .withSources(new PropertiesConfigSource(keys, "restart demo", 100)).build();
        resolver.registerConfig(config, loader);
        try {
            SeContainer container = new Weld().disableDiscovery().addBeanClasses(Ledger.class)
                    .addExtension(new ConfigExtension()).addExtension(new SinkwireExtension()).initialize();
            return new Running(container, config);
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    /** One container and its configuration. */
    private record Running(SeContainer container, SmallRyeConfig config) implements AutoCloseable {
        SinkStats stats() {
            return container.select(SinkwireStats.class).get().of("ledger");
        }

        @Override
        public void close() {
            try {
                container.close();
            } finally {
                ConfigProviderResolver.instance().releaseConfig(config);
            }
        }
    }
}
