/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

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

    private HangGuard() {
    }
}
