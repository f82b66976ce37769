/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.SinkException;

/**
 * A webhook request failed. {@link #isRetryable()} tells whether trying again may help: timeouts,
 * I/O errors (connection refused or reset), and the statuses 408, 429 and 5xx are retryable;
 * everything else is a {@link PermanentWebhookException}. A receiver's {@code Retry-After} makes
 * it a {@link RetryAfterException}.
 *
 * <p>Messages name the endpoint by its origin only and never contain header values or the
 * signature secret. Immutable once thrown.
 */
public class WebhookException extends SinkException {

    private static final long serialVersionUID = 1L;

    /** {@link #statusCode()} when no response was received. */
    public static final int NO_STATUS = -1;

    /** The HTTP status, or {@link #NO_STATUS}. */
    private final int statusCode;
    /** Whether a retry may succeed. */
    private final boolean retryable;
    /** The start of the response body, redacted; empty when there was none. */
    private final String bodyExcerpt;

    /**
     * A failure with a cause and no response (I/O error, timeout), with a stack trace.
     *
     * @param message what went wrong
     * @param retryable whether trying again may help
     * @param cause the underlying failure
     */
    WebhookException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.statusCode = NO_STATUS;
        this.retryable = retryable;
        this.bodyExcerpt = "";
    }

    /**
     * A failure status from the receiver; no stack trace (it is an answer, not a bug, and may be
     * frequent).
     *
     * @param message what went wrong
     * @param statusCode the HTTP status
     * @param retryable whether trying again may help
     * @param bodyExcerpt the start of the response body, scrubbed of secrets
     */
    WebhookException(String message, int statusCode, boolean retryable, String bodyExcerpt) {
        super(message, null, false);
        this.statusCode = statusCode;
        this.retryable = retryable;
        this.bodyExcerpt = bodyExcerpt;
    }

    /**
     * The HTTP status the receiver answered.
     *
     * @return the status, or {@link #NO_STATUS} when there was no response
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Whether trying the same request again may succeed.
     *
     * @return {@code true} for timeouts, I/O errors, 408, 429 and 5xx
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * The first bytes (at most 512) of the response body, decoded as UTF-8, with control
     * characters and any configured header value or secret replaced.
     *
     * @return the excerpt; empty when there was no response or no body
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
