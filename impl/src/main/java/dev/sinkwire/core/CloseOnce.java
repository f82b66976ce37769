/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

/**
 * {@link dev.sinkwire.core.internal.CloseOnce} under its former package-private name, for the
 * classes of this package that still use it ({@code RetryingSink}, and {@code CloseOnceStressTest}).
 * The protocol moved to {@code internal} so that {@code dev.sinkwire.core.ft}'s sinks share it;
 * once {@code RetryingSink} refers to the internal class, this one can go.
 *
 * <p>Safe for concurrent use; see the internal class for the protocol.
 */
final class CloseOnce {

    private final dev.sinkwire.core.internal.CloseOnce delegate = new dev.sinkwire.core.internal.CloseOnce();

    /**
     * Starts a close; see {@link dev.sinkwire.core.internal.CloseOnce#begin()}.
     *
     * @return {@code true} if this is the first close, which must do the work, then call {@link #end()}
     */
    boolean begin() {
        return delegate.begin();
    }

    /** Ends the first close's work; see {@link dev.sinkwire.core.internal.CloseOnce#end()}. */
    void end() {
        delegate.end();
    }
}
