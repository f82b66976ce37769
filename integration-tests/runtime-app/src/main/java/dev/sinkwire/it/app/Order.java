/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

/** The application's event: an order with an id and an amount. Immutable, thread-safe. */
public class Order {
    private final String id;
    private final int amount;

    public Order(String id, int amount) {
        this.id = id;
        this.amount = amount;
    }

    public String getId() {
        return id;
    }

    public int getAmount() {
        return amount;
    }

    @Override
    public String toString() {
        return "Order[" + id + ", " + amount + "]";
    }
}
