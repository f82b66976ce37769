/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the DeadLetter CDI events Sinkwire fires. Safe for concurrent use. */
@ApplicationScoped
public class DeadLetters {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    void on(@Observes DeadLetter letter) {
        letters.add(letter);
    }

    /** The list itself (not through a client proxy): still readable after the container stopped. */
    public List<DeadLetter> letters() {
        return letters;
    }
}
