/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/** Whether a {@link DurableSink} creates its outbox table or only checks that it is there. */
public enum SchemaMode {
    /**
     * Create the table and its indexes if they do not exist (the shipped script for the database,
     * {@code CREATE ... IF NOT EXISTS}), then check it.
     */
    CREATE,
    /**
     * Only check that the table exists with every column the sink needs; fail the build naming the
     * table and the script to run when it does not.
     */
    VALIDATE
}
