/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * A class sink with a test double: an enabled alternative subclass, which is not a sink and does not
 * replace this one. Records the class it ran on. Called by one queue thread at a time.
 */
@ApplicationScoped
@EventSink("shelf")
public class Shelf implements Sink<Parcel> {
    @Inject
    Recorder recorder;

    @Override
    public void write(Parcel parcel) {
        recorder.record("shelf", parcel.id() + "@" + getClass().getSimpleName());
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The test double; kept although nothing injects it. */
    @ApplicationScoped
    @Alternative
    @Priority(1)
    @Unremovable
    public static class Double extends Shelf {
    }
}
