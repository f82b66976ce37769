/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole configuration of one application's graph, read once by {@link SpecReader}. Immutable.
 *
 * @param shutdownTimeout how long shutdown waits for queued events before reporting the rest
 * @param deadLetterEvents whether undelivered events are also fired as CDI {@code DeadLetter} events
 * @param threadFactoryJndiName where to look up the container's managed thread factory, or {@code null}
 * @param sinks every sink, by name, in declaration order
 * @param metricsEnabled whether {@code sinkwire-metrics} exports metrics ({@link Keys#METRICS_ENABLED})
 * @param sources every enabled source ({@code sinkwire.sources.<name>.*}), by name; run by the module
 *     of its type ({@code sinkwire-kafka})
 */
public record Spec(Duration shutdownTimeout, boolean deadLetterEvents, String threadFactoryJndiName,
        Map<String, SinkSpec> sinks, boolean metricsEnabled, Map<String, SourceSpec> sources) {

    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The Jakarta EE default managed thread factory. */
    public static final String DEFAULT_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    public String deadLetterOf(String sink) {
        SinkSpec s = sinks.get(sink);
        return s == null ? null : s.deadLetter();
    }

    /** @return the names of the sinks that receive another sink's dead letters */
    public Set<String> deadLetterSinks() {
        return sinks.values().stream().map(SinkSpec::deadLetter).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The order in which to close chains: a dead-letter sink after every sink that reports into it, so that their last
     * reports (shutdown leftovers) still reach it. Otherwise declaration order.
     */
    public List<String> closeOrder(Collection<String> names) {
        Map<String, Integer> depth = new HashMap<>();
        names.forEach(n -> depth.put(n, 0));
        // the reader rejects cycles: relaxing |names| times settles every depth
        for (int i = 0; i < names.size(); i++) {
            for (String n : names) {
                String target = deadLetterOf(n);
                if (target != null && depth.containsKey(target)) {
                    depth.put(target, Math.max(depth.get(target), depth.get(n) + 1));
                }
            }
        }
        List<String> order = new ArrayList<>(names);
        order.sort(Comparator.comparingInt(depth::get)); // stable: declaration order within a depth
        return order;
    }
}
