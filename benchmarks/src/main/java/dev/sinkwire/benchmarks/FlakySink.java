/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;

/**
 * go-events' {@code flakySink} from {@code extra_bench_test.go}: the first attempt of every
 * {@code failEvery}-th event (10th, 20th, ...) fails with one preallocated exception, as go's
 * {@code errFlaky} is one preallocated error; the immediate retry succeeds. {@code failEvery} 0
 * never fails.
 *
 * <p>Not thread-safe: used from the one benchmark thread, as go's is.
 */
final class FlakySink implements Sink<Object> {

    /** Allocated once; its stack trace is the one from class initialization. */
    static final SinkException FLAKY = new SinkException("flaky: first attempt of every 10th event fails");

    private final long failEvery;
    private long delivered;
    private long attempts;
    private boolean pendingRetry;
    private boolean closed;

    FlakySink(long failEvery) {
        this.failEvery = failEvery;
    }

    @Override
    public void write(Object event) {
        attempts++;
        if (failEvery > 0 && !pendingRetry && (delivered + 1) % failEvery == 0) {
            pendingRetry = true;
            throw FLAKY;
        }
        pendingRetry = false;
        delivered++;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Fails unless exactly {@code events} were delivered with exactly the expected attempts.
     *
     * @param events events written by the benchmark
     */
    void verify(long events) {
        long wantAttempts = events + (failEvery > 0 ? events / failEvery : 0);
        if (delivered != events || attempts != wantAttempts) {
            throw new IllegalStateException("delivered " + delivered + " (want " + events + "), attempts "
                    + attempts + " (want " + wantAttempts + ")");
        }
    }

    boolean isClosed() {
        return closed;
    }
}
