/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

/**
 * Implemented by a per-write retry strategy that decides {@link Error}s too, as MicroProfile Fault
 * Tolerance's {@code retryOn} / {@code abortOn} do: a {@code RetryingSink} hands an {@code Error} to
 * such a strategy's {@code failure} only when {@link #retries(Error)} says so, and lets every other
 * {@code Error} pass through unretried (what it does for every strategy that does not implement
 * this). {@code RetryPolicy}'s per-write strategies implement it, and {@code SinkMeter}'s counting
 * wrapper and the webhook module's {@code WebhookRetryStrategy} forward it.
 *
 * <p>Internal, like {@link Checks}: not API.
 */
public interface ErrorRetries {

    /**
     * Tells whether {@code error} is one this strategy retries at all (ignoring its limits on
     * count and time, which {@code failure} applies as for an exception).
     *
     * @param error the error the wrapped sink threw
     * @return {@code true} to hand it to {@code failure} like an exception
     */
    boolean retries(Error error);

    /**
     * Tells whether a per-write strategy retries {@code error}.
     *
     * @param strategy the strategy of one write
     * @param error the error
     * @return {@code true} if the strategy implements this interface and retries the error
     */
    static boolean retries(Object strategy, Error error) {
        return strategy instanceof ErrorRetries r && r.retries(error);
    }
}
