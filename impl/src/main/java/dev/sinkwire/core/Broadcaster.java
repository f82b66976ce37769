/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.Describe;
import dev.sinkwire.core.internal.CloseOnce;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Writes every event to every one of its sinks. go-events' {@code Broadcaster}.
 *
 * <p>Safe for concurrent use. Writes are serialized: every sink sees the events in one total
 * order, the order in which {@link #write} calls took the broadcaster's lock. A write returns once
 * every sink has been written to, so a slow sink slows every writer: put a {@link Queue} in front
 * of any sink that may block.
 *
 * <p>A sink that throws {@link SinkClosedException} is removed. A sink that throws anything else
 * does not stop the others; the event is handed to the {@link DropListener} for that sink, and
 * {@code write} still returns normally; this includes an {@link Error} other than a
 * {@link VirtualMachineError}. {@code write} itself fails only once the broadcaster is closed, or
 * when a sink throws a {@link VirtualMachineError} ({@link OutOfMemoryError},
 * {@link StackOverflowError}...): that error is reported for its sink, then propagates to the
 * writer at once, and the sinks after it in order do not see that event (the writer does see the
 * error: nothing is lost silently). The broadcaster stays open and keeps every sink.
 *
 * <p>Not for: fan-out to sinks that must not see each other's failures in their latency, or
 * delivery that must survive a crash (nothing here is persisted).
 *
 * @param <E> the type of events
 */
public final class Broadcaster<E> implements Sink<E> {

    private static final System.Logger LOGGER = System.getLogger(Broadcaster.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final DropListener dropListener;
    /** Guarded by {@code lock}; copied on change, never mutated, so a write may iterate freely. */
    private Sink<? super E>[] sinks;
    /** Guarded by {@code lock}. */
    private boolean closed;
    private final CloseOnce closing = new CloseOnce();

    /**
     * Creates a broadcaster that reports undeliverable events to {@link DropListener#logging()}.
     *
     * @param sinks the initial sinks; a sink given twice is kept once
     * @throws NullPointerException if {@code sinks} or any of its elements is {@code null}
     */
    @SafeVarargs
    public Broadcaster(Sink<? super E>... sinks) {
        this(DropListener.logging(), sinks);
    }

    /**
     * Creates a broadcaster.
     *
     * @param dropListener receives each event a sink failed to accept
     * @param sinks the initial sinks; a sink given twice is kept once
     * @throws NullPointerException if an argument or any sink is {@code null}
     */
    @SafeVarargs
    public Broadcaster(DropListener dropListener, Sink<? super E>... sinks) {
        this.dropListener = Checks.notNull(dropListener, "dropListener");
        Checks.notNull(sinks, "sinks");
        // One array, filled once: appending one by one would copy it per sink (quadratic garbage,
        // 200 MB for 10,000 sinks), and the collections that garbage causes scatter the sinks in
        // memory, which slows every later write to them.
        @SuppressWarnings("unchecked")
        Sink<? super E>[] unique = (Sink<? super E>[]) new Sink<?>[sinks.length];
        int n = 0;
        for (int i = 0; i < sinks.length; i++) {
            Sink<? super E> sink = Objects.requireNonNull(sinks[i], "sinks[" + i + "] must not be null");
            if (indexOf(unique, n, sink) < 0) {
                unique[n++] = sink;
            }
        }
        this.sinks = n == unique.length ? unique : Arrays.copyOf(unique, n);
    }

    /**
     * Writes the event to every sink, in the order the sinks were added.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the broadcaster is closed
     * @throws VirtualMachineError if a sink throws one (after it is reported); later sinks did not
     *     see the event
     */
    @Override
    public void write(E event) {
        lock.lock();
        try {
            Checks.writable(event, closed, "broadcaster");
            for (Sink<? super E> sink : sinks) {
                try {
                    sink.write(event);
                } catch (SinkClosedException e) {
                    sinks = without(sinks, sink);
                    DropListener.notify(dropListener, new DeadLetter(event, Describe.of(sink), DropReason.CLOSED, e, 1));
                } catch (VirtualMachineError fatal) { // reported, then never swallowed: the writer sees it
                    DropListener.notify(dropListener, new DeadLetter(event, Describe.of(sink), DropReason.FAILED, fatal, 1));
                    throw fatal;
                } catch (Throwable e) { // one sink's failure (any other Error included) must not stop the others
                    DropListener.notify(dropListener, new DeadLetter(event, Describe.of(sink), DropReason.FAILED, e, 1));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a sink; it sees every event written after this returns. Adding a sink that is already
     * present (the same instance) does nothing.
     *
     * @param sink the sink to add
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws SinkClosedException if the broadcaster is closed
     */
    public void add(Sink<? super E> sink) {
        Checks.notNull(sink, "sink");
        change(current -> indexOf(current, sink) < 0 ? append(current, sink) : current);
    }

    /**
     * Removes a sink (the same instance) without closing it; it sees no event written after this
     * returns. Removing a sink that is not present does nothing.
     *
     * @param sink the sink to remove
     * @throws NullPointerException if {@code sink} is {@code null}
     * @throws SinkClosedException if the broadcaster is closed
     */
    public void remove(Sink<? super E> sink) {
        Checks.notNull(sink, "sink");
        change(current -> without(current, sink));
    }

    /** Replaces the sinks with {@code change} of them, under the lock, unless closed. */
    private void change(UnaryOperator<Sink<? super E>[]> change) {
        lock.lock();
        try {
            if (closed) {
                throw new SinkClosedException("broadcaster is closed");
            }
            sinks = change.apply(sinks);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the broadcaster, then closes every sink, in the order they were added. A sink whose
     * {@code close} fails (any {@link Error} included) is logged and does not stop the others; a
     * {@link VirtualMachineError} is rethrown once every other sink is closed. Writes that started before this
     * call complete first; later writes fail with {@link SinkClosedException}. A second call does
     * nothing; from another thread while the first is still closing sinks, it waits for the first
     * to finish, so that every caller can rely on the sinks being closed when it returns. So do
     * not call it from a thread that the first close waits for (the consumer thread of a
     * {@link Queue} among the sinks, say): that call would never return.
     */
    @Override
    public void close() {
        if (!closing.begin()) {
            return;
        }
        Sink<? super E>[] toClose;
        lock.lock();
        try {
            closed = true;
            toClose = sinks;
            sinks = emptyArray();
        } finally {
            lock.unlock();
        }
        VirtualMachineError fatal = null;
        try {
            for (Sink<? super E> sink : toClose) {
                try {
                    sink.close();
                } catch (SinkClosedException alreadyClosed) {
                    // what go-events' test sinks return on a second close: nothing to do
                } catch (VirtualMachineError e) { // never swallowed, but the other sinks are closed first
                    if (fatal == null) {
                        fatal = e;
                    }
                } catch (Throwable e) { // any other Error included: one sink's failure must not stop the others
                    LOGGER.log(Level.WARNING, "broadcaster: closing sink " + Describe.of(sink) + " failed", e);
                }
            }
        } finally {
            closing.end();
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Broadcaster" + Arrays.toString(sinks) + (closed ? " (closed)" : "");
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> Sink<? super E>[] emptyArray() {
        return (Sink<? super E>[]) new Sink<?>[0];
    }

    private static <E> int indexOf(Sink<? super E>[] sinks, Sink<? super E> sink) {
        return indexOf(sinks, sinks.length, sink);
    }

    /** The index of {@code sink} (by identity) among the first {@code length} of {@code sinks}, or -1. */
    private static <E> int indexOf(Sink<? super E>[] sinks, int length, Sink<? super E> sink) {
        for (int i = 0; i < length; i++) {
            if (sinks[i] == sink) {
                return i;
            }
        }
        return -1;
    }

    private static <E> Sink<? super E>[] append(Sink<? super E>[] sinks, Sink<? super E> sink) {
        Sink<? super E>[] grown = Arrays.copyOf(sinks, sinks.length + 1);
        grown[sinks.length] = sink;
        return grown;
    }

    private static <E> Sink<? super E>[] without(Sink<? super E>[] sinks, Sink<? super E> sink) {
        int i = indexOf(sinks, sink);
        if (i < 0) {
            return sinks;
        }
        Sink<? super E>[] shrunk = Arrays.copyOf(sinks, sinks.length - 1);
        System.arraycopy(sinks, i + 1, shrunk, i, sinks.length - i - 1);
        return shrunk;
    }
}
