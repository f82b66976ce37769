/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/** The delivery order a {@link DurableSink}'s relay keeps. See {@code docs/durable.md}. */
public enum Ordering {
    /**
     * No order is promised: rows are claimed oldest first, but a failed row is retried later while
     * newer rows go ahead, and several relays deliver side by side.
     */
    NONE,
    /**
     * Events with the same key (the {@code aggregateid} column) are delivered one after another in
     * the order they were accepted: an event is not delivered before every earlier event of its key
     * was delivered or became a dead letter. Events of different keys are not ordered. The order of
     * accepting is the order of the table's sequence, assigned at insert: two transactions that
     * insert events of one key concurrently may commit in the other order, and the event of the
     * later-committing transaction is then delivered once it becomes visible, possibly after a
     * newer one. Serialize the writers of one key (as an aggregate's own row lock does) for a
     * strict order.
     */
    PER_KEY
}
