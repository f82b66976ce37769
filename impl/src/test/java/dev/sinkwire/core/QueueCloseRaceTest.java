/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.SinkClosedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Many short trials of the one race that matters most in a Queue: a write racing with close while
 * the consumer has caught up (is waiting for the next event). Each trial: two writers write two
 * events each while a third thread closes, all released at once; afterwards the destination must
 * hold exactly the writes that returned normally. The threads are reused across trials so that
 * thousands of trials run in about a second. This samples interleavings where Lincheck's model
 * checker cannot help (the queue's consumer thread is its own); it makes a race unlikely, it does
 * not exclude one: a window of a few instructions (between a writer's CAS on the tail and its link)
 * is rarely hit.
 */
class QueueCloseRaceTest {

    private static final int TRIALS = 3_000;

    @Test
    void aWriteRacingWithCloseIsDeliveredIfAndOnlyIfItReturnedNormally() throws Exception {
        CyclicBarrier start = new CyclicBarrier(4);
        CyclicBarrier end = new CyclicBarrier(4);
        AtomicReference<Queue<Integer>> current = new AtomicReference<>();
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            threads.add(new Thread(() -> loop(start, end, failure, trial -> {
                for (int i = 0; i < 2; i++) {
                    int event = trial * 4 + writer * 2 + i;
                    try {
                        current.get().write(event);
                        accepted.add(event);
                    } catch (SinkClosedException refused) {
                        return;
                    }
                }
            }), "writer-" + w));
        }
        threads.add(new Thread(() -> loop(start, end, failure, trial -> current.get().close()), "closer"));
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });

        for (int trial = 0; trial < TRIALS; trial++) {
            RecordingSink<Integer> dst = new RecordingSink<>();
            current.set(new Queue<>(dst));
            accepted.clear();
            start.await(10, TimeUnit.SECONDS);
            end.await(10, TimeUnit.SECONDS);
            assertThat(failure.get()).isNull();
            current.get().close();
            assertThat(new HashSet<>(dst.events())).as("trial %d: delivered = accepted", trial).isEqualTo(accepted);
            assertThat(dst.events()).as("trial %d: no duplicates", trial).doesNotHaveDuplicates();
        }
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
    }

    /** A task run once per trial, given the trial number. */
    private interface TrialTask {
        void run(int trial) throws Exception;
    }

    private static void loop(CyclicBarrier start, CyclicBarrier end, AtomicReference<Throwable> failure, TrialTask task) {
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                start.await();
                try {
                    task.run(trial);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                end.await();
            }
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            // the test is over
        }
    }
}
