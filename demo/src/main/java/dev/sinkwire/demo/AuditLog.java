/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The audit sink (a class sink): records how often it saw each order id. Thread-safe. */
@ApplicationScoped
@EventSink("audit")
public class AuditLog implements Sink<OrderEvent> {

    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @Override
    public void write(OrderEvent event) {
        seen.computeIfAbsent(event.orderId(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        // nothing to flush: the log is in memory
    }

    /** @return each order id with how often it was written */
    Map<String, AtomicInteger> seen() {
        return seen;
    }
}
