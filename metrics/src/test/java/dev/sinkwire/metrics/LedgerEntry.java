/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

/**
 * The event of the durable sink in {@link DurableBacklogTest}; public, as JSON-B stores it. Immutable.
 *
 * @param id the entry's id
 */
public record LedgerEntry(String id) {
}
