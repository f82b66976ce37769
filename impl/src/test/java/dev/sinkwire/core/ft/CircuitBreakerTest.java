/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static dev.sinkwire.core.ft.CircuitBreaker.State.CLOSED;
import static dev.sinkwire.core.ft.CircuitBreaker.State.HALF_OPEN;
import static dev.sinkwire.core.ft.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.ManualTimekeeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreaker} and {@link CircuitBreakerSink}: MP FT {@code @CircuitBreaker} semantics. */
class CircuitBreakerTest {

    private final ManualTimekeeper clock = FtSemanticsTest.clock();

    /** A sink whose next outcome the test sets: null succeeds, anything else is thrown. */
    private static final class ScriptedSink implements Sink<Object> {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<RuntimeException> next = new AtomicReference<>();

        @Override
        public void write(Object event) {
            calls.incrementAndGet();
            RuntimeException e = next.get();
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedSink receiver = new ScriptedSink();

    private CircuitBreaker.Builder breaker() {
        return CircuitBreaker.builder().timekeeper(clock);
    }

    /** Writes once: "S" for success, "F" for failure, "R" if the breaker refused the call. */
    private static String call(Sink<Object> sink, ScriptedSink receiver, RuntimeException outcome) {
        receiver.next.set(outcome);
        try {
            sink.write("e");
            return "S";
        } catch (CircuitBreakerOpenException refused) {
            return "R";
        } catch (RuntimeException failed) {
            assertThat(failed).isSameAs(outcome); // rethrown unchanged
            return "F";
        }
    }

    private String ok(Sink<Object> sink) {
        return call(sink, receiver, null);
    }

    private String fail(Sink<Object> sink) {
        return call(sink, receiver, new IllegalStateException("down"));
    }

    // ---- defaults and validation ----

    @Test
    void defaultsAreMicroProfileFaultTolerances() {
        CircuitBreaker b = CircuitBreaker.ofDefaults();

        assertThat(b.state()).isEqualTo(CLOSED);
        assertThat(b.requestVolumeThreshold()).isEqualTo(20);
        assertThat(b.failureRatio()).isEqualTo(0.5);
        assertThat(b.failureThreshold()).isEqualTo(10);
        assertThat(b.delay()).isEqualTo(Duration.ofMillis(5000));
        assertThat(b.successThreshold()).isEqualTo(1);
        assertThat(b.failOn()).containsExactly(Throwable.class);
        assertThat(b.skipOn()).isEmpty();
    }

    @Test
    void defaultBreakerOpensAfterTenFailuresInTwentyCallsAndStaysOpenFiveSeconds() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().build());
        for (int i = 0; i < 10; i++) {
            assertThat(ok(sink)).isEqualTo("S");
        }
        for (int i = 0; i < 9; i++) {
            assertThat(fail(sink)).isEqualTo("F");
        }
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(fail(sink)).isEqualTo("F"); // the 20th call, the 10th failure
        assertThat(sink.breaker().state()).isEqualTo(OPEN);

        clock.advance(Duration.ofMillis(4999));
        assertThat(ok(sink)).isEqualTo("R");
        clock.advance(Duration.ofMillis(1));
        assertThat(ok(sink)).isEqualTo("S");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(receiver.calls).hasValue(21);
    }

