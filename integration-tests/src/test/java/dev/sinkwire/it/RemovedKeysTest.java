/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.it.Fixtures.Flaky;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-tolerance style Sinkwire keys (retry.strategy=ft, retry.max-retries..., circuit-breaker.*,
 * timeout) were removed: each one now fails deployment in both front ends, naming the key and what
 * replaces it (MP FT annotations with their override keys, or the go-events strategies), and never
 * printing the value. What they did is covered with annotations by FtScenariosTest.
 */
class RemovedKeysTest {

    private static final String FLAKY = "sinkwire.sinks.flaky.";
    private static final String HINT = "it was removed; put @Retry, @CircuitBreaker or @Timeout on the sink";

    static Stream<Arguments> removed() {
        return Stream.of(
                Arguments.of("retry.max-retries", "2", "@Retry(maxRetries)"),
                Arguments.of("retry.delay", "1ms", "@Retry(delay)"),
                Arguments.of("retry.max-duration", "1m", "@Retry(maxDuration)"),
                Arguments.of("retry.jitter", "0ms", "@Retry(jitter)"),
                Arguments.of("retry.growth", "fibonacci", "@ExponentialBackoff or @FibonacciBackoff"),
                Arguments.of("retry.growth-factor", "3", "@ExponentialBackoff(factor)"),
                Arguments.of("retry.max-delay", "5s", "@ExponentialBackoff(maxDelay)"),
                Arguments.of("circuit-breaker.enabled", "true", "CircuitBreaker/enabled"),
                Arguments.of("circuit-breaker.request-volume-threshold", "2",
                        "@CircuitBreaker(requestVolumeThreshold)"),
                Arguments.of("circuit-breaker.failure-ratio", "1", "@CircuitBreaker(failureRatio)"),
                Arguments.of("circuit-breaker.delay", "1m", "@CircuitBreaker(delay)"),
                Arguments.of("circuit-breaker.success-threshold", "2", "@CircuitBreaker(successThreshold)"),
                Arguments.of("timeout", "50ms", "@Timeout"))
                .flatMap(a -> Stream.of(Mode.values()).map(m -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], m)));
    }

    @ParameterizedTest(name = "{0} ({3})")
    @MethodSource("removed")
    void aRemovedKeyFailsDeploymentWithItsMigration(String key, String value, String counterpart, Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, Flaky.class)
                .config(FLAKY + key, value));
        assertThat(message).contains("configuration key " + FLAKY + key + " is no longer read: " + HINT)
                .contains("its counterpart is " + counterpart)
                .doesNotContain(FLAKY + key + "=");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void retryStrategyFtFailsDeploymentWithItsMigration(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, Flaky.class)
                .config(FLAKY + "retry.strategy", "ft"));
        assertThat(message).contains(FLAKY + "retry.strategy=ft is no longer a retry strategy: " + HINT)
                .contains("allowed: none, breaker, exponential");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void everyRemovedKeyIsReportedAtOnce(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, Flaky.class)
                .config(FLAKY + "retry.strategy", "ft").config(FLAKY + "retry.max-retries", "-2")
                .config(FLAKY + "circuit-breaker.failure-ratio", "1.5").config(FLAKY + "timeout", "-1s"));
        assertThat(message).contains("Sinkwire found 4 problems:")
                .contains(FLAKY + "retry.max-retries is no longer read")
                .contains(FLAKY + "circuit-breaker.failure-ratio is no longer read")
                .contains(FLAKY + "timeout is no longer read")
                .contains(FLAKY + "retry.strategy=ft is no longer a retry strategy");
    }

    static Stream<Mode> modes() {
        return Stream.of(Mode.values());
    }

    private static String failure(TestContainer.Builder builder) {
        Throwable thrown = catchThrowable(() -> builder.start().close());
        assertThat(thrown).as("deployment must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
