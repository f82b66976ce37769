/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Implemented by a durable stage (the sink a {@link DurableStoreProvider} creates) that can tell
 * what its store still holds to deliver; {@link dev.sinkwire.cdi.SinkwireStats#backlog(String)}
 * reads it, and {@code sinkwire-metrics} exports it. Safe for concurrent use.
 */
public interface DurableBacklog {

    /**
     * Reads the backlog from the store now. It costs a query: callers cache the answer and never
     * ask per event.
     *
     * @return the backlog now
     * @throws RuntimeException if the store cannot be read
     */
    Backlog backlog();

    /**
     * A durable sink's backlog. Immutable.
     *
     * @param pending the stored events still to deliver (due, backing off, or being delivered)
     * @param oldestAge how long the oldest of them has waited since it was stored; zero when none
     */
    record Backlog(long pending, Duration oldestAge) {

        /**
         * Checks the components.
         *
         * @param pending the stored events still to deliver, zero or more
         * @param oldestAge the oldest one's wait, zero or more
         * @throws NullPointerException if {@code oldestAge} is {@code null}
         * @throws IllegalArgumentException if a component is negative
         */
        public Backlog {
            Objects.requireNonNull(oldestAge, "oldestAge");
            if (pending < 0 || oldestAge.isNegative()) {
                throw new IllegalArgumentException("a backlog is never negative: pending " + pending + ", oldest age "
                        + oldestAge);
            }
        }
    }
}
