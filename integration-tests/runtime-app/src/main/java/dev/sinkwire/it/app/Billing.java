/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Method sink (name "billing-charge" by default) and the qualified, retried, filtered "premium" sink. */
@ApplicationScoped
public class Billing {
    @Inject
    Recorder recorder;

    @EventSink
    void charge(Order order) {
        recorder.record("billing-charge", order.getId());
    }

    /** Fails the first attempt of every order whose id starts with "flaky": the breaker retries it. */
    @EventSink("premium")
    void premium(@Premium Order order) {
        int attempt = recorder.attempt("premium", order.getId()) + 1;
        recorder.record("premium", order.getId() + "#" + attempt);
        if (order.getId().startsWith("flaky") && attempt == 1) {
            throw new IllegalStateException("first attempt of " + order.getId() + " fails");
        }
    }
}
