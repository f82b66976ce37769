/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Matcher;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.CloseOnce;

/**
 * Forwards only the events its {@link Matcher} matches. go-events' {@code Filter}.
 *
 * <p>Safe for concurrent use (go-events' filter is not), provided the matcher is. An event that
 * does not match is accepted and discarded: that is the filter's purpose, not a loss, so it is
 * not reported.
 *
 * @param <E> the type of events
 */
public final class Filter<E> implements Sink<E> {

    private final Sink<? super E> dst;
    private final Matcher<? super E> matcher;
    private volatile boolean closed;
    private final CloseOnce closing = new CloseOnce();

    /**
     * Creates a filter.
     *
     * @param dst where matching events go
     * @param matcher decides which events match
     * @throws NullPointerException if an argument is {@code null}
     */
    public Filter(Sink<? super E> dst, Matcher<? super E> matcher) {
        this.dst = Checks.notNull(dst, "dst");
        this.matcher = Checks.notNull(matcher, "matcher");
    }

    /**
     * Writes the event to the destination if it matches.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the filter is closed
     */
    @Override
    public void write(E event) {
        Checks.writable(event, closed, "filter");
        if (matcher.match(event)) {
            dst.write(event);
        }
    }

    /**
     * Closes the filter, then the destination. A second call does nothing; from another thread
     * while the first is still closing the destination, it waits for the first to finish.
     */
    @Override
    public void close() {
        if (!closing.begin()) {
            return;
        }
        closed = true;
        try {
            dst.close();
        } finally {
            closing.end();
        }
    }

    @Override
    public String toString() {
        return "Filter[" + matcher + " -> " + dst + "]";
    }
}
