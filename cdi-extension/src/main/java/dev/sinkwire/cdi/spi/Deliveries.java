package dev.sinkwire.cdi.spi;

/**
 * Where a sink that confirms its deliveries later (see {@link ConfiguredSink#selfConfirmed}) reports
 * the outcome of each attempt, so that the sink's statistics count an event as delivered when the
 * destination acknowledged it, not when the sink queued it. Dropped events are still reported to
 * {@link ConfiguredSinkContext#dropListener()}, retries through the strategy of
 * {@link ConfiguredSinkContext#retryStrategy}.
 *
 * <p>Implementations are safe for concurrent use and cheap (a counter increment).
 */
public interface Deliveries {

    /** Counts nothing: for sinks built outside the extension. */
    Deliveries NONE = new Deliveries() {
        @Override
        public void delivered(Object event) {
            // not counted
        }

        @Override
        public void failedAttempt(Object event, Throwable error) {
            // not counted
        }

        @Override
        public String toString() {
            return "Deliveries.NONE";
        }
    };

    /**
     * Counts one event as delivered. Call it once per event, after the destination confirmed it.
     *
     * @param event the event
     */
    void delivered(Object event);

    /**
     * Counts one failed attempt to deliver an event (the event may still be retried or dropped).
     *
     * @param event the event
     * @param error why the attempt failed
     */
    void failedAttempt(Object event, Throwable error);
}
