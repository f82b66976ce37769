/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import java.util.List;

/**
 * MicroProfile Fault Tolerance's pair of exception-class lists in which the second wins: a
 * {@code RetryPolicy}'s {@code retryOn} / {@code abortOn}, a {@code CircuitBreaker}'s
 * {@code failOn} / {@code skipOn}. An error matches when it is an instance of a class in
 * {@code matching} and of none in {@code excepted}.
 *
 * <p>Internal, like {@link Checks}. Immutable (the lists are expected unmodifiable, as
 * {@link Checks#throwableClasses} makes them); safe for concurrent use.
 *
 * @param matching the classes an error must be an instance of
 * @param excepted the classes that exempt an error, winning over {@code matching}
 */
public record ErrorClasses(List<Class<? extends Throwable>> matching, List<Class<? extends Throwable>> excepted) {

    /**
     * Tells whether {@code error} matches: an instance of a {@code matching} class and of no
     * {@code excepted} class.
     *
     * @param error the error
     * @return {@code true} if it matches
     * @throws NullPointerException if {@code error} is {@code null}
     */
    public boolean test(Throwable error) {
        Checks.notNull(error, "error");
        return !isInstanceOfAny(excepted, error) && isInstanceOfAny(matching, error);
    }

    private static boolean isInstanceOfAny(List<Class<? extends Throwable>> classes, Throwable error) {
        for (Class<? extends Throwable> c : classes) {
            if (c.isInstance(error)) {
                return true;
            }
        }
        return false;
    }
}
