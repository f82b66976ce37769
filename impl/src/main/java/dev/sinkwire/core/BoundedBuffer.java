/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buffer of a bounded {@link Queue}: a FIFO of at most {@code capacity} events, one lock, two
 * conditions (the classic bounded buffer of {@code ArrayBlockingQueue}), with the queue's
 * {@link OverflowPolicy} applied when a writer finds it full.
 *
 * <p>Why a lock and not the unbounded queue's lock-free list plus a counter: every policy needs an
 * atomic view of the size together with the queue's content. {@link OverflowPolicy#DROP_OLDEST}
 * takes the head away from under the consumer, {@link OverflowPolicy#BLOCK} needs waiting,
 * timed waiting and a wake-up on close, and {@code close} must fail exactly the writers that
 * were not accepted. With a lock each of these is a few lines that are plainly correct; with a
 * counter beside a lock-free list, the writer and the consumer would race for the head. The cost
 * (one uncontended lock per write and per delivery, a few tens of nanoseconds; more under
 * contention) is paid only by queues that ask for a bound, where memory safety under overload is
 * the point, not the last nanosecond.
 *
 * <p>Safe for concurrent use by any number of writers and one consumer.
 *
 * @param <E> the type of events
 */
final class BoundedBuffer<E> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final String name;
    private final int capacity;
    private final OverflowPolicy policy;
    /** The longest a {@link OverflowPolicy#BLOCK} writer waits, or {@code null} for no limit. */
    private final Duration maxWait;
    private final long maxWaitNanos;
    /** Guarded by {@code lock}. Grows up to {@code capacity} as needed, never beyond. */
    private final ArrayDeque<E> events;
    /** Guarded by {@code lock}. */
    private boolean closed;
    /** Why the buffer was closed, for the writers it refuses, or {@code null}; guarded by {@code lock}. */
    private String closedBecause;
    /**
     * Overflow reports handed out by {@link #offer} and not yet made; guarded by {@code lock}. A
     * closed buffer is not drained until they are made, so that none arrives after the queue's
     * {@code close} returned.
     */
    private int reporting;

    /**
     * Creates an empty, open buffer. Arguments are checked by {@link Queue.Builder}.
     *
     * @param name the queue's name, for messages
     * @param capacity the most events held, at least 1
     * @param policy what a writer that finds the buffer full does
     * @param maxWait the longest a {@link OverflowPolicy#BLOCK} writer waits, or {@code null}
     */
    BoundedBuffer(String name, int capacity, OverflowPolicy policy, Duration maxWait) {
        this.name = name;
        this.capacity = capacity;
        this.policy = policy;
        this.maxWait = maxWait;
        this.maxWaitNanos = maxWait == null ? -1 : Checks.saturatedNanos(maxWait);
        this.events = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /**
     * The events waiting now (not counting the one the consumer is delivering). Takes the lock:
     * for monitoring, not for the write path.
     *
     * @return how many, from 0 to the capacity
     */
    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return the most events held */
    int capacity() {
        return capacity;
    }

    /**
     * Offers an event. Returns {@code null} when it was queued and nothing was displaced;
     * otherwise the event the policy discarded (the new one for {@link OverflowPolicy#REJECT},
     * the evicted oldest for {@link OverflowPolicy#DROP_OLDEST}), which the caller reports as
     * overflow once the lock is released.
     *
     * <p>A caller given an event to report must call {@link #reported()} once it has reported it.
     *
     * @param event the event to queue
     * @return {@code null}, or the event the policy discarded
     * @throws SinkClosedException if the buffer is closed (before or while waiting)
     * @throws QueueFullException if the policy refuses the event
     * @throws SinkException if the writer is interrupted while waiting for room
     */
    E offer(E event) {
        lock.lock();
        try {
            if (closed) {
                throw closedException();
            }
            if (events.size() < capacity) {
                enqueue(event);
                return null;
            }
            switch (policy) {
                case REJECT:
                    reporting++;
                    return event;
                case DROP_OLDEST:
                    E oldest = events.pollFirst();
                    events.addLast(event); // not empty before, so the consumer needs no signal
                    reporting++;
                    return oldest;
                case FAIL:
                    throw new QueueFullException("queue " + name + " is full (capacity " + capacity
                            + ", overflow FAIL)");
                case BLOCK:
                    awaitRoom();
                    enqueue(event);
                    return null;
                default:
                    throw new AssertionError(policy);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held and the buffer full; returns with the lock held and room. */
    private void awaitRoom() {
        long nanos = maxWaitNanos;
        try {
            while (true) {
                if (closed) {
                    throw closedException();
                }
                if (events.size() < capacity) {
                    return;
                }
                if (maxWaitNanos < 0) {
                    notFull.await();
                } else if (nanos <= 0) {
                    throw new QueueFullException("queue " + name + " is still full after waiting "
                            + maxWait + " (capacity " + capacity + ", overflow BLOCK)");
                } else {
                    nanos = notFull.awaitNanos(nanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting for room in queue " + name
                    + "; the event was not accepted", e);
        }
    }

    private void enqueue(E event) {
        events.addLast(event);
        notEmpty.signal(); // cheap when the consumer is not waiting: the condition has no waiter
    }

    /** Says that an overflow report handed out by {@link #offer} has been made (or has failed). */
    void reported() {
        lock.lock();
        try {
            if (--reporting == 0 && closed) {
                notEmpty.signalAll(); // the consumer may be waiting to finish
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest event, waiting while the buffer is empty and open. Called by the consumer
     * only. Interrupts while waiting are ignored (the consumer thread belongs to the queue).
     *
     * @return the event, or {@code null} once the buffer is closed, empty, and every overflow
     *     report handed out has been made
     */
    E take() {
        lock.lock();
        try {
            while (events.isEmpty()) {
                if (closed && reporting == 0) {
                    return null;
                }
                notEmpty.awaitUninterruptibly();
            }
            E event = events.pollFirst();
            if (policy == OverflowPolicy.BLOCK) {
                notFull.signal(); // one slot freed: one writer may go
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting: later offers, and writers waiting for room now, fail with
     * {@link SinkClosedException}; the consumer drains what is queued.
     *
     * @param because why, for the refused writers' message, or {@code null}
     */
    void close(String because) {
        lock.lock();
        try {
            if (!closed) {
                closedBecause = because;
            }
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private SinkClosedException closedException() {
        return new SinkClosedException("queue " + name + " is closed" + (closedBecause == null ? "" : ": " + closedBecause));
    }

    @Override
    public String toString() {
        return "capacity " + capacity + ", overflow " + policy + (maxWait == null ? "" : ", maxWait " + maxWait);
    }
}
