/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A webhook sink: {@link dev.sinkwire.http.WebhookSink} POSTs events as JSON (serialized with
 * JSON-B) to an HTTP or HTTPS endpoint, one event per request or in batches, in Sinkwire's
 * envelope or as CloudEvents 1.0 (structured, binary or batched mode), signed the Standard
 * Webhooks way (or with the older {@code hmac-sha256} scheme). It obeys what receivers say
 * ({@code 410 Gone} disables the endpoint, {@code Retry-After} throttles the sink) and takes
 * per-sink transport settings (User-Agent, proxy, trust store, client certificate, in-flight
 * limit). {@link dev.sinkwire.http.WebhookConfig} holds its validated settings and reads them from
 * a flat key/value map without ever printing a secret;
 * {@link dev.sinkwire.http.WebhookRetryStrategy} makes a {@link dev.sinkwire.core.RetryingSink}
 * give up at once on permanent failures and wait as long as a receiver's {@code Retry-After} asks.
 *
 * <p>Depends on {@code java.net.http}, the Sinkwire API and core, and the JSON-B API; the JSON-B
 * implementation (Yasson, Johnzon...) comes from the application or its runtime.
 */
package dev.sinkwire.http;
