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
 * Lincheck stress testing of a bounded {@link Queue}'s write against close, with capacity 1 so
 * that writers overflow all the time: results must match a sequential execution (a write before
 * close succeeds, after it fails, for {@link OverflowPolicy#BLOCK} including a writer released from
 * waiting by close), and the validation checks that the destination received, plus the drop
 * listener was told of, exactly the successful writes, each once.
 *
 * <p>Stress mode, not model checking: the queue's consumer thread is outside what Lincheck's model
 * checker controls (as in {@code QueueLincheckTest}).
 */
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets (minutes on a 2-core machine under a load of 20+). No result
// depends on time; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
class BoundedQueueLincheckTest {

    /**
     * The scenario: one queue of capacity 1 with the policy in {@link #policy}. Lincheck creates
     * instances through the no-argument constructor and rejects a validation method inherited by
     * subclasses, hence a static setting instead of one subclass per policy; the tests of this
     * class run one after another.
     */
    @Param(name = "event", gen = IntGen.class, conf = "1:100")
    public static final class Scenario {
        static volatile OverflowPolicy policy = OverflowPolicy.BLOCK;

        private final List<Integer> outcomes = new ArrayList<>();
        private final List<Integer> accepted = new ArrayList<>();
        private final Queue<Integer> queue;

        public Scenario() {
            Sink<Integer> destination = new Sink<>() {
                @Override
                public void write(Integer event) {
                    record(event);
                }

                @Override
                public void close() {
                }
            };
            queue = Queue.builder(destination).capacity(1).overflow(policy)
                    .dropListener(letter -> record((Integer) letter.event())).build();
        }

        private void record(Integer event) {
            synchronized (outcomes) {
                outcomes.add(event);
            }
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
        public void everyAcceptedEventWasDeliveredOrReportedOnce() {
            queue.close();
            List<Integer> expected;
            synchronized (accepted) {
                expected = new ArrayList<>(accepted);
            }
            List<Integer> actual;
            synchronized (outcomes) {
                actual = new ArrayList<>(outcomes);
            }
            expected.sort(null);
            actual.sort(null);
            if (!expected.equals(actual)) {
                throw new AssertionError("accepted " + expected + " but delivered or reported " + actual);
            }
        }
    }

    private static void check(OverflowPolicy policy) {
        Scenario.policy = policy;
        new StressOptions().iterations(15).invocationsPerIteration(100).threads(3).actorsPerThread(3)
                .check(Scenario.class);
    }

    @Test
    void block() {
        check(OverflowPolicy.BLOCK);
    }

    @Test
    void dropOldest() {
        check(OverflowPolicy.DROP_OLDEST);
    }

    @Test
    void reject() {
        check(OverflowPolicy.REJECT);
    }
}
