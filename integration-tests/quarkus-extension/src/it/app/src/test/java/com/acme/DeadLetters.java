/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every dead letter Sinkwire fires as a CDI event. Thread-safe. */
@ApplicationScoped
public class DeadLetters {
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    void on(@Observes DeadLetter letter) {
        letters.add(letter);
    }

    /** @return the dead letters so far */
    public List<DeadLetter> all() {
        return List.copyOf(letters);
    }
}
