/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-consumer hand-off with no library around it: producers offer to a lock-free queue and
 * one consumer thread polls it into a {@link CountingSink}, spinning, then yielding, then parking
 * when it is empty; a producer unparks it only when it has parked. The same idle protocol and
 * constants as Sinkwire's {@code Queue}, so that the limit rows differ from it only in the data
 * structure.
 *
 * <p>{@link #offer} is safe for concurrent use if the underlying queue is multi-producer;
 * {@link #close} is called once, from one thread.
 */
final class HandOff {

    private static final int SPINS_BEFORE_PARK = 256;
    private static final int YIELDS_BEFORE_PARK = 8;

    private final java.util.Queue<Object> queue;
    private final CountingSink sink;
    private final Thread consumer;
    private final AtomicBoolean parked = new AtomicBoolean();
    private volatile boolean done;

    HandOff(java.util.Queue<Object> queue, CountingSink sink) {
        this.queue = queue;
        this.sink = sink;
        this.consumer = new Thread(this::run, "hand-off-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    void offer(Object event) {
        queue.offer(event);
        // Volatile read after the queue's volatile publish: pairs with the consumer's
        // "set parked, then re-check the queue" (Dekker), so a parked consumer is always woken.
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(consumer);
        }
    }

    /** Stops the consumer after it has drained everything offered, then waits for it. */
    void close() throws InterruptedException {
        done = true;
        LockSupport.unpark(consumer);
        consumer.join();
    }

    private void run() {
        int idle = 0;
        while (true) {
            Object event = queue.poll();
            if (event != null) {
                sink.write(event);
                idle = 0;
                continue;
            }
            if (done) {
                // `done` is written after the last offer: one more poll sees everything.
                if (queue.isEmpty()) {
                    break;
                }
                continue;
            }
            if (idle < SPINS_BEFORE_PARK) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS_BEFORE_PARK + YIELDS_BEFORE_PARK) {
                idle++;
                Thread.yield();
            } else {
                parked.set(true);
                if (queue.isEmpty() && !done) {
                    LockSupport.park(this);
                }
                parked.set(false);
            }
        }
        sink.close();
    }
}
