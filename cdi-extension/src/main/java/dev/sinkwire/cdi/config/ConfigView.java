/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.Optional;

/**
 * The little the model needs from a configuration: a value by key, and the known keys. Lets the
 * model stay free of the MicroProfile Config API (which may be absent; see {@link MpConfigView}).
 * Implementations must be safe for concurrent reads.
 */
public interface ConfigView {

    /** The value of a key; empty when not set (or set to an empty value). */
    Optional<String> value(String key);

    /** Lists the keys the configuration knows by name (environment variables may be left out). */
    Iterable<String> names();

    /** The application's class loader: the thread's context class loader, else the extension's. */
    static ClassLoader applicationLoader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : ConfigView.class.getClassLoader();
    }
}
