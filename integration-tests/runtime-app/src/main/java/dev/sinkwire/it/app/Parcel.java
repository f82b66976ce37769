/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

/** A second event type, delivered only to the "drain" sink. Immutable, thread-safe. */
public class Parcel {
    private final String id;

    public Parcel(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    @Override
    public String toString() {
        return "Parcel[" + id + "]";
    }
}
