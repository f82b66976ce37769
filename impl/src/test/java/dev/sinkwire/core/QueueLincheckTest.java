/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck stress testing of {@link Queue} write against close. The results must match a
 * sequential execution (a write before close succeeds, a write after it fails), and
 * {@link #everySuccessfulWriteWasDelivered()} checks that the destination received exactly the
 * successful writes (per-writer order is checked by {@link QueueStressTest}).
 *
 * <p>Stress mode, not model checking: the queue's own consumer thread is outside what Lincheck's
 * model checker controls (it reports the waiting {@code close} as a hang).
 */
@Param(name = "event", gen = IntGen.class, conf = "1:100")
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets (minutes on a 2-core machine under a load of 20+). No result
// depends on time; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
public class QueueLincheckTest {

    private final List<Integer> delivered = new ArrayList<>();
    private final List<Integer> accepted = new ArrayList<>();
    private final Queue<Integer> queue = new Queue<>(new Sink<Integer>() {
        @Override
        public void write(Integer event) {
            synchronized (delivered) {
                delivered.add(event);
            }
        }

        @Override
        public void close() {
        }
    });

    /** Lincheck creates one instance per scenario (and one for the sequential check). */
    public QueueLincheckTest() {
    }

    @Operation
    public boolean write(@Param(name = "event") int event) {
        try {
            queue.write(event);
        } catch (SinkClosedException closed) {
            return false;
        }
        synchronized (accepted) {
            accepted.add(event);
        }
        return true;
    }

    @Operation
    public void close() {
        queue.close();
    }

    @Validate
    public void everySuccessfulWriteWasDelivered() {
        queue.close();
        List<Integer> expected;
        synchronized (accepted) {
            expected = new ArrayList<>(accepted);
        }
        List<Integer> actual;
        synchronized (delivered) {
            actual = new ArrayList<>(delivered);
        }
        List<Integer> sortedExpected = new ArrayList<>(expected);
        List<Integer> sortedActual = new ArrayList<>(actual);
        sortedExpected.sort(null);
        sortedActual.sort(null);
        if (!sortedExpected.equals(sortedActual)) {
            throw new AssertionError("accepted " + expected + " but delivered " + actual);
        }
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(100).threads(3).actorsPerThread(3)
                .check(getClass());
    }
}
