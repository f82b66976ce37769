/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * MicroProfile Fault Tolerance semantics for sinks, without an FT implementation: what the CDI
 * extension maps {@code @Retry}, {@code @CircuitBreaker} and {@code @Timeout} onto, usable on its
 * own with the core sinks.
 *
 * <ul>
 *   <li>{@link dev.sinkwire.core.ft.RetryPolicy}: a {@link dev.sinkwire.RetryStrategy} for a
 *       {@link dev.sinkwire.core.RetryingSink} with {@code @Retry}'s rules (maxRetries, delay,
 *       jitter, maxDuration, retryOn/abortOn) and a {@link dev.sinkwire.core.ft.Backoff} for
 *       SmallRye's exponential and Fibonacci backoff;</li>
 *   <li>{@link dev.sinkwire.core.ft.CircuitBreakerSink} guarded by a
 *       {@link dev.sinkwire.core.ft.CircuitBreaker}: {@code @CircuitBreaker}, failing refused
 *       writes with {@link dev.sinkwire.core.ft.CircuitBreakerOpenException};</li>
 *   <li>{@link dev.sinkwire.core.ft.TimeoutSink}: {@code @Timeout}, failing late writes with
 *       {@link dev.sinkwire.core.ft.SinkTimeoutException}.</li>
 * </ul>
 *
 * <p>MP FT's order, outer to inner: {@code RetryingSink(RetryPolicy) -> CircuitBreakerSink ->
 * TimeoutSink -> the sink}; put a {@link dev.sinkwire.core.Queue} in front so that writers never
 * wait for it.
 *
 * <p>Thread safety: the sinks, the breaker, the policy and the backoffs are safe for concurrent use
 * (a policy hands each write its own state through
 * {@link dev.sinkwire.RetryStrategy#forWrite(Object)}); the builders are not, build on one thread.
 * Each type's Javadoc says where it departs from MP FT.
 */
package dev.sinkwire.core.ft;
