/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/** Test tools for the bounded queue, accounting, dead-letter and shutdown tests. */
final class BoundedTestSupport {

    private BoundedTestSupport() {
    }

    /**
     * A destination whose writes wait for a permit: a test lets events through one by one with
     * {@link #release(int)} and knows when the consumer is inside a write with {@link #awaitEntered()}.
     * An interrupted write fails with {@link SinkException}; a write after close throws
     * {@link SinkClosedException}. Safe for concurrent use.
     */
    static final class GateSink<E> implements Sink<E> {
        final List<E> delivered = new CopyOnWriteArrayList<>();
        private final Semaphore permits = new Semaphore(0);
        private final Semaphore entered = new Semaphore(0);
        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public void write(E event) {
            if (closes.get() > 0) {
                throw new SinkClosedException("gate is closed");
            }
            entered.release();
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("gate write interrupted", e);
            }
            delivered.add(event);
        }

        /** Lets {@code n} more writes through. */
        void release(int n) {
            permits.release(n);
        }

        /** Lets every write through from now on. */
        void open() {
            permits.release(1_000_000);
        }

        /** Returns once a write has entered the gate (one per call); fails after 10 seconds. */
        void awaitEntered() throws InterruptedException {
            if (!entered.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no write entered the gate within 10 seconds");
            }
        }

        int closes() {
            return closes.get();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        @Override
        public String toString() {
            return "gate";
        }
    }

    /** A drop listener that records every letter. */
    static final class Letters implements DropListener {
        final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

        @Override
        public void dropped(DeadLetter letter) {
            letters.add(letter);
        }

        List<Object> events() {
            return letters.stream().map(DeadLetter::event).toList();
        }
    }

    /** Runs {@code task} on a new daemon thread named {@code name}. */
    static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A task running on its own thread, and its outcome. */
    record Running(Thread thread, CompletableFuture<Void> done) {

        /**
         * Waits (at most 10 seconds) until the thread is parked on a {@link Condition} (a bounded
         * queue's writer waiting for room), not merely on a lock.
         */
        void awaitWaitingOnCondition() {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> LockSupport.getBlocker(thread) instanceof Condition);
        }
    }

    /** Runs {@code task} on a new daemon thread; the future completes with its outcome. */
    static Running async(String name, Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = start(name, () -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return new Running(thread, done);
    }

    /** The failure of {@code future}, waiting at most 10 seconds; fails if it completed normally. */
    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("still running after 10 seconds", e);
        }
        throw new AssertionError("completed normally, expected a failure");
    }

    /** Waits (at most 10 seconds) for {@code future} to complete normally. */
    static void join(CompletableFuture<?> future) throws Exception {
        future.get(10, TimeUnit.SECONDS);
    }

    /**
     * A retry strategy that retries each event until it has failed {@code maxFailures} times, then
     * drops it. Counts per event identity; safe for concurrent use.
     */
    static final class GiveUpAfter implements dev.sinkwire.RetryStrategy {
        private final int maxFailures;
        private final java.util.Map<Object, Integer> failures =
                java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

        GiveUpAfter(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        @Override
        public Duration proceed(Object event) {
            return Duration.ZERO;
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            int n = failures.merge(event, 1, Integer::sum);
            if (n >= maxFailures) {
                failures.remove(event);
                return true;
            }
            return false;
        }

        @Override
        public void success(Object event) {
            failures.remove(event);
        }

        @Override
        public String toString() {
            return "GiveUpAfter(" + maxFailures + ")";
        }
    }
}
