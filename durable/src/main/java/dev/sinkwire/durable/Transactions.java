/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/**
 * How a {@link DurableSink} sees the caller's transaction. With {@link #none()} every accepted
 * event commits on its own; {@link JtaTransactions} joins an active JTA transaction and wakes the
 * relay after it commits. Implementations must be safe for concurrent use.
 */
public interface Transactions {

    /**
     * Whether the calling thread is inside a transaction that an insert through the sink's
     * DataSource joins.
     *
     * @return {@code true} inside such a transaction
     */
    boolean active();

    /**
     * Runs {@code action} after the calling thread's transaction commits (not after a rollback).
     * Called only when {@link #active()} answered {@code true}, possibly several times per
     * transaction with the same {@code key}: run {@code action} at most once per key and
     * transaction.
     *
     * @param key identifies the caller (one per sink)
     * @param action what to run after commit; must not throw
     */
    void afterCommit(Object key, Runnable action);

    /**
     * No transactions: every insert commits before {@code write} returns.
     *
     * @return the no-transaction view
     */
    static Transactions none() {
        return NoTransactions.INSTANCE;
    }
}

/** {@link Transactions#none()}. */
enum NoTransactions implements Transactions {
    INSTANCE;

    @Override
    public boolean active() {
        return false;
    }

    @Override
    public void afterCommit(Object key, Runnable action) {
        throw new IllegalStateException("no transaction");
    }

    @Override
    public String toString() {
        return "Transactions.none()";
    }
}
