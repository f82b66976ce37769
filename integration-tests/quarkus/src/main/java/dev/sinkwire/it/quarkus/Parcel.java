/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

/** A parcel was shipped. Immutable, thread-safe. */
public record Parcel(String id) implements ShopEvent {
}
