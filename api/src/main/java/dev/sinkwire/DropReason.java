/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

/** Why an accepted event was not delivered. Carried by every {@link DeadLetter}. */
public enum DropReason {
    /** The sink failed to write the event and nothing retried it. */
    FAILED,
    /** A retry strategy or policy gave up on the event. */
    GAVE_UP,
    /** A bounded queue was full and its overflow policy discarded the event. */
    OVERFLOW,
    /** The destination was closed before the event reached it. */
    CLOSED,
    /** Shutdown reached its deadline before the event was delivered. */
    SHUTDOWN
}
