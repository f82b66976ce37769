/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A class sink of every shop event; configuration filters it down to orders and retries failures
 * with exponential back-off. An order whose id contains {@code flaky} fails its first two writes.
 * Called by one queue thread at a time.
 */
@ApplicationScoped
@EventSink("audit")
public class AuditSink implements Sink<ShopEvent> {
    @Inject
    Recorder recorder;

    @Override
    public void write(ShopEvent event) {
        int attempt = recorder.record("audit", event.id());
        if (event.id().contains("flaky") && attempt <= 2) {
            throw new IllegalStateException("audit: attempt " + attempt + " of " + event.id() + " fails");
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
