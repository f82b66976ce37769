/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.core.internal.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * One count of a {@link SinkMeter}, cheap for the thread that counts almost everything. The first
 * thread to count becomes the owner and counts with a plain read and a release store on a cache
 * line of its own (no atomic read-modify-write: only the owner writes that field); every other
 * thread counts in a {@link LongAdder}. {@link #sum()} adds the two.
 *
 * <p>Why: a meter's counts are written per event by different threads (a chain's producer counts
 * accepted, its queue's consumer thread counts delivered). As {@link LongAdder}s allocated side by
 * side, their fields shared cache lines that bounced between the two cores on every event, and
 * each count was an atomic instruction (measured: the counting of a queued chain cost as much as
 * the queue itself). The owner is usually the thread that writes for the whole life of the chain
 * (a queue's consumer thread; the single producer of a chain fed by one thread); a chain written
 * by many threads has them share the adder, as before, with the owner still cheap.
 *
 * <p>Padding: the owner's count (written per event) sits between 64 bytes of padding, and so does
 * the owner (read by every counting thread), unless the JVM packs that reference into the 4-byte
 * gap after the object header, ahead of the padding (it may: a subclass's field can fill a
 * superclass's gap); it is written once, so the padding after it is what matters. The JVM lays out a superclass's fields before its
 * subclass's, so the padding is split across the class hierarchy (as in {@link PaddedRef}).
 *
 * <p>Safe for concurrent use. {@link #sum()} is exact at quiescence; while counting goes on it
 * returns at least what any earlier {@code sum()} returned, if that call happened before this
 * one (each part only grows, and both are read with at least acquire semantics).
 */
final class OwnedCounter extends OwnedCount {
    /** Sets {@link #owner} once. */
    private static final VarHandle OWNER = Checks.varHandle(MethodHandles.lookup(), CounterOwner.class, "owner",
            Thread.class);
    /** Accesses {@link #own}. */
    private static final VarHandle OWN = Checks.varHandle(MethodHandles.lookup(), OwnedCount.class, "own",
            long.class);

    long p20, p21, p22, p23, p24, p25, p26, p27;

    /** The threads other than the owner count here. */
    private final LongAdder others = new LongAdder();

    /** Counts one. */
    void increment() {
        Thread me = Thread.currentThread();
        Thread o = owner; // identity, not Thread.getId(): a Thread subclass may override getId() (JDK 17)
        if (o == me || o == null && OWNER.compareAndSet(this, null, me)) {
            // single writer: only the owner thread ever writes `own`, so read-increment-store cannot
            // lose a count; the release store keeps a reader's acquire load from seeing it early
            OWN.setRelease(this, own + 1);
        } else {
            others.increment();
        }
    }

    /**
     * The count.
     *
     * @return what the owner counted plus what every other thread counted
     */
    long sum() {
        return (long) OWN.getAcquire(this) + others.sum();
    }
}

/** The owner's count; see {@link OwnedCounter}. */
abstract class OwnedCount extends OwnerPadAfter {
    /** Written only by the owner thread, with a release store; read by {@link OwnedCounter#sum()}. */
    long own;
}

/** Padding between the owner and the owner's count; see {@link OwnedCounter}. */
abstract class OwnerPadAfter extends CounterOwner {
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The owner thread; see {@link OwnedCounter}. */
abstract class CounterOwner extends CounterPadBefore {
    /**
     * The thread that counted first, set once from {@code null}. Holding it keeps a dead owner's
     * {@code Thread} object (not what it ran) reachable as long as the counter.
     */
    volatile Thread owner;
}

/** Padding before the owner; see {@link OwnedCounter}. */
abstract class CounterPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
