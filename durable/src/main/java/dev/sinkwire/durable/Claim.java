/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/**
 * How a relay keeps the rows of a batch to itself while it delivers them. Both claim due rows
 * oldest first with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so relays of several instances never
 * claim one row together; relays of the two modes may share one table.
 */
public enum Claim {
    /**
     * The claim writes {@code lease_owner} and {@code lease_until} on every claimed row and commits;
     * the rows are delivered outside any database transaction and completed in a second
     * transaction. No connection or transaction is held while the inner sink works. Rows of an
     * instance that died (or hangs) are taken over once {@code lease_until} has passed; a single
     * delivery longer than half the lease may overlap with another instance's. Writes every row
     * twice (lease, then delete). The default.
     */
    LEASE,
    /**
     * The claim's transaction stays open while the batch is delivered: the rows stay locked by
     * {@code FOR UPDATE}, delivered rows are deleted (or marked done) and failed ones rescheduled in
     * that same transaction, which commits at the end of the batch. No lease columns are written
     * (one write per row), and no clock is involved: while the lock is held no other relay can
     * claim the row, however long the delivery takes. Rows of an instance that died are free as
     * soon as the database ends its session (at once when the process dies and its sockets close;
     * when the host vanishes, only after the database notices: PostgreSQL's
     * {@code idle_in_transaction_session_timeout} or TCP keepalive). A hung instance holds its
     * batch until its session ends. Costs one connection and one open transaction per relay while
     * it delivers a batch (on PostgreSQL a long one holds back vacuum); an instance killed
     * mid-batch delivers the batch's delivered rows again, as with {@link #LEASE}.
     */
    LOCK
}
