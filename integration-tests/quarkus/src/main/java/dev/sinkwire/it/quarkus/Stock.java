/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * A method sink of a {@code @Dependent} bean whose subclass is a bean too: the sink is called on a new
 * {@code Stock} per parcel, never on the subclass (an invoker's instance lookup of {@code Stock} would be
 * ambiguous). Records the class it ran on. Thread-safe.
 */
@Dependent
public class Stock {
    @Inject
    Recorder recorder;

    @EventSink("stock")
    void count(Parcel parcel) {
        recorder.record("stock", parcel.id() + "@" + getClass().getSimpleName());
    }

    /** Another bean of type {@code Stock}; kept although nothing injects it. */
    @Dependent
    @Unremovable
    public static class Special extends Stock {
    }
}
