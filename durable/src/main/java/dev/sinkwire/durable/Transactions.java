/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.util.function.Consumer;
import java.util.function.Supplier;

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
     * A value kept for {@code key} in the calling thread's transaction: created with {@code create}
     * on the first call for {@code key} in a transaction, and handed to {@code afterCommit} once,
     * after that transaction commits (never after a rollback); later calls in the same transaction
     * answer the same value. Called only when {@link #active()} answered {@code true}. A
     * {@link DurableSink} keeps the events a transaction accepted this way, so one commit costs one
     * callback, not one per event.
     *
     * <p>The default creates a value on every call, each with an {@link #afterCommit} of its own
     * (correct, one callback per call); {@link JtaTransactions} keeps one per transaction.
     *
     * @param key identifies the caller (one per sink)
     * @param create makes the value
     * @param afterCommit what to run with the value after the commit; must not throw
     * @param <T> the value's type
     * @return the transaction's value for {@code key}
     */
    default <T> T perTransaction(Object key, Supplier<T> create, Consumer<? super T> afterCommit) {
        T value = create.get();
        afterCommit(new Object(), () -> afterCommit.accept(value));
        return value;
    }

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
