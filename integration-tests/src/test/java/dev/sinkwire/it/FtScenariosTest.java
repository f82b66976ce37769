/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.it.FtFixtures.BackingOff;
import dev.sinkwire.it.FtFixtures.Breaking;
import dev.sinkwire.it.FtFixtures.Job;
import dev.sinkwire.it.FtFixtures.PlainBase;
import dev.sinkwire.it.FtFixtures.RetryingBase;
import dev.sinkwire.it.FtFixtures.RetryingBoth;
import dev.sinkwire.it.FtFixtures.RetryingClass;
import dev.sinkwire.it.FtFixtures.RetryingInherited;
import dev.sinkwire.it.FtFixtures.RetryingMethod;
import dev.sinkwire.it.FtFixtures.RetryingOnError;
import dev.sinkwire.it.FtFixtures.RetryingOverBase;
import dev.sinkwire.it.FtFixtures.Script;
import dev.sinkwire.it.FtFixtures.Selective;
import dev.sinkwire.it.FtFixtures.TimingOut;
import dev.sinkwire.it.FtFixtures.TimingOutLate;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same MicroProfile Fault Tolerance scenarios, run by surefire twice: with SmallRye Fault
 * Tolerance on the class path (its interceptors do the work) and without it (Sinkwire maps the
 * annotations itself). Every assertion holds in both; where the two differ by design (the
 * exception classes, the dead letter's attempt count), the test says so.
 */
class FtScenariosTest {

    private static final String RETRY_METHOD = RetryingMethod.class.getName() + "/deliver/Retry/";
    private static final String BREAKER_METHOD = Breaking.class.getName() + "/deliver/CircuitBreaker/";

    /** Whether SmallRye Fault Tolerance is on the class path of this run. */
    static final boolean SMALLRYE = TestContainer.faultTolerance() != null;

    @BeforeAll
    static void theRunIsTheOneSurefireAskedFor() {
        String expected = System.getProperty("sinkwire.it.ft");
        if (expected != null) {
            assertThat(SMALLRYE).as("sinkwire.it.ft=" + expected).isEqualTo(expected.equals("smallrye"));
        }
    }

    private static TestContainer start(Mode mode, String[] config, Class<?>... beans) {
        TestContainer.Builder b = TestContainer.builder(mode).beans(beans);
        for (int i = 0; i < config.length; i += 2) {
            b.config(config[i], config[i + 1]);
        }
        return b.start();
    }

    private static String[] sync(String... sinks) {
        String[] config = new String[sinks.length * 2];
        for (int i = 0; i < sinks.length; i++) {
            config[2 * i] = "sinkwire.sinks." + sinks[i] + ".async";
            config[2 * i + 1] = "false";
        }
        return config;
    }

    private static String[] with(String[] a, String... more) {
        return Stream.concat(Stream.of(a), Stream.of(more)).toArray(String[]::new);
    }

    private static void fire(TestContainer c, Object event) {
        c.weld().getBeanManager().getEvent().select(Object.class).fire(event);
    }

    private static List<DeadLetter> letters(TestContainer c) {
        return c.get(DeadLetters.class).letters();
    }

    /** GAVE_UP after {@code calls} calls, in both modes. */
    private static void gaveUp(DeadLetter letter, String sink, Job job, int calls, Class<?> cause) {
        assertThat(letter.sink()).isEqualTo(sink);
        assertThat(letter.event()).isEqualTo(job);
        assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
        assertThat(letter.cause()).isInstanceOf(cause);
        assertThat(letter.attempts()).isEqualTo(calls);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theChainSaysWhoAppliesTheAnnotations(Mode mode) {
        try (TestContainer c = start(mode, sync(), Script.class, RetryingMethod.class, DeadLetters.class)) {
            String chain = c.get(new jakarta.enterprise.util.TypeLiteral<Sink<Job>>() { },
                    SinkChain.Literal.of("retry-m")).toString();
            if (SMALLRYE) {
                assertThat(chain).contains("@Retry applied by the FT implementation").doesNotContain("RetryingSink");
            } else {
                assertThat(chain).contains("RetryingSink[RetryPolicy").doesNotContain("FT implementation");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retriesUntilTheWriteSucceeds(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-m"), Script.class, RetryingMethod.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-m", 2);
            fire(c, new Job("j-1"));

            assertThat(script.calls("retry-m")).isEqualTo(3);
            assertThat(script.delivered("retry-m")).containsExactly(new Job("j-1"));
            assertThat(letters(c)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theStatsCountTheRetriesSinkwireMakes(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-m"), Script.class, RetryingMethod.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-m", 2);
            fire(c, new Job("j-1"));

            SinkStats stats = c.get(SinkwireStats.class).of("retry-m");
            assertThat(stats.accepted()).isEqualTo(1);
            assertThat(stats.delivered()).isEqualTo(1);
            assertThat(stats.pending()).isZero();
            if (SMALLRYE) { // the FT implementation retries inside its interceptor, out of sight
                assertThat(stats.retried()).isZero();
                assertThat(stats.failedAttempts()).isZero();
            } else {
                assertThat(stats.retried()).isEqualTo(2);
                assertThat(stats.failedAttempts()).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWriteFinishingAfterItsTimeoutIsCountedOnceAsReportedNotAlsoAsDelivered(Mode mode) throws InterruptedException {
        try (TestContainer c = start(mode, sync("late"), Script.class, TimingOutLate.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            // opens the gate once the timeout has fired (the sink's thread saw the interrupt)
            Thread opener = new Thread(() -> {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> script.interrupted("late"));
                script.open();
            }, "gate-opener");
            opener.start();
            try {
                fire(c, new Job("late-1"));
                Thread.interrupted(); // under SmallRye FT the timeout interrupts the calling thread: this one

                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !script.delivered("late").isEmpty());
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !letters(c).isEmpty());
                assertThat(letters(c)).singleElement().satisfies(l -> {
                    assertThat(l.event()).isEqualTo(new Job("late-1"));
                    assertThat(l.cause().getClass().getSimpleName()).endsWith("TimeoutException");
                });
                SinkStats stats = c.get(SinkwireStats.class).of("late");
                assertThat(stats.accepted()).isEqualTo(1);
                assertThat(stats.delivered()).as("reported as timed out, so not also delivered").isZero();
                assertThat(stats.droppedTotal()).isEqualTo(1);
                assertThat(stats.pending()).isZero();
            } finally {
                script.open();
                opener.join(TimeUnit.SECONDS.toMillis(15));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void givesUpAfterMaxRetriesAndReportsTheEvent(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-m", "retry-c"), Script.class, RetryingMethod.class,
                RetryingClass.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-m", Integer.MAX_VALUE);
            script.fail("retry-c", Integer.MAX_VALUE);
            fire(c, new Job("j-2"));

            assertThat(script.calls("retry-m")).isEqualTo(4); // 1 + maxRetries = 3
            assertThat(script.calls("retry-c")).isEqualTo(3); // class-level @Retry(maxRetries = 2)
            assertThat(letters(c)).hasSize(2);
            gaveUp(letters(c).stream().filter(l -> l.sink().equals("retry-m")).findFirst().orElseThrow(), "retry-m",
                    new Job("j-2"), 4, IllegalStateException.class);
            gaveUp(letters(c).stream().filter(l -> l.sink().equals("retry-c")).findFirst().orElseThrow(), "retry-c",
                    new Job("j-2"), 3, IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAsyncSinkRetriesOnItsQueueThreadAndReportsTheGiveUp(Mode mode) {
        try (TestContainer c = start(mode, new String[0], Script.class, RetryingMethod.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-m", Integer.MAX_VALUE);
            fire(c, new Job("j-3"));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !letters(c).isEmpty());
            assertThat(script.calls("retry-m")).isEqualTo(4);
            gaveUp(letters(c).get(0), "retry-m", new Job("j-3"), 4, IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMethodLevelAnnotationWinsOverTheClassLevelOne(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-both"), Script.class, RetryingBoth.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-both", Integer.MAX_VALUE);
            fire(c, new Job("j-4"));

            assertThat(script.calls("retry-both")).isEqualTo(2);
            gaveUp(letters(c).get(0), "retry-both", new Job("j-4"), 2, IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void abortOnWinsOverRetryOn(Mode mode) {
        try (TestContainer c = start(mode, sync("abort"), Script.class, Selective.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("abort", Integer.MAX_VALUE);
            script.failWith("abort", new IllegalArgumentException("no point retrying"));
            fire(c, new Job("j-5"));

            assertThat(script.calls("abort")).isEqualTo(1);
            gaveUp(letters(c).get(0), "abort", new Job("j-5"), 1, IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retryOnMatchesTheCheckedExceptionAMethodSinkThrows(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-on"), Script.class, Selective.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-on", 2);
            fire(c, new Job("j-6"));

            assertThat(script.calls("retry-on")).isEqualTo(3);
            assertThat(script.delivered("retry-on")).containsExactly(new Job("j-6"));
            assertThat(letters(c)).isEmpty();
        }
    }

    /**
     * An {@code Error} named in {@code retryOn} is retried like an exception, as MP FT says; Sinkwire let every
     * {@code Error} pass through unretried, so this ran once in the mode where Sinkwire applies the annotations.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anErrorNamedInRetryOnIsRetried(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-error"), Script.class, RetryingOnError.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-error", 2);
            fire(c, new Job("j-err"));

            assertThat(script.calls("retry-error")).isEqualTo(3);
            assertThat(script.delivered("retry-error")).containsExactly(new Job("j-err"));
            assertThat(letters(c)).isEmpty();
            assertThat(c.get(SinkwireStats.class).of("retry-error").delivered()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anExceptionOutsideRetryOnIsNotRetried(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-on"), Script.class, Selective.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-on", Integer.MAX_VALUE);
            script.failWith("retry-on", new IllegalStateException("not an IOException"));
            fire(c, new Job("j-7"));

            assertThat(script.calls("retry-on")).isEqualTo(1);
            gaveUp(letters(c).get(0), "retry-on", new Job("j-7"), 1, IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCheckedExceptionIsReportedAsThrown(Mode mode) {
        try (TestContainer c = start(mode, sync("retry-on"), Script.class, Selective.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-on", Integer.MAX_VALUE);
            fire(c, new Job("j-8"));

            assertThat(script.calls("retry-on")).isEqualTo(6); // 1 + maxRetries = 5
            gaveUp(letters(c).get(0), "retry-on", new Job("j-8"), 6, IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theBreakerOpensAfterTheConfiguredFailures(Mode mode) {
        // the MP FT override key holds the breaker open for an hour, so no scheduling delay of a loaded
        // machine can let it half-open between the failures and the rejected write
        String[] config = with(sync("breaker"), BREAKER_METHOD + "delay", "3600000");
        try (TestContainer c = start(mode, config, Script.class, Breaking.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("breaker", Integer.MAX_VALUE);
            fire(c, new Job("b-1"));
            fire(c, new Job("b-2"));
            assertThat(script.calls("breaker")).isEqualTo(2);

            fire(c, new Job("b-3")); // open: the sink is not called
            assertThat(script.calls("breaker")).isEqualTo(2);
            assertThat(letters(c)).hasSize(3).allSatisfy(l -> {
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.attempts()).isEqualTo(1);
            });
            assertThat(letters(c).get(0).cause()).isInstanceOf(IllegalStateException.class);
            assertThat(letters(c).get(2).cause().getClass().getSimpleName()).isEqualTo("CircuitBreakerOpenException");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHalfOpenProbeClosesTheBreakerAfterItsDelay(Mode mode) {
        try (TestContainer c = start(mode, sync("breaker"), Script.class, Breaking.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("breaker", Integer.MAX_VALUE);
            fire(c, new Job("b-1"));
            fire(c, new Job("b-2")); // two failures in a window of two: open for 100 ms

            script.fail("breaker", 0); // the receiver is back
            AtomicInteger n = new AtomicInteger();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                fire(c, new Job("probe-" + n.incrementAndGet()));
                return !script.delivered("breaker").isEmpty();
            });
            int calls = script.calls("breaker");
            // whichever write came first after the delay was the one half-open probe; every earlier one
            // was refused without calling the sink
            assertThat(script.delivered("breaker")).containsExactly(new Job("probe-" + n.get()));
            assertThat(calls).isEqualTo(3);
            fire(c, new Job("b-4")); // closed again
            assertThat(script.calls("breaker")).isEqualTo(calls + 1);
            assertThat(script.delivered("breaker")).endsWith(new Job("b-4"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skipOnAndFailOnDecideWhatOpensTheBreaker(Mode mode) {
        try (TestContainer c = start(mode, sync("skip-on", "fail-on", "two-trials"), Script.class,
                FtFixtures.Selecting.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("skip-on", Integer.MAX_VALUE);
            script.failWith("skip-on", new IllegalArgumentException("skipped"));
            script.fail("fail-on", Integer.MAX_VALUE);
            script.failWith("fail-on", new UnsupportedOperationException("not in failOn"));
            for (int i = 0; i < 5; i++) {
                fire(c, new Job("s-" + i));
            }
            // neither breaker counted these failures: every call went through
            assertThat(script.calls("skip-on")).isEqualTo(5);
            assertThat(script.calls("fail-on")).isEqualTo(5);

            script.failWith("skip-on", new IllegalStateException("counted"));
            script.failWith("fail-on", new IllegalStateException("counted"));
            for (int i = 5; i < 9; i++) {
                fire(c, new Job("s-" + i));
            }
            assertThat(script.calls("skip-on")).isEqualTo(7); // two counted failures open it for a minute
            assertThat(script.calls("fail-on")).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void successThresholdNeedsThatManyTrialsAndAFailingTrialReopens(Mode mode) {
        try (TestContainer c = start(mode, sync("skip-on", "fail-on", "two-trials"), Script.class,
                FtFixtures.Selecting.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("two-trials", 2);
            fire(c, new Job("t-1"));
            fire(c, new Job("t-2"));
            fire(c, new Job("t-3")); // open: refused
            assertThat(script.calls("two-trials")).isEqualTo(2);

            AtomicInteger n = new AtomicInteger();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                fire(c, new Job("probe-" + n.incrementAndGet()));
                return !script.delivered("two-trials").isEmpty();
            });
            // one successful trial of two: still half-open, so a failing second trial reopens the breaker
            int calls = script.calls("two-trials");
            script.fail("two-trials", calls + 1);
            long reopenedNotBefore = System.nanoTime();
            fire(c, new Job("t-4"));
            assertThat(script.calls("two-trials")).isEqualTo(calls + 1);
            fire(c, new Job("t-5"));
            // SmallRye's breaker runs on the real clock: t-5 must be refused if it came within the 3 s delay
            // of the reopening; a machine that stalled the test longer may have let t-5 be a new trial
            if (System.nanoTime() - reopenedNotBefore < Duration.ofSeconds(3).toNanos()) {
                assertThat(script.calls("two-trials")).as("open again: refused").isEqualTo(calls + 1);
                assertThat(letters(c).get(letters(c).size() - 1).cause().getClass().getSimpleName())
                        .isEqualTo("CircuitBreakerOpenException");
            } else {
                assertThat(script.calls("two-trials")).isBetween(calls + 1, calls + 2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSlowWriteTimesOutAndIsReported(Mode mode) {
        try (TestContainer c = start(mode, sync("timeout"), Script.class, TimingOut.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            try {
                fire(c, new Job("t-1"));

                // at most one call: on a loaded machine the 50 ms may run out before the attempt
                // has even begun; what matters is that the timeout is reported, once
                assertThat(script.calls("timeout")).isLessThanOrEqualTo(1);
                assertThat(letters(c)).singleElement().satisfies(l -> {
                    assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                    assertThat(l.cause().getClass().getSimpleName()).endsWith("TimeoutException");
                    assertThat(l.event()).isEqualTo(new Job("t-1"));
                });
            } finally {
                script.open();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void smallRyeBackoffAnnotationsKeepTheRetryCount(Mode mode) {
        try (TestContainer c = start(mode, sync("exponential", "fibonacci", "max-duration"), Script.class,
                BackingOff.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("exponential", Integer.MAX_VALUE);
            script.fail("fibonacci", Integer.MAX_VALUE);
            script.fail("max-duration", Integer.MAX_VALUE);
            long fired = System.nanoTime();
            fire(c, new Job("x-1"));
            long took = System.nanoTime() - fired;

            assertThat(script.calls("exponential")).isEqualTo(4);
            assertThat(script.calls("fibonacci")).isEqualTo(5);
            // maxRetries = -1: only maxDuration = 100ms ends it, so it retries (delay 10ms) unless its first attempt
            // outlasted the 100ms, as a loaded machine can make it: one attempt only if fire() took longer
            assertThat(script.calls("max-duration")).isPositive();
            if (script.calls("max-duration") == 1) {
                assertThat(took).as("a single attempt, in nanoseconds").isGreaterThan(Duration.ofMillis(100).toNanos());
            }
            assertThat(letters(c)).extracting(DeadLetter::sink)
                    .containsExactlyInAnyOrder("exponential", "fibonacci", "max-duration");
            assertThat(letters(c)).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStaticMethodSinkIsRetriedBySinkwireInBothModes(Mode mode) {
        FtFixtures.StaticRetry.CALLS.set(0);
        try (TestContainer c = start(mode, sync("static-retry"), FtFixtures.StaticRetry.class, DeadLetters.class)) {
            fire(c, new Job("s-1"));

            assertThat(FtFixtures.StaticRetry.CALLS).hasValue(3);
            assertThat(letters(c)).singleElement().satisfies(l -> {
                assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
                assertThat(l.attempts()).isEqualTo(3); // Sinkwire's own retry layer: the count is exact
            });
        }
    }

    static Stream<Arguments> overrides() {
        String cls = RetryingClass.class.getName();
        return Stream.of(
                Arguments.of("method key", new String[] {RETRY_METHOD + "maxRetries", "1"}, 2, 3, DropReason.GAVE_UP),
                Arguments.of("global key", new String[] {"Retry/maxRetries", "0"}, 1, 1, DropReason.GAVE_UP),
                Arguments.of("class key", new String[] {cls + "/Retry/maxRetries", "4"}, 4, 5, DropReason.GAVE_UP),
                Arguments.of("method key wins over global", new String[] {RETRY_METHOD + "maxRetries", "1",
                    "Retry/maxRetries", "0"}, 2, 1, DropReason.GAVE_UP),
                Arguments.of("method enabled=false", new String[] {RETRY_METHOD + "enabled", "false"}, 1, 3,
                        DropReason.FAILED),
                Arguments.of("class enabled=false", new String[] {cls + "/Retry/enabled", "false"}, 4, 1,
                        DropReason.GAVE_UP),
                Arguments.of("global enabled=false", new String[] {"Retry/enabled", "false"}, 1, 1, DropReason.FAILED),
                Arguments.of("non-fallback off", new String[] {"MP_Fault_Tolerance_NonFallback_Enabled", "false"}, 1, 1,
                        DropReason.FAILED),
                Arguments.of("non-fallback off, Retry back on", new String[] {
                    "MP_Fault_Tolerance_NonFallback_Enabled", "false", RETRY_METHOD + "enabled", "true"}, 4, 1,
                        DropReason.GAVE_UP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overrides")
    void mpFtOverrideKeys(String label, String[] keys, int methodCalls, int classCalls, DropReason methodReason) {
        for (Mode mode : Mode.values()) {
            try (TestContainer c = start(mode, with(sync("retry-m", "retry-c"), keys), Script.class,
                    RetryingMethod.class, RetryingClass.class, DeadLetters.class)) {
                Script script = c.get(Script.class);
                script.fail("retry-m", Integer.MAX_VALUE);
                script.fail("retry-c", Integer.MAX_VALUE);
                fire(c, new Job("o-1"));

                assertThat(script.calls("retry-m")).as(mode + " retry-m").isEqualTo(methodCalls);
                assertThat(script.calls("retry-c")).as(mode + " retry-c").isEqualTo(classCalls);
                assertThat(letters(c).stream().filter(l -> l.sink().equals("retry-m")).findFirst().orElseThrow()
                        .reason()).isEqualTo(methodReason);
            }
        }
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(FtFixtures.Invalid.MaxRetries.class, "Retry", "maxRetries"),
                Arguments.of(FtFixtures.Invalid.RetryDelay.class, "Retry", "delay"),
                Arguments.of(FtFixtures.Invalid.Jitter.class, "Retry", "jitter"),
                Arguments.of(FtFixtures.Invalid.MaxDuration.class, "Retry", "maxDuration"),
                Arguments.of(FtFixtures.Invalid.FailureRatio.class, "CircuitBreaker", "failureRatio"),
                Arguments.of(FtFixtures.Invalid.RequestVolume.class, "CircuitBreaker", "requestVolumeThreshold"),
                Arguments.of(FtFixtures.Invalid.SuccessThreshold.class, "CircuitBreaker", "successThreshold"),
                Arguments.of(FtFixtures.Invalid.BreakerDelay.class, "CircuitBreaker", "delay"),
                Arguments.of(FtFixtures.Invalid.TimeoutValue.class, "Timeout", "value"));
    }

    @ParameterizedTest(name = "@{1}.{2}")
    @MethodSource("invalidValues")
    void anInvalidAnnotationValueFailsDeployment(Class<?> bean, String annotation, String member) {
        for (Mode mode : Mode.values()) {
            assertThatThrownBy(() -> start(mode, new String[0], bean).close())
                    .as(mode.name())
                    .hasMessageContaining("@" + annotation)
                    .hasMessageContaining(member)
                    .hasMessageContaining(bean.getSimpleName());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInvalidOverrideValueFailsDeployment(Mode mode) {
        assertThatThrownBy(() -> start(mode, new String[] {RETRY_METHOD + "maxRetries", "-7"}, Script.class,
                RetryingMethod.class).close())
                .hasMessageContaining("@Retry")
                .hasMessageContaining("maxRetries")
                .hasMessageContaining("RetryingMethod");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anFtAnnotationAndSinkwireRetryKeysOnOneSinkAreRejected(Mode mode) {
        assertThatThrownBy(() -> start(mode, new String[] {"sinkwire.sinks.retry-m.retry.strategy", "breaker"},
                Script.class, RetryingMethod.class).close())
                .hasMessageContaining("sink 'retry-m'")
                .hasMessageContaining("@Retry")
                .hasMessageContaining("sinkwire.sinks.retry-m.retry.strategy")
                .hasMessageContaining("one or the other");
    }

    /**
     * MP FT: a method-level key names "the class name and method name where the annotation is
     * declared upon"; for an inherited {@code write} that is the superclass, in both modes. A key
     * naming the bean class matches no annotation and is ignored.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodKeysOfAnInheritedWriteNameTheClassThatDeclaresIt(Mode mode) {
        String declared = RetryingBase.class.getName() + "/write/Retry/";
        String bean = RetryingInherited.class.getName() + "/write/Retry/";
        String[][] cases = {
            {},
            {declared + "maxRetries", "1", bean + "maxRetries", "0"},
            {declared + "enabled", "false", bean + "enabled", "true"},
        };
        int[] calls = {4, 2, 1};
        for (int i = 0; i < cases.length; i++) {
            try (TestContainer c = start(mode, with(sync("retry-inherited"), cases[i]), Script.class,
                    RetryingInherited.class, DeadLetters.class)) {
                Script script = c.get(Script.class);
                script.fail("retry-inherited", Integer.MAX_VALUE);
                fire(c, new Job("i-" + i));

                assertThat(script.calls("retry-inherited")).as(mode + " " + List.of(cases[i])).isEqualTo(calls[i]);
                DropReason reason = calls[i] == 1 ? DropReason.FAILED : DropReason.GAVE_UP;
                assertThat(letters(c)).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo(reason));
            }
        }
    }

    /**
     * Switching {@code @Retry} off by configuration leaves its backoff without {@code @Retry}: deployment fails in
     * both modes (SmallRye: "missing @Retry"); switching the backoff off too deploys, without retries.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchingRetryOffButNotItsBackoffFailsDeploymentInBothModes(Mode mode) {
        String[] config = with(sync("exponential", "fibonacci", "max-duration"), "Retry/enabled", "false");
        assertThatThrownBy(() -> start(mode, config, Script.class, BackingOff.class, DeadLetters.class).close())
                .hasMessageContaining("@ExponentialBackoff")
                .hasMessageContaining("@Retry")
                .hasMessageContaining("BackingOff");
        try (TestContainer c = start(mode, with(config, "ExponentialBackoff/enabled", "false",
                "FibonacciBackoff/enabled", "false"), Script.class, BackingOff.class, DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("exponential", Integer.MAX_VALUE);
            script.fail("fibonacci", Integer.MAX_VALUE);
            script.fail("max-duration", Integer.MAX_VALUE);
            fire(c, new Job("b-1"));

            assertThat(script.calls("exponential")).isEqualTo(1);
            assertThat(script.calls("fibonacci")).isEqualTo(1);
            assertThat(script.calls("max-duration")).isEqualTo(1);
            assertThat(letters(c)).hasSize(3).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.FAILED));
        }
    }

    /**
     * Where the modes differ (docs/ft.md): a class-level annotation on a class sink whose {@code write} is declared
     * by a superclass. MP FT names "the class name ... where the annotation is declared upon", the sink class, and
     * Sinkwire reads that key; SmallRye 6.9 reads the key of the class declaring {@code write}.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClassKeyForAnInheritedWriteIsWhereTheModesDiffer(Mode mode) {
        try (TestContainer c = start(mode, with(sync("retry-over-base"), PlainBase.class.getName() + "/Retry/maxRetries",
                "1", RetryingOverBase.class.getName() + "/Retry/maxRetries", "2"), Script.class, RetryingOverBase.class,
                DeadLetters.class)) {
            Script script = c.get(Script.class);
            script.fail("retry-over-base", Integer.MAX_VALUE);
            fire(c, new Job("p-1"));

            assertThat(script.calls("retry-over-base")).as(mode.name()).isEqualTo(SMALLRYE ? 2 : 3);
        }
    }
}
