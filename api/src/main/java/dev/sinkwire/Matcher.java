/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

/**
 * Decides whether an event passes a filter. go-events' {@code Matcher}; a lambda plays the part
 * of its {@code MatcherFunc}. Implementations used by a shared filter must be safe for concurrent
 * use; a stateless lambda is.
 *
 * @param <E> the type of events matched
 */
@FunctionalInterface
public interface Matcher<E> {

    /**
     * Tells whether the event matches.
     *
     * @param event the event, never {@code null}
     * @return {@code true} to forward the event, {@code false} to accept and discard it
     */
    boolean match(E event);
}
