/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import dev.sinkwire.cdi.spi.DurableStoreContext;
import dev.sinkwire.durable.JtaTransactions;
import dev.sinkwire.durable.Transactions;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the application's {@code TransactionSynchronizationRegistry}: a CDI bean, else JNDI
 * {@code java:comp/TransactionSynchronizationRegistry}; without one (or without the Jakarta
 * Transactions API), a durable sink commits each event on its own. Only this class refers to
 * {@code jakarta.transaction}, and only after checking it is there. Stateless.
 */
final class JtaLookup {

    private static final String API = "jakarta.transaction.TransactionSynchronizationRegistry";
    private static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";

    private JtaLookup() {
    }

    static Transactions find(DurableStoreContext context) {
        try {
            Class.forName(API, false, JtaLookup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Transactions.none();
        }
        return Registry.find(context);
    }

    /** Loaded only when the API is present. */
    private static final class Registry {
        static Transactions find(DurableStoreContext context) {
            Optional<jakarta.transaction.TransactionSynchronizationRegistry> registry = context.bean(
                    jakarta.transaction.TransactionSynchronizationRegistry.class);
            if (registry.isEmpty()) {
                registry = jndi();
            }
            return registry.<Transactions>map(JtaTransactions::of).orElse(Transactions.none());
        }

        private static Optional<jakarta.transaction.TransactionSynchronizationRegistry> jndi() {
            try {
                Object found = new InitialContext().lookup(JNDI_NAME);
                return found instanceof jakarta.transaction.TransactionSynchronizationRegistry r ? Optional.of(r)
                        : Optional.empty();
            } catch (NamingException | RuntimeException e) {
                return Optional.empty(); // no JNDI (Weld SE) or no transaction manager there
            }
        }
    }
}
