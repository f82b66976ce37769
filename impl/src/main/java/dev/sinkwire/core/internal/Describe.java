/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

/**
 * Describes a user's object (a sink, a strategy, an executor) for a dead letter or a message on a
 * failure path, where its own {@code toString()} must not be trusted: one that throws would
 * replace the failure being reported, or stop a broadcast half way. Stateless; safe for
 * concurrent use.
 */
public final class Describe {

    private Describe() {
    }

    /**
     * {@code String.valueOf(object)}, or, when its {@code toString()} throws (a
     * {@link StackOverflowError} of a recursive one included), its class name and identity hash,
     * as {@link Object#toString()} would give them, with the failure named.
     *
     * @param object the object, or {@code null}
     * @return its description; never {@code null}
     * @throws VirtualMachineError other than {@link StackOverflowError}, as thrown by {@code toString()}
     */
    public static String of(Object object) {
        try {
            return String.valueOf(object);
        } catch (StackOverflowError e) {
            return fallback(object, e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // any other Error included: a description must not fail the caller
            return fallback(object, e);
        }
    }

    private static String fallback(Object object, Throwable failure) {
        return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object))
                + " (toString() threw " + failure.getClass().getName() + ")";
    }
}
