/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara.durable;

/**
 * The durable sink's event. Immutable.
 *
 * @param n the shipment's number
 */
public record Shipment(int n) {
}
