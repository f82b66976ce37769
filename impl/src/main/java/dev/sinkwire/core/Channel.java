/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sink that hands events to threads that {@link #take()} them: go-events' {@code Channel},
 * with the semantics of a Go channel of capacity {@code buffer}.
 *
 * <p>{@link #write} returns once the event is in the buffer or taken by a consumer; with a
 * buffer of 0 it is a hand-off and waits for a consumer. It blocks while the buffer is full. After
 * {@link #close()}, writes (including blocked ones) fail with {@link SinkClosedException}, while
 * consumers may still take what the buffer holds. Blocking calls honour interruption: they restore
 * the thread's interrupt flag and fail with {@link SinkException}.
 *
 * <p>Safe for concurrent use by any number of writers and consumers. Writers blocked on a full
 * buffer are served in arrival order.
 *
 * @param <E> the type of events
 */
public final class Channel<E> implements Sink<E> {

    private final int buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Events a consumer may take without waking a writer. At most {@code buffer}; guarded by lock. */
    private final ArrayDeque<E> buffered = new ArrayDeque<>();
    /** Writers waiting for a consumer or for room, oldest first; guarded by lock. */
    private final ArrayDeque<Offer<E>> waiting = new ArrayDeque<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Guarded by lock. */
    private boolean closed;

    /**
     * Creates a channel.
     *
     * @param buffer how many events it holds without a consumer; 0 for a hand-off
     * @throws IllegalArgumentException if {@code buffer} is negative
     */
    public Channel(int buffer) {
        this.buffer = Checks.atLeast(0, buffer, "buffer");
    }

    /**
     * Puts the event in the buffer, or hands it to a consumer, waiting for room or for a consumer
     * as long as it takes.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the channel is closed, before or while waiting
     * @throws SinkException if the thread is interrupted while waiting (the flag is restored, and
     *     the event was not written)
     */
    @Override
    public void write(E event) {
        try {
            put(event);
        } catch (SinkClosedException closed) {
            throw closedAndDone(closed);
        }
    }

    private void put(E event) {
        lock.lock();
        try {
            Checks.writable(event, closed, "channel");
            if (waiting.isEmpty() && buffered.size() < buffer) {
                buffered.add(event);
                changed.signalAll();
                return;
            }
            Offer<E> offer = new Offer<>(event);
            waiting.add(offer);
            changed.signalAll();
            try {
                while (!offer.taken) {
                    if (closed) {
                        waiting.remove(offer);
                        throw new SinkClosedException("channel closed before the event was taken");
                    }
                    changed.await();
                }
            } catch (InterruptedException e) {
                if (offer.taken) { // committed after all; keep the interrupt for the caller
                    Thread.currentThread().interrupt();
                    return;
                }
                waiting.remove(offer);
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while writing to channel", e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next event, waiting as long as it takes.
     *
     * @return the event
     * @throws SinkClosedException if the channel is closed and holds no event
     * @throws SinkException if the thread is interrupted while waiting (the flag is restored)
     */
    public E take() {
        return await(-1, "taking from");
    }

    /**
     * Takes the next event, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the event, or {@code null} if none came in time
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws SinkClosedException if the channel is closed and holds no event
     * @throws SinkException if the thread is interrupted while waiting (the flag is restored)
     */
    public E poll(Duration timeout) {
        return await(Math.max(0, Checks.saturatedNanos(Checks.notNull(timeout, "timeout"))), "polling");
    }

    /** The next event, waiting at most {@code nanos} ({@code -1}: without limit; {@code null} on timeout). */
    private E await(long nanos, String action) {
        try {
            return awaitEvent(nanos, action);
        } catch (SinkClosedException closed) {
            throw closedAndDone(closed);
        }
    }

    /**
     * Completes {@link #done()} before a caller hears that the channel is closed, so that it finds
     * the channel done, as a Go writer selecting on the closed channel does (the first close may
     * not have completed it yet). Outside the lock: completing runs the callbacks of done()'s copies.
     */
    private SinkClosedException closedAndDone(SinkClosedException closed) {
        done.complete(null);
        return closed;
    }

    private E awaitEvent(long nanos, String action) {
        lock.lock();
        try {
            while (true) {
                E event = next();
                if (event != null) {
                    return event;
                }
                if (closed) {
                    throw new SinkClosedException("channel is closed and empty");
                }
                if (nanos < 0) {
                    changed.await();
                } else if (nanos == 0) {
                    return null;
                } else {
                    nanos = Math.max(0, changed.awaitNanos(nanos));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while " + action + " channel", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes when the channel is closed: go-events' {@code Done()}. It is completed when any
     * {@link #close()} returns, and before a write or take is told that the channel is closed.
     *
     * @return a future completed (normally) by {@link #close()}
     */
    public CompletableFuture<Void> done() {
        return done.copy();
    }

    /**
     * Closes the channel: blocked and later writes fail with {@link SinkClosedException};
     * buffered events can still be taken. {@link #done()} is completed when any call returns. A
     * second call does nothing more.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        // Every call completes it (a no-op after the first): a second close racing the first must
        // not return before done() is completed, as go-events' sync.Once makes it wait. Outside the
        // lock, since completing runs the callbacks of done()'s copies on this thread.
        done.complete(null);
    }

    @Override
    public String toString() {
        return "Channel[buffer=" + buffer + "]";
    }

    /** Removes and returns the next event, promoting a waiting writer into the buffer. Holds lock. */
    private E next() {
        E event = buffered.poll();
        if (event != null) {
            Offer<E> promoted = waiting.poll();
            if (promoted != null) {
                buffered.add(promoted.event);
                promoted.taken = true;
                changed.signalAll();
            }
            return event;
        }
        Offer<E> offer = waiting.poll();
        if (offer == null) {
            return null;
        }
        offer.taken = true;
        changed.signalAll();
        return offer.event;
    }

    /** A writer waiting for its event to be taken or buffered. Guarded by the channel's lock. */
    private static final class Offer<E> {
        final E event;
        boolean taken;

        Offer(E event) {
            this.event = event;
        }
    }
}
