/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

/** An order was placed. Immutable, thread-safe. */
public record Order(String id, int amount) implements ShopEvent {
}
