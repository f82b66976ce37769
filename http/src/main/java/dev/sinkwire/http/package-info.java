/**
 * A webhook sink: {@link dev.sinkwire.http.WebhookSink} POSTs events as JSON (serialized with
 * JSON-B) to an HTTP or HTTPS endpoint, one event per request or in batches, optionally signed
 * with HMAC-SHA256. {@link dev.sinkwire.http.WebhookConfig} holds its validated settings and reads
 * them from a flat key/value map; {@link dev.sinkwire.http.WebhookRetryStrategy} makes a
 * {@link dev.sinkwire.core.RetryingSink} give up at once on permanent failures and wait as long as
 * a receiver's {@code Retry-After} asks.
 *
 * <p>Depends on {@code java.net.http}, the Sinkwire API and core, and the JSON-B API; the JSON-B
 * implementation (Yasson, Johnzon...) comes from the application or its runtime.
 */
package dev.sinkwire.http;
