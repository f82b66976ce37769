/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The batched mode of {@link WebhookSink}: writers append serialized envelopes to a buffer; one
 * sender thread takes up to {@code batchSize} of them at a time and POSTs them as one
 * request (the format's batch body), when the buffer holds a full batch, when the oldest buffered
 * envelope has waited {@code linger}, when {@link #flush()} asks, or when closing. Failed batches
 * are retried as the strategy says (none: not retried), then every event of the batch goes to the
 * drop listener.
 *
 * <p>Safe for concurrent use. All buffer state is guarded by {@link #lock}; the sender waits on a
 * fresh latch per wait through the {@link Timekeeper}, so tests can drive the linger with virtual
 * time.
 */
final class Batcher {

    private record Entry(WebhookSink.Prepared prepared, long addedNanos) {
    }

    private final String name;
    private final Sender sender;
    private final Function<List<WebhookSink.Prepared>, Sender.Delivery> requestOf;
    private final int batchSize;
    private final int capacity;
    private final long lingerNanos;
    private final RetryStrategy strategy; // null: no retry
    private final DropListener dropListener;
    private final Consumer<Object> deliveryListener;
    /** Hears of each failed request, with the batch's events. */
    private final Consumer<Object> failedAttemptListener;
    private final Timekeeper timekeeper;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resolvedChanged = lock.newCondition();
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    /** Events accepted, taken into batches, and resolved (delivered or reported), since the start. */
    private long accepted;
    private long taken;
    private long resolved;
    /** {@link #flush()} wants every event up to this count sent without lingering. */
    private long flushTarget;
    private boolean closed;
    /** The latch the sender waits on now; writers release it when the sender must look again. */
    private CountDownLatch wake = new CountDownLatch(1);

    /** Released by close: cuts a retry backoff short. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);

    Batcher(String name, Sender sender, Function<List<WebhookSink.Prepared>, Sender.Delivery> requestOf,
            int batchSize, int capacity, Duration linger, RetryStrategy strategy, DropListener dropListener,
            Consumer<Object> deliveryListener, Consumer<Object> failedAttemptListener, Timekeeper timekeeper,
            ThreadFactory threadFactory) {
        this.name = name;
        this.sender = sender;
        this.requestOf = requestOf;
        this.batchSize = batchSize;
        this.capacity = capacity;
        this.lingerNanos = Checks.saturatedNanos(linger);
        this.strategy = strategy;
        this.dropListener = dropListener;
        this.deliveryListener = deliveryListener;
        this.failedAttemptListener = failedAttemptListener;
        this.timekeeper = timekeeper;
        this.thread = threadFactory.newThread(this::run);
        if (thread == null) {
            throw new IllegalStateException("thread factory " + threadFactory + " returned no thread for webhook sink "
                    + name);
        }
        thread.start();
    }

    /**
     * Buffers one event; when the buffer holds {@code capacity} events already, reports it to the
     * drop listener as {@link DropReason#OVERFLOW} instead (the write still returns normally).
     */
    void add(WebhookSink.Prepared prepared) {
        lock.lock();
        try {
            if (closed) {
                throw new SinkClosedException("webhook sink " + name + " is closed");
            }
            if (pending.size() >= capacity) {
                lock.unlock();
                try {
                    DropListener.notify(dropListener, new DeadLetter(prepared.event(), name, DropReason.OVERFLOW,
                            new SinkException("the batch buffer of webhook sink " + name + " is full (" + capacity
                                    + " events; " + WebhookConfig.BATCH_CAPACITY + ")"), 0));
                } finally {
                    lock.lock();
                }
                return;
            }
            pending.add(new Entry(prepared, timekeeper.nanoTime()));
            accepted++;
            // The sender must look again when a linger starts or a batch fills; otherwise it is
            // either sending (and looks when done) or waiting for a linger that has not changed.
            if (pending.size() == 1 || pending.size() >= batchSize) {
                wake.countDown();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every event accepted before this call is delivered or reported. */
    void flush() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("flush called from the webhook sink's own sender thread (from a drop"
                    + " listener?): it would wait for itself");
        }
        lock.lock();
        try {
            long target = accepted;
            if (resolved >= target) {
                return;
            }
            flushTarget = Math.max(flushTarget, target);
            wake.countDown();
            while (resolved < target) {
                resolvedChanged.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while flushing webhook sink " + name, e);
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting, sends what is buffered (each batch at most once more), then returns. */
    void close() {
        lock.lock();
        try {
            closed = true;
            wake.countDown();
        } finally {
            lock.unlock();
        }
        closing.countDown();
        if (Thread.currentThread() == thread) {
            return;
        }
        Checks.awaitUninterruptibly(terminated);
    }

    private void run() {
        try {
            while (true) {
                List<Entry> batch = null;
                CountDownLatch waitOn = null;
                long waitNanos = Long.MAX_VALUE;
                lock.lock();
                try {
                    Entry oldest = pending.peek();
                    if (oldest != null) {
                        boolean due = pending.size() >= batchSize || closed || flushTarget > taken;
                        if (!due) {
                            // Differences of readings only: safe with any linger and clock value.
                            long waited = timekeeper.nanoTime() - oldest.addedNanos;
                            due = waited >= lingerNanos;
                            waitNanos = lingerNanos - waited;
                        }
                        if (due) {
                            batch = take();
                        }
                    } else if (closed) {
                        return;
                    }
                    if (batch == null) {
                        waitOn = new CountDownLatch(1);
                        wake = waitOn;
                    }
                } finally {
                    lock.unlock();
                }
                if (batch != null) {
                    deliver(batch);
                } else {
                    try {
                        timekeeper.await(waitOn, waitNanos);
                    } catch (InterruptedException e) {
                        // This thread belongs to the sink: an interrupt means nothing to it.
                    }
                }
            }
        } finally {
            terminated.countDown();
        }
    }

    private List<Entry> take() {
        int n = Math.min(pending.size(), batchSize);
        List<Entry> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(pending.poll());
        }
        taken += n;
        return batch;
    }

    private void deliver(List<Entry> batch) {
        List<WebhookSink.Prepared> prepared = new ArrayList<>(batch.size());
        List<Object> events = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            prepared.add(e.prepared);
            events.add(e.prepared.event());
        }
        Throwable last = null;
        DropReason reason;
        int attempts = 0;
        try {
            Sender.Delivery request = requestOf.apply(prepared); // one id for this batch and all its retries
            // Always a WebhookRetryStrategy, whose forWrite never answers null.
            RetryStrategy strategy = this.strategy == null ? null : this.strategy.forWrite(events);
            boolean lastChance = false;
            while (true) {
                if (closing.getCount() == 0) {
                    if (lastChance) {
                        reason = DropReason.FAILED;
                        break;
                    }
                    lastChance = true;
                } else if (strategy != null) {
                    long wait = Checks.saturatedNanos(strategy.proceed(events));
                    if (wait > 0) {
                        try {
                            lastChance = timekeeper.await(closing, wait);
                        } catch (InterruptedException e) {
                            Thread.interrupted(); // ours; keep going
                        }
                    }
                }
                attempts++;
                Throwable failure = null;
                try {
                    Thread.interrupted(); // a stray interrupt would fail the request at once
                    sender.post(request);
                } catch (Throwable e) { // the sender thread must survive anything, and report it
                    failure = e;
                }
                if (failure == null) {
                    delivered(batch, strategy, events);
                    return;
                }
                last = failure;
                tell(failedAttemptListener, Collections.unmodifiableList(events), "failed-attempt");
                if (WebhookRetryStrategy.isPermanent(failure) || strategy == null || failure instanceof Error) {
                    reason = DropReason.FAILED;
                    break;
                }
                if (strategy.failure(events, failure)) {
                    reason = DropReason.GAVE_UP;
                    break;
                }
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable broken) {
            // The retry strategy or the id supplier failed: the batch cannot go on, and the sender
            // thread must not die with it (its events, and every later one, would be lost unreported).
            last = broken;
            reason = DropReason.FAILED;
        }
        for (Entry entry : batch) {
            DropListener.notify(dropListener, new DeadLetter(entry.prepared.event(), name, reason, last, attempts));
        }
        resolve(batch.size());
    }

    /**
     * The batch was delivered: tells the strategy and the delivery listener, then resolves it. A
     * strategy that fails here is logged: the batch is delivered and is neither resent nor reported.
     */
    private void delivered(List<Entry> batch, RetryStrategy strategy, List<Object> events) {
        if (strategy != null) {
            try {
                strategy.success(events);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                System.getLogger(Batcher.class.getName()).log(System.Logger.Level.WARNING,
                        "retry strategy of webhook sink " + name + " failed on success", e);
            }
        }
        for (Entry entry : batch) {
            tell(deliveryListener, entry.prepared.event(), "delivery");
        }
        resolve(batch.size());
    }

    /** Calls a listener; the sender thread must survive its failure. */
    private void tell(Consumer<Object> listener, Object what, String kind) {
        try {
            listener.accept(what);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable listenerFailure) { // even an Error: the events are resolved, once, either way
            System.getLogger(Batcher.class.getName()).log(System.Logger.Level.WARNING,
                    kind + " listener of webhook sink " + name + " failed", listenerFailure);
        }
    }

    private void resolve(int n) {
        lock.lock();
        try {
            resolved += n;
            resolvedChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

}
