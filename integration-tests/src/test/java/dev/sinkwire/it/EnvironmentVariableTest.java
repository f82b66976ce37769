/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.EnvSink;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Environment variables, with MicroProfile Config's name mapping. Runs in its own surefire
 * execution, which sets {@code SINKWIRE_SINKS_ENV_SINK_ASYNC=false}.
 */
class EnvironmentVariableTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void environmentVariablesConfigureSinksWithTheStandardNameMapping(Mode mode) {
        assertThat(System.getenv("SINKWIRE_SINKS_ENV_SINK_ASYNC")).isEqualTo("false");
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, EnvSink.class)
                .config("sinkwire.sinks.env-sink.async", "true").start()) {
            c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("v-1"));

            assertThat(c.get(Recorder.class).deliveries("env-sink")).singleElement()
                    .satisfies(d -> assertThat(d.thread()).isEqualTo(Thread.currentThread().getName()));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEnvironmentVariableForAnUnknownSinkFailsDeployment(Mode mode) {
        assertThatThrownBy(() -> TestContainer.start(mode, Recorder.class, AuditLog.class).close())
                .hasStackTraceContaining("Sinkwire: configuration key SINKWIRE_SINKS_ENV_SINK_ASYNC matches no @EventSink and no"
                        + " known key; known sinks: audit");
    }
}
