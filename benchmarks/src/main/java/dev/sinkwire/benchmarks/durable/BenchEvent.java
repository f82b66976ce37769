/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.durable;

/**
 * The event the durable benchmarks write: small, like a domain event (about 90 bytes of JSON).
 *
 * @param customer the key
 * @param n a number
 * @param item a text field
 */
public record BenchEvent(String customer, long n, String item) {
}
