/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives the parcels that came back from Kafka (the source 'parcels-in' fires them qualified
 * {@link Remote}): through a method sink of Sinkwire and through a plain observer. Thread-safe.
 */
@ApplicationScoped
public class Depot {
    private final List<Parcel> sunk = new CopyOnWriteArrayList<>();
    private final List<Parcel> observed = new CopyOnWriteArrayList<>();

    @EventSink("depot")
    void receive(@Remote Parcel parcel) {
        sunk.add(parcel);
    }

    void observe(@Observes @Remote Parcel parcel) {
        observed.add(parcel);
    }

    /** @return the parcels the sink 'depot' received, in order */
    public List<Parcel> sunk() {
        return List.copyOf(sunk);
    }

    /** @return the parcels the observer saw, in order */
    public List<Parcel> observed() {
        return List.copyOf(observed);
    }
}
