/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.runtime.devui;

import dev.sinkwire.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent dead letters, for the Dev UI card: observes the {@link DeadLetter} CDI events
 * Sinkwire fires (unless {@code sinkwire.dead-letter.events=false}). Registered as a bean in dev
 * mode only. Safe for concurrent use (one lock; a dead letter is rare and the copy is small).
 */
@ApplicationScoped
public class DeadLetterLog {

    /** How many dead letters the card keeps. */
    static final int KEPT = 50;

    /**
     * One dead letter as the card shows it: no event object, its text and class only.
     *
     * @param time when it was reported (ISO-8601)
     * @param sink the sink's name
     * @param reason why it was dropped
     * @param attempts how many writes were tried
     * @param eventType the event's class
     * @param event the event's {@code toString()}
     * @param cause the cause's class and message, or empty
     */
    public record Entry(String time, String sink, String reason, int attempts, String eventType, String event,
            String cause) {
    }

    private final Deque<Entry> recent = new ArrayDeque<>();

    void record(@Observes DeadLetter letter) {
        Throwable c = letter.cause();
        Entry e = new Entry(Instant.now().toString(), letter.sink(), letter.reason().name(), letter.attempts(),
                letter.event().getClass().getName(), String.valueOf(letter.event()),
                c == null ? "" : c.getClass().getName() + ": " + c.getMessage());
        synchronized (recent) {
            recent.addFirst(e);
            if (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
    }

    /**
     * The recent dead letters, newest first.
     *
     * @return a copy
     */
    public List<Entry> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }
}
