/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import jakarta.enterprise.event.Event;
import java.lang.System.Logger.Level;

/**
 * The drop listener of every chain: logs through {@link DropListener#logging()}, then (when
 * enabled) fires the {@link DeadLetter} as a CDI event. A dead letter whose event is itself a
 * {@code DeadLetter} is only logged, so that a sink that observes dead letters and fails cannot
 * feed itself forever. Safe for concurrent use.
 */
public final class DeadLetterEvents implements DropListener {

    private static final System.Logger LOGGER = System.getLogger(DeadLetterEvents.class.getName());

    private final Event<DeadLetter> events;

    /**
     * Creates the listener.
     *
     * @param events where to fire dead letters, or {@code null} to only log them
     */
    public DeadLetterEvents(Event<DeadLetter> events) {
        this.events = events;
    }

    @Override
    public void dropped(DeadLetter letter) {
        DropListener.notify(DropListener.logging(), letter);
        if (events == null || letter.event() instanceof DeadLetter) {
            return;
        }
        try {
            events.fire(letter);
        } catch (RuntimeException e) { // an observer failed, or the container is gone: the log above has it
            LOGGER.log(Level.WARNING, "Sinkwire: firing the CDI event " + letter + " failed", e);
        }
    }

    @Override
    public String toString() {
        return events == null ? "DropListener.logging()" : "DropListener.logging() + CDI DeadLetter events";
    }
}
