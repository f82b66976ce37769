/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A class sink; nothing injects it either. */
@ApplicationScoped
@EventSink("audit")
public class AuditLog implements Sink<Order> {
    @Inject
    Ledger ledger;

    @Override
    public void write(Order order) {
        ledger.add("audit:" + order.id());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
