/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the container's managed thread factory through JNDI, without depending on the Jakarta
 * Concurrency API (a {@code ManagedThreadFactory} is a {@link ThreadFactory}). Stateless.
 */
final class ManagedThreads {

    private static final System.Logger LOGGER = System.getLogger(ManagedThreads.class.getName());

    private ManagedThreads() {
    }

    /**
     * Looks the factory up; must run on a container thread at startup, where {@code java:comp}
     * resolves.
     *
     * @param jndiName the name, or {@code null} for none
     * @return the factory, or {@code null} when there is none (Weld SE, Quarkus, no JNDI)
     */
    static ThreadFactory lookup(String jndiName) {
        if (jndiName == null) {
            return null;
        }
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof ThreadFactory factory) {
                LOGGER.log(Level.DEBUG, () -> "Sinkwire: queue threads come from " + jndiName);
                return factory;
            }
            LOGGER.log(Level.WARNING, () -> "Sinkwire: " + jndiName + " is not a ThreadFactory (" + found
                    + "); queues use plain daemon threads");
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOGGER.log(Level.DEBUG, () -> "Sinkwire: no managed thread factory at " + jndiName + " (" + e
                    + "); queues use plain daemon threads");
        }
        return null;
    }
}
