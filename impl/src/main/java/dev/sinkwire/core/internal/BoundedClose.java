/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import java.time.Duration;

/**
 * A sink (a decorator around a {@link dev.sinkwire.core.RetryingSink}, say) whose close can be
 * bounded like {@link dev.sinkwire.core.RetryingSink#close(Duration)}: a {@link dev.sinkwire.core.Queue}
 * past its shutdown deadline closes its destination through it, so that the close does not wait
 * for a write that ignores the interrupt. Implementations must be safe for concurrent use.
 */
public interface BoundedClose {

    /**
     * Closes, waiting at most {@code timeout} for the writes under way; the events of those still
     * under way then are reported with reason {@link dev.sinkwire.DropReason#SHUTDOWN} by the sink,
     * and their writers return normally whenever they end.
     *
     * @param timeout how long to wait for the writes under way
     * @return {@code false} if some event under way was reported; {@code true} otherwise
     */
    boolean close(Duration timeout);
}
