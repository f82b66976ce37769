/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package bench;

/** The event reaching the @EventSink method. */
public record Ping(long value) {
}
