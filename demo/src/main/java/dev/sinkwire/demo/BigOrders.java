/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The filtered sink (a method sink): gets only what the {@code bigOrders} matcher lets through
 * ({@code sinkwire.sinks.big-orders.filter.matcher=bigOrders}). Thread-safe.
 */
@ApplicationScoped
public class BigOrders {

    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @EventSink("big-orders")
    void onOrder(OrderEvent event) {
        seen.computeIfAbsent(event.orderId(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** @return each order id with how often it arrived */
    Map<String, AtomicInteger> seen() {
        return seen;
    }
}
