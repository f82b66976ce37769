/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The go-events primitives, sinks that wrap other sinks, and what every user of them needs.
 *
 * <ul>
 *   <li>go-events' set: {@link dev.sinkwire.core.Broadcaster}, {@link dev.sinkwire.core.Queue},
 *       {@link dev.sinkwire.core.Channel}, {@link dev.sinkwire.core.Filter},
 *       {@link dev.sinkwire.core.RetryingSink} and its strategies {@link dev.sinkwire.core.Breaker}
 *       and {@link dev.sinkwire.core.ExponentialBackoff};</li>
 *   <li>beside them: a bounded {@code Queue} ({@link dev.sinkwire.core.OverflowPolicy},
 *       {@link dev.sinkwire.core.QueueFullException}), drop listeners
 *       ({@link dev.sinkwire.core.DropListeners}), delivery counters
 *       ({@link dev.sinkwire.core.SinkMeter}, {@link dev.sinkwire.core.SinkStats}) and the injectable
 *       clock ({@link dev.sinkwire.core.Timekeeper}).</li>
 * </ul>
 * MicroProfile Fault Tolerance's retry, circuit breaker and timeout are in
 * {@link dev.sinkwire.core.ft}.
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
 * <p>Every sink, strategy, counter and value here is safe for concurrent use; builders
 * ({@link dev.sinkwire.core.Queue.Builder}) are not: build on one thread. Every decorator owns the
 * sink it wraps: closing the decorator closes it. An event a decorator accepts but cannot deliver is handed to a
 * {@link dev.sinkwire.DropListener}, never dropped silently.
 *
 * <p>Nothing here persists events: what is queued in memory is lost if the process dies.
 */
package dev.sinkwire.core;
