/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/** A test event; JSON-B (Yasson) reads and writes records. */
public record Order(String customer, int n) {
}
