/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DropReason;
import dev.sinkwire.core.internal.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What has happened so far to the events of one sink: a snapshot taken by
 * {@link SinkMeter#snapshot()}.
 *
 * <p>The invariant: {@code accepted = delivered + dropped + pending}, where {@link #pending()} is
 * the events accepted and not yet delivered or dropped (queued, being written, or backing off).
 * Once the sink's chain is closed and quiet, {@code pending} is zero and every accepted event is
 * accounted for as delivered or dropped with a reason.
 *
 * <p>Immutable: safe for concurrent use.
 *
 * @param sink the name of the sink
 * @param accepted writes into the sink's chain that returned normally
 * @param delivered writes to the destination that returned normally
 * @param failedAttempts writes to the destination that threw (every attempt counts, retried or not)
 * @param retried failed attempts that the retry strategy decided to retry
 * @param dropped accepted events handed to the drop listener, by reason; every reason is present
 */
public record SinkStats(String sink, long accepted, long delivered, long failedAttempts, long retried,
        Map<DropReason, Long> dropped) {

    /**
     * Checks the components and copies {@code dropped}, adding the reasons it lacks with zero.
     *
     * @param sink the name of the sink
     * @param accepted writes into the sink's chain that returned normally
     * @param delivered writes to the destination that returned normally
     * @param failedAttempts writes to the destination that threw
     * @param retried failed attempts that the retry strategy decided to retry
     * @param dropped accepted events handed to the drop listener, by reason; missing reasons count 0
     *
     * @throws NullPointerException if {@code sink}, {@code dropped} or one of its keys or values is
     *     {@code null}
     * @throws IllegalArgumentException if a count is negative
     */
    public SinkStats {
        Checks.notNull(sink, "sink");
        Checks.notNull(dropped, "dropped");
        notNegative(accepted, "accepted");
        notNegative(delivered, "delivered");
        notNegative(failedAttempts, "failedAttempts");
        notNegative(retried, "retried");
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, 0L);
        }
        for (Map.Entry<DropReason, Long> e : dropped.entrySet()) {
            Checks.notNull(e.getKey(), "dropped reason");
            long n = Checks.notNull(e.getValue(), "dropped[" + e.getKey() + "]");
            notNegative(n, "dropped[" + e.getKey() + "]");
            all.put(e.getKey(), n);
        }
        dropped = Collections.unmodifiableMap(all);
    }

    private static void notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
    }

    /**
     * The accepted events dropped for one reason.
     *
     * @param reason the reason
     * @return how many
     */
    public long dropped(DropReason reason) {
        return dropped.get(Checks.notNull(reason, "reason"));
    }

    /**
     * The accepted events dropped, for any reason.
     *
     * @return how many
     */
    public long droppedTotal() {
        long total = 0;
        for (long n : dropped.values()) {
            total += n;
        }
        return total;
    }

    /**
     * The accepted events neither delivered nor dropped yet: {@code accepted - delivered -
     * droppedTotal()}. Never negative in a snapshot from {@link SinkMeter#snapshot()}.
     *
     * @return how many
     */
    public long pending() {
        return accepted - delivered - droppedTotal();
    }
}
