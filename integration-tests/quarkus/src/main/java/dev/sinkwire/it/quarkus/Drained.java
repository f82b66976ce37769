/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

/** An event the shutdown test leaves queued when the application stops. Immutable, thread-safe. */
public record Drained(String id) {
}
