/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A CDI bean with ten plain {@code @Observes} methods, each doing the work of one
 * {@link LockingSink}: the Weld peer of a broadcast to ten sinks.
 *
 * <p>Safe for concurrent use as far as the sinks are (each holds its own lock).
 */
@ApplicationScoped
public class TenObservers {

    /** How many observer methods this bean declares. */
    static final int COUNT = 10;

    private final LockingSink[] sinks = new LockingSink[COUNT];

    /** Creates the bean (CDI needs a no-argument constructor). */
    public TenObservers() {
        for (int i = 0; i < COUNT; i++) {
            sinks[i] = new LockingSink();
        }
    }

    /**
     * Returns how many events observer {@code i} saw.
     *
     * @param i the observer, 0 to 9
     * @return its count
     */
    public long count(int i) {
        return sinks[i].count();
    }

    void on0(@Observes String event) {
        sinks[0].write(event);
    }

    void on1(@Observes String event) {
        sinks[1].write(event);
    }

    void on2(@Observes String event) {
        sinks[2].write(event);
    }

    void on3(@Observes String event) {
        sinks[3].write(event);
    }

    void on4(@Observes String event) {
        sinks[4].write(event);
    }

    void on5(@Observes String event) {
        sinks[5].write(event);
    }

    void on6(@Observes String event) {
        sinks[6].write(event);
    }

    void on7(@Observes String event) {
        sinks[7].write(event);
    }

    void on8(@Observes String event) {
        sinks[8].write(event);
    }

    void on9(@Observes String event) {
        sinks[9].write(event);
    }
}
