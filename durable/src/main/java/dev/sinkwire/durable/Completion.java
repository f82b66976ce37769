/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/** What the relay does with a row once its event is delivered. */
public enum Completion {
    /** Delete the row in the same statement batch that completes the delivery (the default). */
    DELETE,
    /**
     * Keep the row with status {@code DONE} and its completion time, for audit or change data
     * capture; the relay purges such rows once they are older than the configured retention.
     */
    MARK_DONE
}
