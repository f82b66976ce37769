/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import io.agroal.api.AgroalDataSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the relay tests on H2 share, as a class to extend: a pool on the H2 server for the test
 * class ({@link #h2}), a test clock, and the list of sinks a test builds, each closed after the test
 * (a subclass's own {@code @AfterEach} runs before that). The sink list is safe for concurrent use
 * (a relay's thread may add to it); the rest is used by JUnit's one thread per test class.
 */
abstract class H2Relays {

    static AgroalDataSource h2;
    final List<DurableSink<?>> sinks = new CopyOnWriteArrayList<>();
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void startH2() {
        h2 = Databases.pool(Databases.url(Databases.Kind.H2), "sa", 8);
    }

    @AfterAll
    static void stopH2() {
        h2.close();
    }

    @AfterEach
    void closeSinks() {
        sinks.forEach(DurableSink::close);
    }
}
