/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * MP FT 4.x configuration rules that {@link FtSpecTest} does not cover: the class named in a
 * method-level key is the one that declares the method ("the class name and method name where the
 * annotation is declared upon"), a backoff whose {@code @Retry} is switched off fails deployment
 * (as SmallRye's "missing @Retry" does), and cross-member limits set by configuration name their
 * keys.
 */
class FtSpecOverridesTest {

    /** A reusable base: {@code write} and its {@code @Retry} are declared here, not in the bean class. */
    abstract static class BaseHook implements Sink<String> {
        @Override
        @Retry(maxRetries = 2)
        @CircuitBreaker(requestVolumeThreshold = 3)
        public void write(String event) {
        }

        @Override
        public void close() {
        }
    }

    static class OrderHook extends BaseHook {
    }

    static class Backoffs {
        @EventSink("exp")
        @Retry(delay = 100, jitter = 0)
        @ExponentialBackoff(maxDelay = 1000)
        void exp(String event) {
        }

        @EventSink("fib")
        @Retry(delay = 100, jitter = 0)
        @FibonacciBackoff(maxDelay = 1000)
        void fib(String event) {
        }

        @EventSink("guarded")
        @Retry(maxDuration = 1000)
        @CircuitBreaker
        void guarded(String event) {
        }

        @EventSink("orphan")
        @ExponentialBackoff
        void orphan(String event) {
        }
    }

    private static SinkBinding classSink(String name, Class<?> bean) {
        return new SinkBinding(name, SinkKind.CLASS, "class " + bean.getName(), bean, String.class, null);
    }

    private static SinkBinding method(String name, Class<?> bean) {
        return new SinkBinding(name, SinkKind.METHOD, "method " + bean.getName(), bean, String.class,
                event -> null);
    }

    private static FtSpec applied(SinkBinding b, Map<String, FtSpec.Found> found, Problems problems) {
        return FtSpec.applied("sink '" + b.name() + "' (" + b.description() + "): ", found, problems);
    }

    @Test
    void methodKeysOfAnInheritedWriteNameTheClassThatDeclaresIt() {
        String declaring = BaseHook.class.getName();
        String bean = OrderHook.class.getName();
        Problems problems = new Problems(MapConfig.of());
        SinkBinding hook = classSink("hook", OrderHook.class);
        Map<String, FtSpec.Found> found = FtSpec.annotations(hook, MapConfig.of(
                declaring + "/write/Retry/maxRetries", "5",
                bean + "/write/CircuitBreaker/requestVolumeThreshold", "9"), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(found.get("Retry").members()).containsEntry("maxRetries", 5);
        assertThat(found.get("Retry").sources()).containsEntry("maxRetries", declaring + "/write/Retry/maxRetries");
        assertThat(found.get("Retry").where()).isEqualTo("method " + declaring + ".write");
        // the bean class does not declare the method: a key naming it is ignored, as MP FT ignores
        // a key that matches no annotation
        assertThat(found.get("CircuitBreaker").members()).containsEntry("requestVolumeThreshold", 3);

        assertThat(FtSpec.annotations(hook, MapConfig.of(declaring + "/write/Retry/enabled", "false"), problems))
                .containsOnlyKeys("CircuitBreaker");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void aSwitchedOffRetryLeavesItsBackoffWithoutRetryWhichFailsDeploymentAsWithSmallRye() {
        for (String sink : new String[] {"exp", "fib"}) {
            for (String key : new String[] {"Retry/enabled",
                    Backoffs.class.getName() + "/" + sink + "/Retry/enabled",
                    Backoffs.class.getName() + "/Retry/enabled"}) {
                Problems problems = new Problems(MapConfig.of());
                SinkBinding b = method(sink, Backoffs.class);
                applied(b, FtSpec.annotations(b, MapConfig.of(key, "false"), problems), problems);
                assertThat(problems.list()).as(sink + " with " + key).singleElement().asString()
                        .contains("needs @Retry");
                // switching the backoff off too is the way
                problems = new Problems(MapConfig.of());
                Map<String, FtSpec.Found> found = FtSpec.annotations(b, MapConfig.of(key, "false",
                        (sink.equals("exp") ? "ExponentialBackoff" : "FibonacciBackoff") + "/enabled", "false"),
                        problems);
                assertThat(applied(b, found, problems).retry()).isNull();
                assertThat(problems.list()).isEmpty();
            }
        }
        Problems problems = new Problems(MapConfig.of());
        SinkBinding exp = method("exp", Backoffs.class);
        assertThat(applied(exp, FtSpec.annotations(exp, MapConfig.of(), problems), problems).retry().backoff())
                .isInstanceOf(dev.sinkwire.core.ft.Backoff.Exponential.class);
        SinkBinding orphan = method("orphan", Backoffs.class);
        applied(orphan, FtSpec.annotations(orphan, MapConfig.of(), problems), problems);
        assertThat(problems.list()).singleElement().asString().contains("needs @Retry");
    }

    @Test
    void backoffLimitsSetByConfigurationNameTheirKeys() {
        String key = Backoffs.class.getName() + "/exp/";
        Problems problems = new Problems(MapConfig.of());
        SinkBinding exp = method("exp", Backoffs.class);
        applied(exp, FtSpec.annotations(exp, MapConfig.of(key + "ExponentialBackoff/maxDelay", "50"), problems),
                problems);
        assertThat(problems.list()).singleElement().asString()
                .contains("@ExponentialBackoff.maxDelay=50 (from configuration key " + key
                        + "ExponentialBackoff/maxDelay)")
                .contains("@Retry.delay=100");

        problems = new Problems(MapConfig.of());
        applied(exp, FtSpec.annotations(exp, MapConfig.of(key + "Retry/maxDuration", "500"), problems), problems);
        assertThat(problems.list()).singleElement().asString()
                .contains("@ExponentialBackoff.maxDelay=1000")
                .contains("@Retry.maxDuration=500 (from configuration key " + key + "Retry/maxDuration)");

        String fib = Backoffs.class.getName() + "/fib/";
        problems = new Problems(MapConfig.of());
        SinkBinding f = method("fib", Backoffs.class);
        applied(f, FtSpec.annotations(f, MapConfig.of("FibonacciBackoff/maxDelay", "100"), problems), problems);
        assertThat(problems.list()).singleElement().asString()
                .contains("@FibonacciBackoff.maxDelay=100 (from configuration key FibonacciBackoff/maxDelay)")
                .doesNotContain(fib);
    }

    @Test
    void everyInvalidOverrideFailsNamingItsKeyAndWhatIsAllowed() {
        String m = Backoffs.class.getName() + "/guarded/";
        String[][] cases = {
            {m + "Retry/maxRetries", "-2", "allowed: -1 (unlimited) or 0 or more"},
            {"Retry/delay", "1000", "allowed: maxDuration more than delay, or 0 for no limit"},
            {m + "Retry/maxDuration", "-1", "allowed: 0 or more"},
            {"Retry/jitter", "-5", "allowed: 0 or more"},
            {m + "CircuitBreaker/failureRatio", "1.5", "allowed: a number from 0 to 1"},
            {"CircuitBreaker/failureRatio", "-0.1", "allowed: a number from 0 to 1"},
            {m + "CircuitBreaker/requestVolumeThreshold", "0", "allowed: 1 or more"},
            {"CircuitBreaker/successThreshold", "0", "allowed: 1 or more"},
            {m + "CircuitBreaker/delay", "-1", "allowed: 0 or more"},
        };
        SinkBinding guarded = method("guarded", Backoffs.class);
        for (String[] c : cases) {
            Problems problems = new Problems(MapConfig.of());
            FtSpec layers = applied(guarded, FtSpec.annotations(guarded, MapConfig.of(c[0], c[1]), problems),
                    problems);
            assertThat(problems.list()).as(c[0] + "=" + c[1]).singleElement().asString()
                    .startsWith("sink 'guarded' (")
                    .contains("=" + c[1] + " (from configuration key " + c[0] + ")")
                    .endsWith(c[2]);
            assertThat(layers.retry() == null || layers.breaker() == null).as(c[0]).isTrue();
        }
        // the boundaries themselves are valid
        Problems problems = new Problems(MapConfig.of());
        FtSpec layers = applied(guarded, FtSpec.annotations(guarded, MapConfig.of("Retry/maxRetries", "-1",
                "Retry/delay", "999", "CircuitBreaker/failureRatio", "0", "CircuitBreaker/requestVolumeThreshold", "1",
                "CircuitBreaker/successThreshold", "1", "CircuitBreaker/delay", "0", "Retry/jitter", "0"), problems),
                problems);
        assertThat(problems.list()).isEmpty();
        assertThat(layers.retry().maxRetries()).isEqualTo(-1);
        assertThat(layers.breaker().failureThreshold()).isZero();
    }
}
