/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

import java.util.Objects;

/**
 * An accepted event that was not delivered, with everything known about why. Sinkwire never drops
 * an event without handing one of these to a {@link DropListener}.
 *
 * @param event the event that was not delivered
 * @param sink the name of the sink that could not deliver it
 * @param reason why it was not delivered
 * @param cause the last error seen, or {@code null} when there was none (an overflow, say)
 * @param attempts how many times delivery was attempted (zero when it never was)
 */
public record DeadLetter(Object event, String sink, DropReason reason, Throwable cause, int attempts) {

    /**
     * Checks the components.
     *
     * @param event the event that was not delivered
     * @param sink the name of the sink that could not deliver it
     * @param reason why it was not delivered
     * @param cause the last error seen, or {@code null} when there was none
     * @param attempts how many times delivery was attempted, zero or more
     * @throws NullPointerException if {@code event}, {@code sink} or {@code reason} is null
     * @throws IllegalArgumentException if {@code attempts} is negative
     */
    public DeadLetter {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(reason, "reason");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
        }
    }

    @Override
    public String toString() {
        return "DeadLetter[sink=" + sink + ", reason=" + reason + ", attempts=" + attempts
                + ", event=" + event + ", cause=" + cause + "]";
    }
}
