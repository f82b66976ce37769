/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the {@code shipments} channel in-process (no connector): acknowledges an order, except
 * that one whose id contains {@code once} is nacked on its first delivery and one whose id contains
 * {@code never} always is. Thread-safe.
 */
@ApplicationScoped
public class Warehouse {
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    @Incoming("shipments")
    CompletionStage<Void> receive(Message<Order> message) {
        String id = message.getPayload().id();
        int delivery = deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (id.contains("never") || (id.contains("once") && delivery == 1)) {
            return message.nack(new IllegalStateException("warehouse refuses " + id + " (delivery " + delivery + ")"));
        }
        accepted.add(id);
        return message.ack();
    }

    /** @return the ids acknowledged, in order */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** @return how often the order was delivered to this consumer */
    public int deliveries(String id) {
        AtomicInteger n = deliveries.get(id);
        return n == null ? 0 : n.get();
    }
}
