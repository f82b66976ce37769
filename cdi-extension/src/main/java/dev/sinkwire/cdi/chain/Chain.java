/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.ft.CircuitBreaker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * One sink's built chain, as the runtime closes it and reads its state. Absent parts are
 * {@code null}. Immutable; the parts it reads are safe for concurrent use.
 *
 * @param entry the outer end, fed by the observers and injected with {@code @SinkChain}
 * @param queue the queue, or {@code null}
 * @param layers the layers closed after the queue, outer to inner: the filter, the retrying part
 *     (the {@code RetryingSink} itself when there is one, also for {@code @Retry} applied by Sinkwire;
 *     for a durable sink its durable stage, which stops its relay and then closes the retrying
 *     part behind it) and the sink itself; empty for a disabled sink
 * @param saturation the share of the queue's capacity from which it counts as saturated
 * @param ftBreaker the MicroProfile FT circuit breaker Sinkwire applies, or {@code null}
 * @param breaker the go-events breaker of the retry strategy, or {@code null}
 * @param endpoint the endpoint its receiver can disable, or {@code null}
 * @param durableBacklog the durable store's backlog reader, or {@code null}
 */
public record Chain(ChainEntry entry, Queue<Object> queue, List<Sink<Object>> layers, double saturation,
        CircuitBreaker ftBreaker, Breaker breaker, ConfiguredSink.Endpoint endpoint, DurableBacklog durableBacklog)
        implements SinkwireStats.Probe {

    private static final System.Logger LOGGER = System.getLogger(Chain.class.getName());

    /**
     * Closes the layers behind the entry, outer to inner: the queue delivers what it accepted within {@code timeout}
     * (the rest is reported with reason {@code SHUTDOWN}; a write into the sink that ignores the interrupt is abandoned
     * after the queue's grace, its event reported, see {@link Queue#close(Duration)}), then the other layers are
     * closed (the queue closed its destination at the deadline already); a failure to close is
     * logged. The sink itself is closed after the writes under way into it have returned (a synchronous sink's, on
     * the application's threads; a timed-out one's, on a timeout worker), waiting for them at most {@code timeout} from
     * now, then closed anyway (logged), so that a write that never returns cannot hold the application's stop. For a
     * synchronous sink with a retrying sink, that one is closed first, within the same deadline: an attempt still under
     * way at the deadline has its event reported with reason {@code SHUTDOWN} ({@link RetryingSink#close(Duration)}).
     *
     * @param timeout how long the queue, or the writes under way into a synchronous sink, may take
     * @return {@code false} if some event had to be reported with reason {@code SHUTDOWN}
     */
    public boolean close(Duration timeout) {
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        layers.forEach(l -> {
            if (l instanceof TargetSink t) {
                t.closeBy(deadline);
            }
        });
        boolean delivered = queue == null || queue.close(timeout);
        if (queue == null) { // the application's threads write: bound the retrying sink's wait for them
            for (Sink<Object> l : layers) {
                if (l instanceof RetryingSink<Object> r) {
                    delivered &= closeBy(r, deadline);
                }
            }
        }
        layers.forEach(Chain::closeQuietly); // a retrying sink closed above: nothing more
        return delivered;
    }

    /** Closes a retrying sink within what is left until {@code deadline}, logging a failure. */
    private static boolean closeBy(RetryingSink<Object> retrying, long deadline) {
        try {
            return retrying.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Sinkwire: closing " + retrying + " failed", e);
            return true;
        }
    }

    @Override
    public SinkState state() {
        SinkState.Breaker b = SinkState.Breaker.NONE;
        if (ftBreaker != null) { // open past its delay: the next event is a trial, not refused
            b = ftBreaker.state() == CircuitBreaker.State.OPEN && !ftBreaker.refusesNow() ? SinkState.Breaker.HALF_OPEN
                    : SinkState.Breaker.valueOf(ftBreaker.state().name());
        } else if (breaker != null) {
            b = breaker.open() ? SinkState.Breaker.OPEN : SinkState.Breaker.CLOSED;
        }
        // a consumer that ended because the application stops is not dead
        boolean alive = queue == null || queue.consumerAlive() || entry.stopped();
        return new SinkState(entry.name(), entry.enabled(), b, queue != null ? queue.size() : -1,
                queue != null ? queue.capacity() : 0, saturation, alive, endpoint != null && endpoint.disabled());
    }

    @Override
    public boolean enable() {
        return endpoint != null && endpoint.enable();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Closes a sink, logging a failure. */
    static void closeQuietly(Sink<?> sink) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Sinkwire: closing " + sink + " failed", e);
        }
    }
}
