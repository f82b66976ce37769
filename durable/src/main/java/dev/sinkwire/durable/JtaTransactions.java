/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link Transactions} backed by the JTA {@link TransactionSynchronizationRegistry}: a transaction
 * is active when the registry reports one (active or marked for rollback), and the relay is woken
 * from an interposed {@link Synchronization} once it commits. The sink's DataSource must be
 * enlisted by the same transaction manager (an application server's or Agroal's JTA-aware pool),
 * otherwise its insert would commit on its own. Safe for concurrent use.
 *
 * <p>The only type of this package that needs the Jakarta Transactions API on the class path.
 */
public final class JtaTransactions implements Transactions {

    private final TransactionSynchronizationRegistry registry;

    private JtaTransactions(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Wraps a registry (injected, or looked up at {@code java:comp/TransactionSynchronizationRegistry}).
     *
     * @param registry the transaction manager's registry
     * @return the transactions view
     * @throws NullPointerException if {@code registry} is null
     */
    public static JtaTransactions of(TransactionSynchronizationRegistry registry) {
        return new JtaTransactions(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public boolean active() {
        int status = registry.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public void afterCommit(Object key, Runnable action) {
        perTransaction(key, () -> Boolean.TRUE, registered -> action.run());
    }

    @Override
    public <T> T perTransaction(Object key, Supplier<T> create, Consumer<? super T> afterCommit) {
        @SuppressWarnings("unchecked") // only this method puts resources under the callers' keys
        T value = (T) registry.getResource(key);
        if (value != null) {
            return value; // already registered in this transaction
        }
        T created = create.get();
        registry.putResource(key, created);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    afterCommit.accept(created);
                }
            }
        });
        return created;
    }

    @Override
    public String toString() {
        return "JtaTransactions[" + registry + "]";
    }
}
