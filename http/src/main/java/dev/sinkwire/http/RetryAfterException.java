/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.time.Duration;

/**
 * A retryable failure (408, 429 or 5xx) whose response said how long to wait, in a
 * {@code Retry-After} header (delay in seconds, or an HTTP date). {@link WebhookRetryStrategy}
 * waits at least {@link #retryAfter()} before the next attempt. Immutable once thrown.
 */
public class RetryAfterException extends WebhookException {

    private static final long serialVersionUID = 1L;

    /** The wait the receiver asked for. */
    private final Duration retryAfter;

    RetryAfterException(String message, int statusCode, String bodyExcerpt, Duration retryAfter) {
        super(message, statusCode, true, bodyExcerpt);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the receiver asked the sender to wait, counted from when the response was received.
     *
     * @return zero or positive (an HTTP date in the past gives zero)
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
