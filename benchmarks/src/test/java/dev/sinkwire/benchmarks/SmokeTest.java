/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs two benchmarks in a few tiny iterations so that bit-rot (a benchmark that no longer
 * compiles against the core, throws, or loses events, which its own checks turn into a failure)
 * fails {@code ./mvnw verify}. It measures nothing: the numbers of so short a run mean nothing.
 */
class SmokeTest {

    @Test
    void queueAndBroadcastBenchmarksRunAndDeliverEveryEvent() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(QueueBenchmark.class.getName() + ".queue1Producer$")
                .include(BroadcastBenchmark.class.getName() + ".sinkwire$")
                .param("sinks", "10")
                .forks(0) // in the test JVM: the class path is already here
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(100))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(2);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getSampleCount()).isEqualTo(2);
            assertThat(result.getPrimaryResult().getScore()).isPositive();
        }
    }
}
