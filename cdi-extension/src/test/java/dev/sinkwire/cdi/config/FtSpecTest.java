/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.core.ft.CircuitBreakerOpenException;
import dev.sinkwire.core.ft.SinkTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The FT model without a container: reading annotations, override keys, validation, mode detection. */
class FtSpecTest {

    static class Hooks {
        @EventSink("hook")
        @Retry(maxRetries = 4, delay = 2, delayUnit = ChronoUnit.SECONDS, jitter = 0,
                retryOn = TimeoutException.class)
        @Timeout(value = 3, unit = ChronoUnit.SECONDS)
        void send(String event) {
        }
    }

    @Retry(maxRetries = 1)
    @CircuitBreaker(requestVolumeThreshold = 4)
    static class Audit implements Sink<String> {
        @Override
        @Retry(maxRetries = 7)
        public void write(String event) {
        }

        @Override
        public void close() {
        }
    }

    private static SinkBinding method(String name, Class<?> bean) {
        return new SinkBinding(name, SinkKind.METHOD, "method " + bean.getName(), bean, String.class,
                event -> null);
    }

    private static SinkBinding classSink(String name, Class<?> bean) {
        return new SinkBinding(name, SinkKind.CLASS, "class " + bean.getName(), bean, String.class, null);
    }

    private static FtSpec applied(SinkBinding b, Map<String, FtSpec.Found> found, Problems problems) {
        return FtSpec.applied("sink '" + b.name() + "' (" + b.description() + "): ", found, problems);
    }

