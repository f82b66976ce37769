/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The durable store of one sink, read by the extension from the {@code sinkwire.sinks.<name>.store}
 * and {@code store.*} keys and handed to the {@link DurableStoreProvider} of {@link #store()}. Every
 * value is checked already (ranges, durations, spellings); what only the provider can check (a
 * DataSource name that resolves, a table that exists) it reports with a
 * {@link ConfiguredSinkException} naming the key. Immutable.
 *
 * @param store the value of {@code store}, lower case, such as {@code jdbc}
 * @param dataSource {@code store.datasource}: a JNDI name or the {@code @Named} / {@code @Identifier}
 *     qualifier of a {@code DataSource} bean, or {@code null} for the embedded default
 * @param directory {@code store.h2.directory}: where the embedded default database lives
 * @param table {@code store.table}: the outbox table, optionally schema-qualified
 * @param schema {@code store.schema}: whether the table is created or only checked
 * @param key {@code store.key}: the name of a {@code @Named} key function bean, or {@code null}
 * @param ordering {@code store.ordering}
 * @param completion {@code store.completion}
 * @param retainDone {@code store.retain-done}: how long completed rows are kept with {@code mark-done}
 * @param batchSize {@code store.batch-size}: rows per relay claim
 * @param claim {@code store.claim}: how a relay keeps a batch's rows while it delivers them
 * @param lease {@code store.lease}: how long a claim holds a row
 * @param pollInterval {@code store.poll-interval}: how often the relay looks for work nobody woke it for
 * @param maxAttempts {@code store.max-attempts}: delivery attempts before a row becomes a dead letter
 * @param retryBase {@code store.retry.base}: the first retry delay
 * @param retryMax {@code store.retry.max}: the longest retry delay
 * @param relay {@code store.relay}: whether this instance delivers, or only accepts
 */
public record StoreSpec(String store, String dataSource, String directory, String table, Schema schema, String key,
        Ordering ordering, Completion completion, Duration retainDone, int batchSize, Claim claim, Duration lease,
        Duration pollInterval, int maxAttempts, Duration retryBase, Duration retryMax, boolean relay) {

    /** The default of {@code store.h2.directory}. */
    public static final String DEFAULT_DIRECTORY = "./sinkwire-outbox";
    /** The default of {@code store.table}. */
    public static final String DEFAULT_TABLE = "sinkwire_outbox";

    /**
     * Checks the components are present.
     *
     * @param store the store type
     * @param dataSource the DataSource name, or {@code null}
     * @param directory the embedded database's directory
     * @param table the table
     * @param schema the schema mode
     * @param key the key function's bean name, or {@code null}
     * @param ordering the ordering
     * @param completion the completion
     * @param retainDone how long done rows are kept
     * @param batchSize the batch size
     * @param claim the claim mode
     * @param lease the lease
     * @param pollInterval the poll interval
     * @param maxAttempts the attempts before a dead letter
     * @param retryBase the first retry delay
     * @param retryMax the longest retry delay
     * @param relay whether this instance relays
     */
    public StoreSpec {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(retainDone, "retainDone");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
    }

    /** What {@code store.schema} asks of the table. */
    public enum Schema {
        /** Create it when missing (the script shipped for the database), then check it. */
        CREATE,
        /** Only check it: the application's migrations own it. */
        VALIDATE
    }

    /** The order promised by {@code store.ordering}. */
    public enum Ordering {
        /** Oldest first, but a failed row is retried later while newer ones go ahead. */
        NONE,
        /** One at a time per key ({@code store.key}), in insert order. */
        PER_KEY
    }

    /** How a relay keeps a batch's rows to itself while it delivers them ({@code store.claim}). */
    public enum Claim {
        /** Writes a lease on the rows and delivers outside a transaction; taken over after {@code store.lease}. */
        LEASE,
        /** Keeps the rows locked in a transaction held while the batch is delivered; no lease written. */
        LOCK
    }

    /** What happens to a delivered row ({@code store.completion}). */
    public enum Completion {
        /** It is deleted. */
        DELETE,
        /** It is kept as done and purged after {@code store.retain-done}. */
        MARK_DONE
    }
}
