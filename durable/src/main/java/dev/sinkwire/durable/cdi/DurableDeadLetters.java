/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import dev.sinkwire.durable.OutboxDeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dead letters of every durable sink of the application ({@code store=jdbc}), by sink name:
 * {@code deadLetters.of("orders").list(50)}, {@code replay(id)}, {@code replayAll()},
 * {@code purge(id)}, {@code purgeAll()} ({@link OutboxDeadLetters}). Inject it where operators act
 * on dead letters (an admin endpoint, a scheduled job). Dead letters are rows of the outbox table:
 * the view reads and changes the table, so it sees the dead letters of every instance sharing it.
 *
 * <p>Safe for concurrent use.
 */
@ApplicationScoped
public class DurableDeadLetters {

    private final Map<String, OutboxDeadLetters> sinks = new ConcurrentHashMap<>();

    /** For the container. */
    public DurableDeadLetters() {
    }

    /**
     * The names of the durable sinks of the application.
     *
     * @return the names, sorted; unmodifiable
     */
    public Set<String> sinks() {
        return Collections.unmodifiableSet(new TreeSet<>(sinks.keySet()));
    }

    /**
     * The dead letters of one durable sink.
     *
     * @param sink the sink's name
     * @return its dead letters: list, count, replay, purge
     * @throws IllegalArgumentException if no durable sink has that name (the message lists them)
     */
    public OutboxDeadLetters of(String sink) {
        Objects.requireNonNull(sink, "sink");
        OutboxDeadLetters letters = sinks.get(sink);
        if (letters == null) {
            throw new IllegalArgumentException("no durable sink named '" + sink + "'; durable sinks (store=jdbc): "
                    + (sinks.isEmpty() ? "(none)" : String.join(", ", sinks())));
        }
        return letters;
    }

    /** Called by {@link JdbcStoreProvider} for each durable sink it builds in this container. */
    void register(String sink, OutboxDeadLetters letters) {
        sinks.put(sink, letters);
    }
}
