/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import dev.sinkwire.Sink;

/**
 * Builds the durable stage of sinks configured with {@code sinkwire.sinks.<name>.store=<store>}:
 * a sink that accepts an event by storing it, and a relay that delivers the stored events to the
 * sink's ordinary chain. Found with {@link java.util.ServiceLoader} (module
 * {@code sinkwire-durable} serves {@code jdbc}); implementations must have a public no-argument
 * constructor and be safe for concurrent use.
 */
public interface DurableStoreProvider {

    /**
     * The value of {@code store} this provider serves.
     *
     * @return the store type, lower case, such as {@code jdbc}
     */
    String store();

    /**
     * Builds and starts the durable stage in front of {@link DurableStoreContext#inner()}. The
     * stage must write to {@code inner} on the relay's thread and return only when {@code inner}
     * returned (no queue in between), report every event it gives up on to
     * {@link DurableStoreContext#dropListener()}, and report each event it stores to
     * {@link DurableStoreContext#acceptListener()} once the store committed it. Closing the stage
     * stops the relay, then closes {@code inner}; stored events not yet delivered stay stored.
     *
     * @param context the sink's store keys and the services of the extension
     * @return the stage, the outermost layer of the chain behind the filter
     * @throws ConfiguredSinkException naming every key whose value cannot be used (each becomes a
     *     deployment problem)
     */
    Sink<Object> create(DurableStoreContext context);
}