    @Test
    void invalidValuesAreRejectedWithMessagesNamingTheParameterAndTheAllowedRange() {
        assertThatThrownBy(() -> CircuitBreaker.builder().requestVolumeThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestVolumeThreshold must be 1 or more, was 0");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRatio(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failureRatio must be between 0 and 1 (inclusive), was -0.1");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRatio(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRatio").hasMessageEndingWith("1.5");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRatio(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("NaN");
        assertThatThrownBy(() -> CircuitBreaker.builder().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("delay must be zero or positive");
        assertThatThrownBy(() -> CircuitBreaker.builder().successThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("successThreshold must be 1 or more, was 0");
        assertThatThrownBy(() -> CircuitBreaker.builder().failOn(RuntimeException.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("failOn[1] must not be null");
        assertThatThrownBy(() -> CircuitBreaker.builder().skipOn((Class<? extends Throwable>[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("skipOn must not be null");
        assertThatThrownBy(() -> new CircuitBreakerSink<>(receiver, null))
                .isInstanceOf(NullPointerException.class).hasMessage("breaker must not be null");
        // the edges are allowed
        assertThat(CircuitBreaker.builder().failureRatio(0).failureRatio(1).requestVolumeThreshold(1)
                .successThreshold(1).delay(Duration.ZERO).build().state()).isEqualTo(CLOSED);
    }

    @Test
    void theFailureThresholdIsTheCeilingOfRatioTimesWindowInDecimal() {
        assertThat(breaker().requestVolumeThreshold(4).failureRatio(0.75).build().failureThreshold()).isEqualTo(3);
        assertThat(breaker().requestVolumeThreshold(10).failureRatio(0.3).build().failureThreshold()).isEqualTo(3);
        assertThat(breaker().requestVolumeThreshold(10).failureRatio(0.7).build().failureThreshold()).isEqualTo(7);
        assertThat(breaker().requestVolumeThreshold(3).failureRatio(0.5).build().failureThreshold()).isEqualTo(2);
        assertThat(breaker().requestVolumeThreshold(3).failureRatio(0.1).build().failureThreshold()).isEqualTo(1);
        assertThat(breaker().requestVolumeThreshold(5).failureRatio(1).build().failureThreshold()).isEqualTo(5);
        assertThat(breaker().requestVolumeThreshold(5).failureRatio(0).build().failureThreshold()).isZero();
    }

    // ---- closed: the rolling window ----

    @Test
    void theBreakerDoesNotOpenBeforeTheWindowIsFull() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(4).failureRatio(0.5).build());

        assertThat(fail(sink) + fail(sink) + fail(sink)).isEqualTo("FFF");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(ok(sink)).isEqualTo("S"); // window full: 3 of 4 failed
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
    }

    @Test
    void theSpecExampleOpensOnThreeFailuresAmongFourConsecutiveCalls() {
        // @CircuitBreaker(successThreshold = 10, requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1000)
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().successThreshold(10)
                .requestVolumeThreshold(4).failureRatio(0.75).delay(Duration.ofMillis(1000)).build());

        assertThat(ok(sink) + fail(sink) + ok(sink) + fail(sink)).isEqualTo("SFSF");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED); // 2 of 4
        assertThat(fail(sink)).isEqualTo("F"); // window S F S F -> F S F F: 3 of 4
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
        assertThat(ok(sink)).isEqualTo("R");
    }

    @Test
    void theMpFt4SpecScenariosOpenWhenTheFullWindowReachesTheRatio() {
        // MP FT 4.x, "Configuring when the circuit opens and closes":
        // @CircuitBreaker(successThreshold = 10, requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1000)
        CircuitBreaker.Builder spec = breaker().successThreshold(10).requestVolumeThreshold(4).failureRatio(0.5)
                .delay(Duration.ofMillis(1000));
        // scenario 1: request 5 opens it (2 of the last 4 failed: reaching the ratio is enough), request 6 is refused
        CircuitBreakerSink<Object> one = new CircuitBreakerSink<>(receiver, spec.build());
        assertThat(ok(one) + fail(one) + ok(one) + ok(one)).isEqualTo("SFSS");
        assertThat(one.breaker().state()).isEqualTo(CLOSED);
        assertThat(fail(one)).isEqualTo("F");
        assertThat(one.breaker().state()).isEqualTo(OPEN);
        assertThat(ok(one)).isEqualTo("R");
        // scenario 2: request 3 does not open it (the window is not full yet), request 4 does
        CircuitBreakerSink<Object> two = new CircuitBreakerSink<>(receiver, spec.build());
        assertThat(ok(two) + fail(two) + fail(two)).isEqualTo("SFF");
        assertThat(two.breaker().state()).isEqualTo(CLOSED);
        assertThat(ok(two)).isEqualTo("S");
        assertThat(two.breaker().state()).isEqualTo(OPEN);
        assertThat(ok(two)).isEqualTo("R");
    }

    @Test
    void refusalsAreNotResultsEitherWhileOpenOrWhileTheHalfOpenTrialsAreTaken() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().requestVolumeThreshold(2)
                .failureRatio(0.5).successThreshold(2).delay(Duration.ofMillis(100)).build());
        assertThat(fail(sink) + ok(sink)).isEqualTo("FS");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
        int called = receiver.calls.get();
        for (int i = 0; i < 10; i++) {
            assertThat(ok(sink)).isEqualTo("R");
        }
        assertThat(receiver.calls).hasValue(called);
        clock.advance(Duration.ofMillis(100));
        // two successful trials close it, however many refusals came before; the new window is empty, so a
        // single failure (1 of 1 recorded) does not open it until the window of 2 is full
        assertThat(ok(sink) + ok(sink)).isEqualTo("SS");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(fail(sink)).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(ok(sink)).isEqualTo("S");
        assertThat(sink.breaker().state()).isEqualTo(OPEN); // 1 of 2 failed: 0.5 reached
    }

    @Test
    void failuresThatRollOutOfTheWindowNoLongerCount() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(3).failureRatio(1).build());

        assertThat(fail(sink) + fail(sink) + ok(sink) + fail(sink) + fail(sink)).isEqualTo("FFSFF");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED); // never 3 failures among the last 3
        assertThat(fail(sink)).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
    }

