/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.Flaky;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run by surefire with neither the MicroProfile Fault Tolerance API nor SmallRye's on the class
 * path, as on a server without the FT feature: everything that does not need them works.
 */
class NoFtApiTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sinksWorkWithoutTheFtApi(Mode mode) {
        assertThatThrownBy(() -> Class.forName("org.eclipse.microprofile.faulttolerance.Retry"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.smallrye.faulttolerance.api.ExponentialBackoff"))
                .isInstanceOf(ClassNotFoundException.class);
        try (TestContainer c = TestContainer.builder(mode)
                .beans(Recorder.class, AuditLog.class, Billing.class, Flaky.class, DeadLetters.class)
                .config("sinkwire.sinks.flaky.async", "false").config("sinkwire.sinks.flaky.retry.strategy", "breaker")
                .config("sinkwire.sinks.flaky.retry.threshold", "1").config("sinkwire.sinks.flaky.retry.backoff", "1ms")
                .start()) {
            Recorder recorder = c.get(Recorder.class);
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(1);
            c.weld().getBeanManager().getEvent().select(Object.class).fire(new OrderPlaced("n-1"));

            assertThat(recorder.await("audit", 1)).containsExactly(new OrderPlaced("n-1"));
            assertThat(recorder.await("billing", 1)).containsExactly(new OrderPlaced("n-1"));
            assertThat(flaky.attempts()).isEqualTo(2); // failed once, retried by the go-events breaker
            assertThat(recorder.events("flaky")).containsExactly(new OrderPlaced("n-1"));
            assertThat(c.get(DeadLetters.class).letters()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRemovedFaultToleranceKeyFailsWithItsMigrationWithoutTheFtApi(Mode mode) {
        assertThatThrownBy(() -> TestContainer.builder(mode).beans(Recorder.class, Flaky.class)
                .config("sinkwire.sinks.flaky.timeout", "1s").start().close())
                .hasMessageContaining("sinkwire.sinks.flaky.timeout is no longer read: it was removed");
    }
}
