/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the dead letters Sinkwire fires as CDI events. Thread-safe. */
@ApplicationScoped
public class DeadLetters {
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    void onDeadLetter(@Observes DeadLetter letter) {
        letters.add(letter);
    }

    /** The dead letters so far, in arrival order. */
    public List<DeadLetter> all() {
        return List.copyOf(letters);
    }
}
