/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.ErrorRetries;
import java.time.Duration;
import java.util.Objects;

/**
 * Adapts any {@link RetryStrategy} to webhook failures, for a
 * {@link dev.sinkwire.core.RetryingSink} around a {@link WebhookSink}:
 * <ul>
 *   <li>a failure that is not retryable ({@link #isPermanent(Throwable)}: a
 *       {@link PermanentWebhookException}, such as a 400 or an event JSON-B cannot serialize)
 *       drops the event at once, without consulting the wrapped strategy, so the retrying sink
 *       hands it to its drop listener with the status and body excerpt in the cause, instead of
 *       retrying it forever;</li>
 *   <li>after a {@link RetryAfterException}, the next attempt waits at least the delay the
 *       receiver asked for (at most {@code maxRetryAfter}), or longer if the wrapped strategy says
 *       so;</li>
 *   <li>everything else is the wrapped strategy's decision.</li>
 * </ul>
 *
 * <pre>{@code
 * Sink<Object> sink = new Queue<>(new RetryingSink<>(webhook,
 *         WebhookRetryStrategy.wrap(new Breaker(10, Duration.ofSeconds(1)))));
 * }</pre>
 *
 * <p>With {@code dev.sinkwire.core.ft.RetryPolicy} alone, {@code abortOn(PermanentWebhookException.class)}
 * stops retrying permanent failures too, but does not honour {@code Retry-After}.
 *
 * <p>Safe for concurrent use, like the strategy it wraps. What it remembers between the attempts
 * of one write (the receiver's requested delay) lives in the per-write strategy that
 * {@link #forWrite(Object)} returns, which {@link dev.sinkwire.core.RetryingSink} asks for once
 * per write (the batched {@link WebhookSink} once per batch); the wrapped strategy's own
 * {@code forWrite} is asked at the same moment. Called without {@code forWrite}, it still drops
 * permanent failures but does not remember {@code Retry-After}.
 */
public final class WebhookRetryStrategy implements RetryStrategy {

    /** The default longest {@code Retry-After} honoured: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = WebhookConfig.DEFAULT_MAX_RETRY_AFTER;

    private final RetryStrategy delegate;
    private final long maxRetryAfterNanos;
    private final Duration maxRetryAfter;
    private final Timekeeper timekeeper;

    private WebhookRetryStrategy(RetryStrategy delegate, Duration maxRetryAfter, Timekeeper timekeeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate strategy must not be null");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be zero or positive, was " + maxRetryAfter);
        }
        this.maxRetryAfter = maxRetryAfter;
        this.maxRetryAfterNanos = Checks.saturatedNanos(maxRetryAfter);
        this.timekeeper = Objects.requireNonNull(timekeeper, "timekeeper must not be null");
    }

    /**
     * Wraps a strategy, honouring {@code Retry-After} up to {@link #DEFAULT_MAX_RETRY_AFTER}, on
     * the system clock.
     *
     * @param delegate the strategy that decides retryable failures
     * @return the webhook-aware strategy
     * @throws NullPointerException if {@code delegate} is {@code null}
     */
    public static WebhookRetryStrategy wrap(RetryStrategy delegate) {
        return new WebhookRetryStrategy(delegate, DEFAULT_MAX_RETRY_AFTER, Timekeeper.system());
    }

    /**
     * Wraps a strategy.
     *
     * @param delegate the strategy that decides retryable failures
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer request waits this
     *     long (zero ignores {@code Retry-After})
     * @param timekeeper the clock the delay is measured on
     * @return the webhook-aware strategy
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code maxRetryAfter} is negative
     */
    public static WebhookRetryStrategy wrap(RetryStrategy delegate, Duration maxRetryAfter, Timekeeper timekeeper) {
        return new WebhookRetryStrategy(delegate, maxRetryAfter, timekeeper);
    }

    /**
     * Tells whether an error is a webhook failure that trying again cannot fix.
     *
     * @param error the error
     * @return {@code true} for a {@link WebhookException} that is not retryable
     */
    public static boolean isPermanent(Throwable error) {
        return error instanceof WebhookException w && !w.isRetryable();
    }

    /**
     * The strategy for one write: it remembers a {@code Retry-After} delay between that write's
     * attempts, and answers through the wrapped strategy's own {@code forWrite}.
     *
     * @param event the event about to be written
     * @return a new strategy used by that write only (not thread-safe, and need not be)
     */
    @Override
    public RetryStrategy forWrite(Object event) {
        return new Write(Checks.forWrite(delegate, event));
    }

    /** The wrapped strategy's wait (no write-specific delay is known here; see {@link #forWrite}). */
    @Override
    public Duration proceed(Object event) {
        return delegate.proceed(event);
    }

    /** Drops permanent failures at once; otherwise asks the wrapped strategy. */
    @Override
    public boolean failure(Object event, Throwable error) {
        return isPermanent(error) || delegate.failure(event, error);
    }

    /** Tells the wrapped strategy. */
    @Override
    public void success(Object event) {
        delegate.success(event);
    }

    /**
     * One write's strategy: used by one writer, never concurrently. An {@link Error} is retried when
     * the wrapped strategy retries it (a {@code RetryPolicy} whose {@code retryOn} matches it).
     */
    private final class Write implements RetryStrategy, ErrorRetries {
        private final RetryStrategy inner;
        /** When the receiver's requested delay ends (timekeeper nanos); valid while {@code asked}. */
        private long untilNanos;
        private boolean asked;

        Write(RetryStrategy inner) {
            this.inner = inner;
        }

        /** The wrapped strategy's wait, or the rest of the delay the receiver asked for, whichever is longer. */
        @Override
        public Duration proceed(Object event) {
            Duration wait = inner.proceed(event);
            if (!asked) {
                return wait;
            }
            long remaining = untilNanos - timekeeper.nanoTime();
            if (remaining <= 0) {
                asked = false;
                return wait;
            }
            Duration requested = Duration.ofNanos(remaining);
            return requested.compareTo(wait) > 0 ? requested : wait;
        }

        @Override
        public boolean retries(Error error) {
            return ErrorRetries.retries(inner, error);
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            asked = false;
            if (isPermanent(error)) {
                return true;
            }
            boolean drop = inner.failure(event, error);
            if (!drop && error instanceof RetryAfterException after && maxRetryAfterNanos > 0) {
                untilNanos = timekeeper.nanoTime()
                        + Math.min(Checks.saturatedNanos(after.retryAfter()), maxRetryAfterNanos);
                asked = true;
            }
            return drop;
        }

        @Override
        public void success(Object event) {
            asked = false;
            inner.success(event);
        }

        @Override
        public String toString() {
            return WebhookRetryStrategy.this + " (one write)";
        }
    }


    @Override
    public String toString() {
        return "WebhookRetryStrategy[" + delegate + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
