/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

/**
 * An order was cancelled. Immutable, thread-safe.
 *
 * @param orderId the order's id
 * @param reason why
 */
public record OrderCancelled(String orderId, String reason) implements OrderEvent {
}
