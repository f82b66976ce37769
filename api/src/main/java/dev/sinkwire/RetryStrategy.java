package dev.sinkwire;

import java.time.Duration;

/**
 * Tells a retrying sink when to try, and when to give up. go-events' {@code RetryStrategy}.
 *
 * <p>A strategy is shared by every writer of its retrying sink, so implementations must be safe
 * for concurrent use.
 */
public interface RetryStrategy {

    /**
     * Asks how long to wait before the next attempt to write {@code event}.
     *
     * @param event the event about to be written
     * @return how long to wait; zero or negative means try now
     */
    Duration proceed(Object event);

    /**
     * Reports a failed attempt.
     *
     * @param event the event that failed
     * @param error why it failed
     * @return {@code true} to drop the event (it is reported to the drop listener), {@code false}
     *     to retry it
     */
    boolean failure(Object event, Throwable error);

    /**
     * Reports a successful write.
     *
     * @param event the event written
     */
    void success(Object event);
}
