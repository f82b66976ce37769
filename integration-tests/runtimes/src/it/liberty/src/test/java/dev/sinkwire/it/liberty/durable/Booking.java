/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty.durable;

/**
 * The durable webhook's event. Immutable.
 *
 * @param id the booking's id (the receiver records it)
 */
public record Booking(String id) {
}
