/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.CloseOnce;
import dev.sinkwire.core.internal.Describe;
import java.time.Duration;

/**
 * Guards a sink with a {@link CircuitBreaker}, as MicroProfile Fault Tolerance's
 * {@code @CircuitBreaker} guards a method: while the breaker refuses calls, {@link #write} fails at
 * once with {@link CircuitBreakerOpenException} and the wrapped sink is not called; otherwise the
 * write goes through and its outcome is recorded (a throwable counts as a failure or a success by
 * the breaker's {@code failOn} / {@code skipOn}, and is rethrown unchanged).
 *
 * <p>This sink does not retry or queue: a refused write is the writer's failure to handle. Put a
 * {@link RetryingSink} outside it for retries (an open circuit then counts as a failed attempt, as
 * in MP FT's {@code @Retry} + {@code @CircuitBreaker}), and a {@link Queue} outside that so that
 * writers never wait. {@link SinkClosedException} from the wrapped sink is terminal and says
 * nothing about the receiver's health: it passes through without being recorded.
 *
 * <p>Safe for concurrent use. Several sinks may share one breaker; they then open and close
 * together.
 *
 * @param <E> the type of events
 */
public final class CircuitBreakerSink<E> implements Sink<E> {

    private final Sink<? super E> sink;
    private final CircuitBreaker breaker;
    private volatile boolean closed;
    private final CloseOnce closing = new CloseOnce();

    /**
     * Guards {@code sink} with {@code breaker}.
     *
     * @param sink the sink to write to
     * @param breaker the breaker, possibly shared with other sinks
     * @throws NullPointerException if an argument is {@code null}
     */
    public CircuitBreakerSink(Sink<? super E> sink, CircuitBreaker breaker) {
        this.sink = Checks.notNull(sink, "sink");
        this.breaker = Checks.notNull(breaker, "breaker");
    }

    /**
     * The breaker guarding this sink, for its {@link CircuitBreaker#state() state}.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Writes the event if the breaker lets the call through.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if this sink or the wrapped one is closed
     * @throws CircuitBreakerOpenException if the breaker refuses the call
     * @throws SinkException (or anything else) as thrown by the wrapped sink
     */
    @Override
    public void write(E event) {
        Checks.writable(event, closed, "circuit breaker sink");
        CircuitBreaker.Phase admitted = breaker.tryAcquire();
        if (admitted == null) {
            throw new CircuitBreakerOpenException("circuit breaker is " + breaker.state() + " for another "
                    + Duration.ofNanos(breaker.refusedForNanos()) + ": " + Describe.of(sink) + " not called");
        }
        try {
            sink.write(event);
        } catch (SinkClosedException e) {
            breaker.release(admitted); // not the receiver's health: give the trial back unrecorded
            throw e;
        } catch (Throwable e) { // rethrown unchanged (precise rethrow: only unchecked can reach here)
            breaker.record(admitted, breaker.isFailure(e));
            throw e;
        }
        breaker.record(admitted, false);
    }

    /**
     * Closes the wrapped sink. A second call does nothing; from another thread while the first is
     * still closing the wrapped sink, it waits for the first to finish. The breaker keeps its state.
     */
    @Override
    public void close() {
        if (!closing.begin()) {
            return;
        }
        closed = true;
        try {
            sink.close();
        } finally {
            closing.end();
        }
    }

    @Override
    public String toString() {
        return "CircuitBreakerSink[" + breaker + " -> " + sink + "]";
    }
}