    @Test
    void readsMembersFromTheAnnotation() {
        Problems problems = new Problems(MapConfig.of());
        Map<String, FtSpec.Found> found = FtSpec.annotations(method("hook", Hooks.class), MapConfig.of(),
                problems);
        assertThat(problems.list()).isEmpty();
        assertThat(found).containsOnlyKeys("Retry", "Timeout");
        assertThat(found.get("Retry").onMethod()).isTrue();
        assertThat(found.get("Retry").members()).containsEntry("maxRetries", 4).containsEntry("delay", 2L)
                .containsEntry("delayUnit", ChronoUnit.SECONDS);

        FtSpec layers = applied(method("hook", Hooks.class), found, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.retry().maxRetries()).isEqualTo(4);
        assertThat(layers.retry().delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(layers.retry().retryOn()).containsExactly(TimeoutException.class, SinkTimeoutException.class);
        assertThat(layers.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(layers.breaker()).isNull();
    }

    @Test
    void methodLevelWinsOverClassLevelAndKeysFollowWhereTheAnnotationSits() {
        String cls = Audit.class.getName();
        Problems problems = new Problems(MapConfig.of());
        Map<String, FtSpec.Found> found = FtSpec.annotations(classSink("audit", Audit.class), MapConfig.of(
                cls + "/Retry/maxRetries", "11", // class key: not for the method-level @Retry
                cls + "/CircuitBreaker/requestVolumeThreshold", "9",
                "CircuitBreaker/requestVolumeThreshold", "2"), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(found.get("Retry").members()).containsEntry("maxRetries", 7);
        assertThat(found.get("Retry").sources()).isEmpty();
        assertThat(found.get("CircuitBreaker").onMethod()).isFalse();
        assertThat(found.get("CircuitBreaker").members()).containsEntry("requestVolumeThreshold", 9);
        assertThat(found.get("CircuitBreaker").sources())
                .containsEntry("requestVolumeThreshold", cls + "/CircuitBreaker/requestVolumeThreshold");

        found = FtSpec.annotations(classSink("audit", Audit.class), MapConfig.of(
                cls + "/write/Retry/maxRetries", "0", "Retry/maxRetries", "5"), problems);
        assertThat(found.get("Retry").members()).containsEntry("maxRetries", 0);
    }

    @Test
    void enabledKeysTakePrecedenceOverTheNonFallbackSwitch() {
        String cls = Audit.class.getName();
        Problems problems = new Problems(MapConfig.of());
        assertThat(FtSpec.annotations(classSink("audit", Audit.class),
                MapConfig.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"), problems)).isEmpty();
        assertThat(FtSpec.annotations(classSink("audit", Audit.class), MapConfig.of(
                "MP_Fault_Tolerance_NonFallback_Enabled", "false", "Retry/enabled", "true"), problems))
                .containsOnlyKeys("Retry");
        assertThat(FtSpec.annotations(classSink("audit", Audit.class), MapConfig.of(
                "Retry/enabled", "true", cls + "/Retry/enabled", "false"), problems))
                .containsOnlyKeys("CircuitBreaker");
        assertThat(FtSpec.annotations(classSink("audit", Audit.class), MapConfig.of(
                cls + "/Retry/enabled", "false", cls + "/write/Retry/enabled", "true"), problems))
                .containsOnlyKeys("Retry", "CircuitBreaker");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void unreadableOverridesAreReportedWithTheirKey() {
        String key = Hooks.class.getName() + "/send/Retry/";
        Problems problems = new Problems(MapConfig.of());
        FtSpec.annotations(method("hook", Hooks.class), MapConfig.of(key + "maxRetries", "many",
                key + "delayUnit", "FORTNIGHTS", key + "abortOn", "com.example.Missing", "Timeout/enabled", "maybe"),
                problems);
        assertThat(problems.list()).containsExactlyInAnyOrder(
                key + "maxRetries=many is not a number; allowed: a integer",
                key + "delayUnit=FORTNIGHTS is not a java.time.temporal.ChronoUnit; allowed: NANOS, MICROS, MILLIS,"
                        + " SECONDS, MINUTES, HOURS, HALF_DAYS, DAYS",
                key + "abortOn=com.example.Missing: class not found; allowed: comma-separated names of exception"
                        + " classes",
                "Timeout/enabled=maybe is not a boolean; allowed: true, false");
    }

    @Test
    void invalidValuesNameTheSinkTheAnnotationAndTheMember() {
        String key = Hooks.class.getName() + "/send/";
        Problems problems = new Problems(MapConfig.of());
        SinkBinding hook = method("hook", Hooks.class);
        applied(hook, FtSpec.annotations(hook, MapConfig.of(key + "Retry/maxRetries", "-3",
                key + "Retry/delayUnit", "FORTNIGHTS", key + "Timeout/value", "-1"), problems), problems);
        assertThat(problems.list()).anySatisfy(p -> assertThat(p).startsWith("sink 'hook' (method ")
                .contains("invalid @Retry.maxRetries=-3 (from configuration key " + key + "Retry/maxRetries)")
                .endsWith("allowed: -1 (unlimited) or 0 or more"));
        assertThat(problems.list()).anySatisfy(p -> assertThat(p).contains("invalid @Timeout.value=-1"));
        assertThat(problems.list()).anySatisfy(p -> assertThat(p).contains("Retry/delayUnit=FORTNIGHTS is not a"));
    }

    @Test
    void aDurationJavaCannotRepresentIsInvalid() {
        String key = Hooks.class.getName() + "/send/Retry/";
        Problems problems = new Problems(MapConfig.of());
        SinkBinding hook = method("hook", Hooks.class);
        applied(hook, FtSpec.annotations(hook, MapConfig.of(key + "delayUnit", "MONTHS"), problems),
                problems);
        assertThat(problems.list()).singleElement().asString().contains("invalid @Retry.delay=2")
                .contains("@Retry.delayUnit=MONTHS");
    }

    @Test
    void mpExceptionsAlsoMatchSinkwireOnes() {
        Problems problems = new Problems(MapConfig.of());
        SinkBinding audit = classSink("audit", Audit.class);
        FtSpec layers = applied(audit, FtSpec.annotations(audit, MapConfig.of(
                Audit.class.getName() + "/CircuitBreaker/failOn",
                "org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException"), problems), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.breaker().failOn()).contains(SinkTimeoutException.class, CircuitBreakerOpenException.class);
    }

    @Test
    void everyUnitMemberIsApplied() {
        String key = Hooks.class.getName() + "/send/";
        Problems problems = new Problems(MapConfig.of());
        SinkBinding hook = method("hook", Hooks.class);
        FtSpec layers = applied(hook, FtSpec.annotations(hook, MapConfig.of(
                key + "Retry/delay", "3", key + "Retry/delayUnit", "MILLIS",
                key + "Retry/maxDuration", "2", key + "Retry/durationUnit", "MINUTES",
                key + "Retry/jitter", "5", key + "Retry/jitterDelayUnit", "SECONDS",
                key + "Timeout/value", "7", key + "Timeout/unit", "MICROS"), problems), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.retry().delay()).isEqualTo(Duration.ofMillis(3));
        assertThat(layers.retry().maxDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(layers.retry().jitter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(layers.timeout()).isEqualTo(Duration.ofNanos(7_000));

        SinkBinding audit = classSink("audit", Audit.class);
        String cb = Audit.class.getName() + "/CircuitBreaker/";
        layers = applied(audit, FtSpec.annotations(audit, MapConfig.of(cb + "delay", "4",
                cb + "delayUnit", "HOURS", cb + "failureRatio", "0.25", cb + "successThreshold", "3",
                cb + "skipOn", "java.lang.IllegalArgumentException, java.io.IOException"), problems), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.breaker().delay()).isEqualTo(Duration.ofHours(4));
        assertThat(layers.breaker().failureRatio()).isEqualTo(0.25);
        assertThat(layers.breaker().successThreshold()).isEqualTo(3);
        assertThat(layers.breaker().requestVolumeThreshold()).isEqualTo(4);
        assertThat(layers.breaker().skipOn()).containsExactly(IllegalArgumentException.class,
                java.io.IOException.class);
    }

    @Test
    void timeoutZeroMeansNoTimeoutLayer() {
        Problems problems = new Problems(MapConfig.of());
        SinkBinding hook = method("hook", Hooks.class);
        FtSpec layers = applied(hook, FtSpec.annotations(hook,
                MapConfig.of("Timeout/value", "0"), problems), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.timeout()).isNull();
    }

    @Test
    void liteDetectionLooksForAnInterceptorBoundToRetryOrSmallRyesBinding() {
        assertThat(FtMode.lite(List.of(Set.of("com.example.Logged")))).isEqualTo(FtMode.SINKWIRE);
        assertThat(FtMode.lite(List.of(Set.of("com.example.Logged"),
                Set.of("io.smallrye.faulttolerance.FaultToleranceBinding")))).isEqualTo(FtMode.IMPLEMENTATION);
        assertThat(FtMode.lite(List.of(Set.of(Retry.class.getName())))).isEqualTo(FtMode.IMPLEMENTATION);
    }
}
