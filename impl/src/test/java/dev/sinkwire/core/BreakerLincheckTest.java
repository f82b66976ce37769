/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checking of {@link Breaker}: every interleaving of failure / success / proceed
 * from three threads must give results some sequential order would give. The manual clock is never
 * advanced, so that results depend only on the count of consecutive failures.
 */
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets (minutes on a 2-core machine under a load of 20+). No result
// depends on time; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
public class BreakerLincheckTest {

    private static final SinkException ERROR = new SinkException("failed");

    private final Breaker breaker = new Breaker(2, Duration.ofSeconds(1), new ManualTimekeeper(42));

    /** Lincheck creates one instance per scenario (and one for the sequential check). */
    public BreakerLincheckTest() {
    }

    @Operation
    public boolean failure() {
        return breaker.failure("e", ERROR);
    }

    @Operation
    public void success() {
        breaker.success("e");
    }

    @Operation
    public long proceed() {
        return breaker.proceed("e").toNanos();
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions().iterations(12).invocationsPerIteration(300).threads(3).actorsPerThread(3)
                .check(getClass());
    }
}
