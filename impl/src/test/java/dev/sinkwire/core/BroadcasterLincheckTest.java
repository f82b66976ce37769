/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.SinkClosedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checking of {@link Broadcaster}: add / remove / write / close from three threads.
 * A write's result says which sinks received its event (or that the broadcaster was closed), so
 * linearizability covers delivery too: a sink receives exactly the events written while it was
 * present, nothing after close, and nothing is reported dropped (a sink is closed only by the
 * broadcaster's close, after which no write reaches it).
 */
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets (minutes on a 2-core machine under a load of 20+). No result
// depends on time; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
public class BroadcasterLincheckTest {

    private final RecordingSink<Integer> a = new RecordingSink<>("a");
    private final RecordingSink<Integer> b = new RecordingSink<>("b");
    /** Events the broadcaster reported as undeliverable: in a sequential run, never any. */
    private final java.util.Set<Object> dropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Broadcaster<Integer> broadcaster = new Broadcaster<>(letter -> dropped.add(letter.event()), a);
    private final AtomicInteger ids = new AtomicInteger();

    /** Lincheck creates one instance per scenario (and one for the sequential check). */
    public BroadcasterLincheckTest() {
    }

    @Operation
    public String write() {
        int id = ids.incrementAndGet();
        try {
            broadcaster.write(id);
        } catch (SinkClosedException closed) {
            return "closed";
        }
        return (a.events().contains(id) ? "a" : "") + (b.events().contains(id) ? "b" : "")
                + (dropped.contains(id) ? " dropped" : "");
    }

    @Operation
    public String addB() {
        try {
            broadcaster.add(b);
            return "ok";
        } catch (SinkClosedException closed) {
            return "closed";
        }
    }

    @Operation
    public String removeA() {
        try {
            broadcaster.remove(a);
            return "ok";
        } catch (SinkClosedException closed) {
            return "closed";
        }
    }

    @Operation
    public void close() {
        broadcaster.close();
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions().iterations(15).invocationsPerIteration(200).threads(2).actorsPerThread(3)
                .check(getClass());
    }
}
