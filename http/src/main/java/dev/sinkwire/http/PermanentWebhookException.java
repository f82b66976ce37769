/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

/**
 * A webhook request failed in a way that trying again cannot fix: the receiver answered a status
 * other than 2xx, 408, 429 or 5xx (a 400, 401, 404, 422, a redirect...), or the event could not
 * be turned into JSON. Never {@linkplain #isRetryable() retryable}: {@link WebhookRetryStrategy}
 * drops the event at once, so it reaches the drop listener with this exception as the cause,
 * carrying the {@linkplain #statusCode() status} and the {@linkplain #bodyExcerpt() start of the
 * body}. Immutable once thrown.
 */
public class PermanentWebhookException extends WebhookException {

    private static final long serialVersionUID = 1L;

    PermanentWebhookException(String message, int statusCode, String bodyExcerpt) {
        super(message, statusCode, false, bodyExcerpt);
    }

    PermanentWebhookException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
