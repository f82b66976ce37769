/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Method sinks: every order ({@code billing}) and premium orders only ({@code premium}). Thread-safe. */
@ApplicationScoped
public class Billing {
    @Inject
    Recorder recorder;

    @EventSink("billing")
    void charge(Order order) {
        recorder.record("billing", order.id());
    }

    /** Qualified: only orders fired with {@link Premium}; a breaker retries the first failure. */
    @EventSink("premium")
    void premium(@Premium Order order) {
        int attempt = recorder.record("premium", order.id());
        if (order.id().contains("flaky") && attempt == 1) {
            throw new IllegalStateException("premium: attempt 1 of " + order.id() + " fails");
        }
    }
}
