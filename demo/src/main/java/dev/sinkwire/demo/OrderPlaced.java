/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

/**
 * An order was placed. Immutable, thread-safe.
 *
 * @param orderId the order's id
 * @param quantity how many items
 */
public record OrderPlaced(String orderId, int quantity) implements OrderEvent {
}
