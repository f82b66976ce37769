/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

/**
 * The webhook sink did not send the request: its receiver answered {@code 410 Gone} earlier,
 * which disables the sink's endpoint until the application restarts or
 * {@link WebhookSink#enable()} is called. Permanent: events that meet it are reported as dead
 * letters at once. {@link #statusCode()} is 410, the answer that disabled the endpoint. Immutable
 * once thrown.
 */
public class EndpointDisabledException extends PermanentWebhookException {

    private static final long serialVersionUID = 1L;

    EndpointDisabledException(String message) {
        super(message, 410, "");
    }
}
