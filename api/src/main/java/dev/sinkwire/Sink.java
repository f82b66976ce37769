/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

/**
 * Accepts events. The Java form of go-events' {@code Sink}: one method to write, one to close.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li>{@link #write} returns normally only when the event is committed: delivered, queued for
 *       delivery, or (for decorators that may give up) handed to a {@link DropListener}. It reports
 *       failure by throwing an unchecked {@link SinkException}.</li>
 *   <li>{@code write(null)} throws {@link NullPointerException}.</li>
 *   <li>{@link #close} is idempotent: a second call is a no-op.</li>
 *   <li>{@code write} after {@code close} throws {@link SinkClosedException}.</li>
 * </ul>
 *
 * <p>Thread safety is part of each implementation's documentation; every implementation in
 * Sinkwire is safe for concurrent use.
 *
 * @param <E> the type of events accepted
 */
public interface Sink<E> extends AutoCloseable {

    /**
     * Writes one event.
     *
     * @param event the event, never {@code null}
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the sink is closed
     * @throws SinkException if the event could not be committed
     */
    void write(E event);

    /**
     * Closes the sink, releasing what it holds and closing the sinks it wraps. Calling it again
     * has no effect.
     */
    @Override
    void close();
}
