/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import dev.sinkwire.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Records Sinkwire's dead letters as "sink:event id:reason:attempts". */
@ApplicationScoped
public class DeadLetters {
    @Inject
    Recorder recorder;

    void onDeadLetter(@Observes DeadLetter letter) {
        Object event = letter.event();
        String id = event instanceof Order ? ((Order) event).getId() : String.valueOf(event);
        recorder.record("dead-letters", letter.sink() + ":" + id + ":" + letter.reason() + ":" + letter.attempts());
    }
}
