package dev.sinkwire.http;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Timekeeper;
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
 * <p>Safe for concurrent use, like the strategy it wraps. The requested delay is remembered per
 * thread for the event that failed, which is exact for {@link dev.sinkwire.core.RetryingSink}: it
 * makes every attempt of one write on the writer's thread (and the batched {@link WebhookSink}
 * makes every attempt on its one sender thread).
 */
public final class WebhookRetryStrategy implements RetryStrategy {

    /** The default longest {@code Retry-After} honoured: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** The event whose last attempt asked for a delay, and when that delay ends. */
    private static final class Requested {
        Object event;
        long untilNanos;
    }

    private final RetryStrategy delegate;
    private final long maxRetryAfterNanos;
    private final Duration maxRetryAfter;
    private final Timekeeper timekeeper;
    private final ThreadLocal<Requested> requested;

    private WebhookRetryStrategy(RetryStrategy delegate, Duration maxRetryAfter, Timekeeper timekeeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate strategy must not be null");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be zero or positive, was " + maxRetryAfter);
        }
        this.maxRetryAfter = maxRetryAfter;
        this.maxRetryAfterNanos = saturatedNanos(maxRetryAfter);
        this.timekeeper = Objects.requireNonNull(timekeeper, "timekeeper must not be null");
        this.requested = ThreadLocal.withInitial(Requested::new);
    }

    /** The same webhook rules around one write's strategy, sharing {@code shared}'s requested delays. */
    private WebhookRetryStrategy(WebhookRetryStrategy shared, RetryStrategy write) {
        this.delegate = write;
        this.maxRetryAfter = shared.maxRetryAfter;
        this.maxRetryAfterNanos = shared.maxRetryAfterNanos;
        this.timekeeper = shared.timekeeper;
        this.requested = shared.requested;
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
     * Forwards to the wrapped strategy: if it keeps state per write (a
     * {@code dev.sinkwire.core.ft.RetryPolicy} does), this write gets the same webhook rules around
     * the wrapped strategy's strategy for the write; otherwise this strategy itself.
     */
    @Override
    public RetryStrategy forWrite(Object event) {
        RetryStrategy write = delegate.forWrite(event);
        if (write == delegate) {
            return this;
        }
        return new WebhookRetryStrategy(this, Objects.requireNonNull(write, () -> "forWrite returned null: " + delegate));
    }

    /**
     * The wrapped strategy's wait, or the rest of the delay the receiver asked for after this
     * event's last failure on this thread, whichever is longer.
     */
    @Override
    public Duration proceed(Object event) {
        Duration wait = delegate.proceed(event);
        Requested r = requested.get();
        if (r.event != event) {
            return wait;
        }
        long remaining = r.untilNanos - timekeeper.nanoTime();
        if (remaining <= 0) {
            r.event = null;
            return wait;
        }
        Duration asked = Duration.ofNanos(remaining);
        return asked.compareTo(wait) > 0 ? asked : wait;
    }

    /**
     * Drops permanent failures at once; otherwise asks the wrapped strategy, and remembers a
     * {@code Retry-After} delay for the next {@link #proceed}.
     */
    @Override
    public boolean failure(Object event, Throwable error) {
        Requested r = requested.get();
        r.event = null;
        if (isPermanent(error)) {
            return true;
        }
        boolean drop = delegate.failure(event, error);
        if (!drop && error instanceof RetryAfterException after && maxRetryAfterNanos > 0) {
            long nanos = Math.min(saturatedNanos(after.retryAfter()), maxRetryAfterNanos);
            r.event = event;
            r.untilNanos = timekeeper.nanoTime() + nanos;
        }
        return drop;
    }

    /** Forgets any requested delay and tells the wrapped strategy. */
    @Override
    public void success(Object event) {
        Requested r = requested.get();
        if (r.event != null) {
            r.event = null;
        }
        delegate.success(event);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "WebhookRetryStrategy[" + delegate + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
