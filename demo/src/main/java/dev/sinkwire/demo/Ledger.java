/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.EventSink;
import dev.sinkwire.durable.DurableEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The restart demo's durable sink {@code ledger}: posts each placed order to the ledger service
 * with the outbox id the relay hands it. The service outlives the containers (it is another
 * system); it is down during the first run and up during the second.
 */
@ApplicationScoped
public class Ledger {

    /** For the container. */
    public Ledger() {
    }

    @EventSink("ledger")
    void record(OrderPlaced order) {
        Service.post(order, DurableEvent.currentId());
    }

    /** The ledger service the sink posts to. Safe for concurrent use. */
    static final class Service {
        private static volatile boolean up;
        /** Every accepted post: order id to the outbox ids it came with (more than one: a duplicate). */
        private static final Map<String, List<UUID>> RECEIVED = new ConcurrentHashMap<>();
        /** The outbox id of the first refused post of each order. */
        private static final Map<String, UUID> REFUSED = new ConcurrentHashMap<>();

        private Service() {
        }

        static void post(OrderPlaced order, UUID id) {
            if (!up) {
                REFUSED.putIfAbsent(order.orderId(), id);
                throw new IllegalStateException("ledger service unavailable");
            }
            RECEIVED.computeIfAbsent(order.orderId(), k -> new CopyOnWriteArrayList<>()).add(id);
        }

        static void up(boolean isUp) {
            up = isUp;
        }

        static Map<String, List<UUID>> received() {
            return RECEIVED;
        }

        static Map<String, UUID> refused() {
            return REFUSED;
        }

        static void reset() {
            up = false;
            RECEIVED.clear();
            REFUSED.clear();
        }
    }
}
