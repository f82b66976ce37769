/**
 * The go-events primitives: sinks that wrap other sinks.
 *
 * <p>Compose them outside in. The canonical chain, from the go-events README:
 * <pre>{@code
 * Sink<Event> http = ...;
 * var retrying = new RetryingSink<Event>(http, new Breaker(5, Duration.ofSeconds(1)));
 * var queue = new Queue<Event>(retrying);
 * var broadcaster = new Broadcaster<Event>(queue);
 * broadcaster.write(event);   // returns once queued; delivered in order, retried until it succeeds
 * broadcaster.close();        // flushes the queue, then closes the chain
 * }</pre>
 *
 * <p>Every type here is safe for concurrent use. Every decorator owns the sink it wraps: closing
 * the decorator closes it. An event a decorator accepts but cannot deliver is handed to a
 * {@link dev.sinkwire.DropListener}, never dropped silently.
 *
 * <p>Nothing here persists events: what is queued in memory is lost if the process dies.
 */
package dev.sinkwire.core;