    @Test
    void aFailureRatioOfZeroOpensWheneverTheWindowIsFullAsSmallRyeDoes() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(2).failureRatio(0).build());

        assertThat(ok(sink) + ok(sink)).isEqualTo("SS");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
    }

    // ---- open and half-open ----

    @Test
    void anOpenBreakerRefusesWithoutCallingTheSinkUntilDelayHasPassed() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofSeconds(2)).build());
        fail(sink);
        int calls = receiver.calls.get();

        assertThatThrownBy(() -> sink.write("e")).isInstanceOf(CircuitBreakerOpenException.class)
                .hasMessageContaining("OPEN").hasMessageContaining("PT2S");
        clock.advance(Duration.ofMillis(1999));
        assertThat(ok(sink)).isEqualTo("R");

        assertThat(receiver.calls).hasValue(calls);
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
    }

    @Test
    void aSuccessfulProbeClosesTheBreakerWithAFreshWindow() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(2).failureRatio(0.5).delay(Duration.ofSeconds(1)).build());
        assertThat(fail(sink) + fail(sink)).isEqualTo("FF");
        clock.advance(Duration.ofSeconds(1));

        assertThat(ok(sink)).isEqualTo("S");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        // the old failures are forgotten: one new failure does not fill the window
        assertThat(fail(sink)).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
    }

    @Test
    void aFailedProbeReopensForAnotherFullDelay() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofSeconds(1)).build());
        fail(sink);
        clock.advance(Duration.ofSeconds(5));

        assertThat(fail(sink)).isEqualTo("F"); // the probe
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
        clock.advance(Duration.ofMillis(999));
        assertThat(ok(sink)).isEqualTo("R");
        clock.advance(Duration.ofMillis(1));
        assertThat(ok(sink)).isEqualTo("S");
    }

    @Test
    void successThresholdConsecutiveSuccessesCloseAndAnyFailureReopens() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().requestVolumeThreshold(1)
                .failureRatio(1).delay(Duration.ofSeconds(1)).successThreshold(3).build());
        fail(sink);
        clock.advance(Duration.ofSeconds(1));

        assertThat(ok(sink) + ok(sink)).isEqualTo("SS");
        assertThat(sink.breaker().state()).isEqualTo(HALF_OPEN);
        assertThat(fail(sink)).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);

        clock.advance(Duration.ofSeconds(1));
        assertThat(ok(sink) + ok(sink)).isEqualTo("SS");
        assertThat(sink.breaker().state()).isEqualTo(HALF_OPEN);
        assertThat(ok(sink)).isEqualTo("S");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
    }

    @Test
    void halfOpenLetsAtMostSuccessThresholdTrialsThroughAtOnce() {
        CircuitBreaker b = breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ZERO).successThreshold(2).build();
        b.record(b.tryAcquire(), true);
        assertThat(b.state()).isEqualTo(OPEN);

        CircuitBreaker.Phase first = b.tryAcquire();
        CircuitBreaker.Phase second = b.tryAcquire();
        assertThat(b.state()).isEqualTo(HALF_OPEN);
        assertThat(first).isNotNull().isSameAs(second);
        assertThat(b.tryAcquire()).isNull(); // both trials in flight

        b.release(first); // a trial that ended without a result is given back
        CircuitBreaker.Phase third = b.tryAcquire();
        assertThat(third).isSameAs(second);
        b.record(second, false);
        b.record(third, false);
        assertThat(b.state()).isEqualTo(CLOSED);
    }

    @Test
    void zeroDelayMakesAnOpenBreakerHalfOpenAtTheNextCall() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ZERO).build());
        fail(sink);
        assertThat(sink.breaker().state()).isEqualTo(OPEN);

        assertThat(ok(sink)).isEqualTo("S");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
    }

    @Test
    void readingTheStateDoesNotMoveTheBreaker() {
        CircuitBreaker b = breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofSeconds(1)).build();
        b.record(b.tryAcquire(), true);
        clock.advance(Duration.ofSeconds(10));

        assertThat(b.state()).isEqualTo(OPEN);
        assertThat(b.state()).isEqualTo(OPEN);
    }

    @Test
    void refusesNowOnlyWhileOpenWithinTheDelayAndWithoutMovingTheBreaker() {
        CircuitBreaker b = breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofSeconds(1)).build();
        assertThat(b.refusesNow()).as("closed").isFalse();
        b.record(b.tryAcquire(), true);
        assertThat(b.refusesNow()).as("just opened").isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(b.refusesNow()).as("within the delay").isTrue();
        assertThat(b.tryAcquire()).as("a call now is refused, as refusesNow said").isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(b.refusesNow()).as("the delay has passed").isFalse();
        assertThat(b.state()).as("not moved by the read").isEqualTo(OPEN);
        CircuitBreaker.Phase trial = b.tryAcquire();
        assertThat(trial).as("the next call is let through, as refusesNow said").isNotNull();
        assertThat(b.state()).isEqualTo(HALF_OPEN);
        assertThat(b.refusesNow()).as("half-open").isFalse();
        b.record(trial, true);
        assertThat(b.state()).as("the failed trial reopens").isEqualTo(OPEN);
        assertThat(b.refusesNow()).isTrue();
    }

    // ---- failOn / skipOn ----

    @Test
    void errorsOutsideFailOnCountAsSuccesses() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().requestVolumeThreshold(2)
                .failureRatio(0.5).failOn(IllegalStateException.class).build());

        assertThat(call(sink, receiver, new IllegalArgumentException()) + call(sink, receiver, new IllegalArgumentException()))
                .isEqualTo("FF"); // thrown to the writer, but not failures for the breaker
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
        assertThat(call(sink, receiver, new IllegalStateException())).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
    }

    @Test
    void skipOnWinsOverFailOn() {
        CircuitBreaker b = breaker().failOn(RuntimeException.class).skipOn(IllegalArgumentException.class).build();

        assertThat(b.isFailure(new IllegalArgumentException())).isFalse();
        assertThat(b.isFailure(new NumberFormatException())).isFalse(); // a subclass of IllegalArgumentException
        assertThat(b.isFailure(new IllegalStateException())).isTrue();
        assertThat(b.isFailure(new Exception())).isFalse(); // not in failOn
        assertThat(CircuitBreaker.ofDefaults().isFailure(new AssertionError())).isTrue(); // failOn Throwable
    }

    @Test
    void aSkippedErrorInHalfOpenCountsAsASuccessfulTrial() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().requestVolumeThreshold(1)
                .failureRatio(1).delay(Duration.ZERO).skipOn(IllegalArgumentException.class).build());
        fail(sink);

        assertThat(call(sink, receiver, new IllegalArgumentException("skip"))).isEqualTo("F");
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
    }

    @Test
    void sinkClosedPassesThroughUnrecordedAndGivesBackAHalfOpenTrial() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker().requestVolumeThreshold(1)
                .failureRatio(1).delay(Duration.ZERO).build());
        fail(sink);
        receiver.next.set(new SinkClosedException("gone"));

        assertThatThrownBy(() -> sink.write("e")).isInstanceOf(SinkClosedException.class);
        assertThat(sink.breaker().state()).isEqualTo(HALF_OPEN);
        assertThat(ok(sink)).isEqualTo("S"); // the trial was given back
        assertThat(sink.breaker().state()).isEqualTo(CLOSED);
    }

    @Test
    void anErrorIsRecordedAsAFailureAndRethrown() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).build());
        Sink<Object> throwsError = new Sink<>() {
            @Override
            public void write(Object event) {
                throw new AssertionError("boom");
            }

            @Override
            public void close() {
            }
        };
        CircuitBreakerSink<Object> errorSink = new CircuitBreakerSink<>(throwsError, sink.breaker());

        assertThatThrownBy(() -> errorSink.write("e")).isInstanceOf(AssertionError.class).hasMessage("boom");
        assertThat(sink.breaker().state()).isEqualTo(OPEN);
        assertThat(ok(sink)).isEqualTo("R"); // sinks sharing a breaker open together
    }

    // ---- what a refusal and the breaker say ----

    @Test
    void aRefusalSaysForHowMuchLongerTheBreakerRefuses() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofSeconds(5)).build());
        assertThat(fail(sink)).isEqualTo("F");
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> sink.write("e")).isInstanceOf(CircuitBreakerOpenException.class)
                .hasMessageStartingWith("circuit breaker is OPEN for another PT3S: ")
                .hasMessageEndingWith(" not called");
        assertThat(receiver.calls).hasValue(1);
    }

    @Test
    void theBreakerAndItsSinkDescribeTheStateAndTheConfiguration() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(1).failureRatio(1).build());
        fail(sink);

        assertThat(sink.breaker().toString()).contains("OPEN", "requestVolumeThreshold=1", "failureRatio=1.0");
        assertThat(sink.toString()).startsWith("CircuitBreakerSink[CircuitBreaker[OPEN").contains(receiver.toString());
    }

    // ---- the rolling window's storage ----

    /**
     * Any {@code requestVolumeThreshold} of 1 or more is valid (MP FT), including a very large one
     * (a breaker that in practice never opens). The window used to be allocated in full at
     * {@code build()} and again at every return to closed: {@code Integer.MAX_VALUE} threw
     * {@link OutOfMemoryError} ("Requested array size exceeds VM limit") at deployment. It now
     * grows with the results recorded, a bit each.
     */
    @Test
    void aHugeWindowIsAcceptedAndCostsOnlyTheResultsRecorded() {
        CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver,
                breaker().requestVolumeThreshold(Integer.MAX_VALUE).failureRatio(1).build());
        for (int i = 0; i < 1_000; i++) {
            assertThat(fail(sink)).isEqualTo("F");
        }
        assertThat(sink.breaker().state()).as("the window is far from full").isEqualTo(CLOSED);
        assertThat(sink.breaker().failureThreshold()).isEqualTo(Integer.MAX_VALUE);
    }

    /**
     * The window against a plain reference (the last {@code n} results in a deque), with random
     * outcomes and ratios, at sizes around the 64-result words it is stored in and across its
     * wrap-around: the breaker opens exactly when the reference's full window holds the threshold.
     */
    @Test
    void theWindowOpensExactlyWhenAReferenceWindowOfTheLastResultsDoes() {
        for (int size : new int[] {1, 2, 63, 64, 65, 127, 128, 129, 200}) {
            for (int round = 0; round < 30; round++) {
                long seed = System.nanoTime();
                java.util.Random random = new java.util.Random(seed);
                double ratio = random.nextInt(11) / 10.0;
                double failureChance = random.nextDouble();
                CircuitBreaker b = breaker().requestVolumeThreshold(size).failureRatio(ratio).build();
                CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, b);
                java.util.ArrayDeque<Boolean> last = new java.util.ArrayDeque<>();
                int failuresInLast = 0;
                for (int call = 0; call < 4 * size + 10; call++) {
                    boolean failure = random.nextDouble() < failureChance;
                    assertThat(failure ? fail(sink) : ok(sink)).isEqualTo(failure ? "F" : "S");
                    last.addLast(failure);
                    failuresInLast += failure ? 1 : 0;
                    if (last.size() > size) {
                        failuresInLast -= last.removeFirst() ? 1 : 0;
                    }
                    boolean opens = last.size() == size && failuresInLast >= b.failureThreshold();
                    assertThat(b.state()).as("size %d, ratio %s, seed %d, call %d", size, ratio, seed, call)
                            .isEqualTo(opens ? OPEN : CLOSED);
                    if (opens) {
                        break;
                    }
                }
            }
        }
    }
}
