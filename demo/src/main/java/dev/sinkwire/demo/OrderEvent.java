/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

/** What the demo's shop fires: every order event carries a unique id. Immutable implementations. */
public sealed interface OrderEvent permits OrderPlaced, OrderCancelled {

    /** @return the order's id, unique per fired event */
    String orderId();
}
