/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

/**
 * The hang guard of tests whose work is fixed and CPU-bound: model checking (Lincheck: a number
 * of scenarios and invocations) and the few stress tests that repeat a fixed number of hand-offs.
 * No result of theirs depends on time, but their wall time grows with the load of the machine:
 * one model check took seven minutes on a 2-core machine shared with five other builds, against
 * seconds on a quiet one. The project-wide 60-second default (junit-platform.properties) is a hang
 * guard for tests that wait; these get a wider one, which only turns a real hang into a failure.
 *
 * <p>Public so that such tests in other test packages (the fault-tolerance strategies') can share
 * it: {@code @Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)}.
 */
public final class HangGuard {

    /** The hang guard of a CPU-bound test with a fixed amount of work, in minutes. */
    public static final long CPU_BOUND_MINUTES = 20;

    /** How many times a model check runs when Lincheck's wall-clock limit, and only that, stops it. */
    static final int TIMED_OUT_RUNS = 3;

    /** The heading of Lincheck's report when an invocation exceeded its wall-clock limit. */
    private static final String TIMED_OUT = "Concurrent test has hung";

    private HangGuard() {
    }

    /**
     * {@link Lincheck#runConcurrentTest(int, Runnable)}, run again (up to {@link #TIMED_OUT_RUNS}
     * times in all) when it reports "Concurrent test has hung". That report is Lincheck's
     * per-invocation wall-clock limit (30 s, not settable through {@code runConcurrentTest}), not a
     * finding: every thread switch of the model checker hands the CPU to another real thread, and
     * on a 2-core machine with a load of 20 one invocation of thousands can wait that long. A check
     * that fails (a lost or duplicated event, a deadlock Lincheck detects) is never run again, and
     * a real hang times out on every run, so it still fails.
     *
     * @param invocations the invocations per run
     * @param block the concurrent test
     */
    static void modelCheck(int invocations, Runnable block) {
        for (int run = 1; ; run++) {
            try {
                Lincheck.runConcurrentTest(invocations, block);
                return;
            } catch (LincheckAssertionError e) {
                if (run == TIMED_OUT_RUNS || !String.valueOf(e.getMessage()).contains(TIMED_OUT)) {
                    throw e;
                }
                System.err.println("model check run " + run + " hit Lincheck's wall-clock limit on a loaded"
                        + " machine; running it again (" + (TIMED_OUT_RUNS - run) + " more at most)");
            }
        }
    }

    /** Writes {@code event}; tells whether it was accepted ({@code false}: refused as closed). For model-check blocks. */
    static boolean tryWrite(dev.sinkwire.Sink<Integer> sink, int event) {
        try {
            sink.write(event);
            return true;
        } catch (dev.sinkwire.SinkClosedException closed) {
            return false;
        }
    }

    /** Joins a thread a model-check block started (Lincheck controls it, so the join does not hang). */
    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails the model check's current interleaving with {@code what} unless {@code ok}. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
