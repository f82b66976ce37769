/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

/**
 * An event only the webhook sink {@code observed} receives, so that the metrics tests count
 * exactly its own events; the receiver answers by the id's prefix ({@code once-}, {@code reject-},
 * {@code gone-}). Immutable, thread-safe.
 */
public class Metered {
    private final String id;

    /**
     * Creates the event.
     *
     * @param id its id
     */
    public Metered(String id) {
        this.id = id;
    }

    /** @return the id */
    public String getId() {
        return id;
    }

    @Override
    public String toString() {
        return "Metered[" + id + "]";
    }
}
