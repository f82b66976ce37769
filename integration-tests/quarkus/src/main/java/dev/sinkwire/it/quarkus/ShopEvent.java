/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

/** An event of the test shop: every event the application fires implements it. Immutable. */
public interface ShopEvent {
    /** The event's id, unique within a test. */
    String id();
}
