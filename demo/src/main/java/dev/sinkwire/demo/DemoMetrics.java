/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's metrics system: a Micrometer {@link SimpleMeterRegistry}, produced as the
 * application's {@link MeterRegistry} (Quarkus produces its Prometheus one the same way), into
 * which {@code sinkwire-metrics} exports every sink's series. Safe for concurrent use.
 */
@ApplicationScoped
public class DemoMetrics {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** For the container. */
    public DemoMetrics() {
    }

    /**
     * The application's registry.
     *
     * @return the registry
     */
    @Produces
    MeterRegistry registry() {
        return registry;
    }

    /**
     * The values of {@code sinkwire.events} per sink and outcome, read as a scraper would.
     *
     * @return {@code sink -> "outcome[/reason]" -> count}, counts of 0 left out
     */
    Map<String, Map<String, Long>> events() {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        for (FunctionCounter c : registry.find("sinkwire.events").functionCounters()) {
            long n = (long) c.count();
            if (n == 0) {
                continue;
            }
            String outcome = c.getId().getTag("outcome");
            String reason = c.getId().getTag("reason");
            all.computeIfAbsent(c.getId().getTag("sink"), s -> new TreeMap<>())
                    .put(outcome + ("none".equals(reason) ? "" : "/" + reason), n);
        }
        return all;
    }
}
