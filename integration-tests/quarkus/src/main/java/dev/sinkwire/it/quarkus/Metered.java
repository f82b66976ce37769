/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

/**
 * An event only the webhook sink {@code observed} receives, so that the metrics test counts
 * exactly its own events. Immutable, thread-safe.
 *
 * @param id the event's id (the receiver answers by its prefix: {@code once-}, {@code reject-})
 */
public record Metered(String id) {
}
