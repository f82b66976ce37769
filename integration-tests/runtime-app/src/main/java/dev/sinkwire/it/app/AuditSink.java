/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Class sink: every Order, whatever its qualifiers. */
@ApplicationScoped
@EventSink("audit")
public class AuditSink implements Sink<Order> {
    @Inject
    Recorder recorder;

    @Override
    public void write(Order event) {
        recorder.record("audit", event.getId());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
