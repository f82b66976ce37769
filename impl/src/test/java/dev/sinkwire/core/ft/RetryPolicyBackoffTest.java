/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.core.ManualTimekeeper;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.ft.FtSemanticsTest.FlakySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Backoff} sequences and caps, alone and as the waits of a {@link RetryingSink}. */
class RetryPolicyBackoffTest {

    private static final Duration MS100 = Duration.ofMillis(100);

    private static List<Duration> sequence(Backoff backoff, Duration initial, int retries) {
        List<Duration> delays = new ArrayList<>();
        for (int n = 1; n <= retries; n++) {
            delays.add(backoff.delay(initial, n));
        }
        return delays;
    }

    private static List<Duration> millis(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long v : values) {
            list.add(Duration.ofMillis(v));
        }
        return list;
    }

    @Test
    void constantRepeatsTheDelay() {
        assertThat(sequence(Backoff.constant(), MS100, 4)).isEqualTo(millis(100, 100, 100, 100));
        assertThat(Backoff.constant().maxDelay()).isZero();
    }

    @Test
    void exponentialMultipliesByTheFactorUpToMaxDelay() {
        assertThat(sequence(Backoff.exponential(2, Duration.ofSeconds(1)), MS100, 7))
                .isEqualTo(millis(100, 200, 400, 800, 1000, 1000, 1000));
        assertThat(sequence(Backoff.exponential(3, Duration.ofSeconds(2)), MS100, 5))
                .isEqualTo(millis(100, 300, 900, 2000, 2000));
    }

    @Test
    void exponentialDefaultsAreSmallRyes() {
        Backoff b = Backoff.exponential();

        assertThat(b).isEqualTo(new Backoff.Exponential(2, Duration.ofMinutes(1)));
        assertThat(sequence(b, Duration.ofSeconds(10), 4)).isEqualTo(millis(10_000, 20_000, 40_000, 60_000));
    }

    @Test
    void exponentialWithFactorOneIsConstantAndWithZeroDelayStaysZero() {
        assertThat(sequence(Backoff.exponential(1, Duration.ZERO), MS100, 3)).isEqualTo(millis(100, 100, 100));
        assertThat(sequence(Backoff.exponential(), Duration.ZERO, 3)).isEqualTo(millis(0, 0, 0));
    }

    @Test
    void fibonacciFollowsOneTwoThreeFiveEightUpToMaxDelay() {
        assertThat(sequence(Backoff.fibonacci(Duration.ofSeconds(1)), MS100, 8))
                .isEqualTo(millis(100, 200, 300, 500, 800, 1000, 1000, 1000));
        assertThat(sequence(Backoff.fibonacci(), Duration.ofSeconds(1), 7))
                .isEqualTo(millis(1000, 2000, 3000, 5000, 8000, 13_000, 21_000));
        assertThat(Backoff.fibonacci().maxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(sequence(Backoff.fibonacci(), Duration.ZERO, 3)).isEqualTo(millis(0, 0, 0));
    }

    @Test
    void uncappedSequencesSaturateInsteadOfOverflowing() {
        long max = Long.MAX_VALUE;
        assertThat(Backoff.exponential(2, Duration.ZERO).delayNanos(1, 64)).isEqualTo(max);
        assertThat(Backoff.exponential(2, Duration.ZERO).delayNanos(1, 63)).isEqualTo(1L << 62);
        assertThat(Backoff.exponential(10, Duration.ZERO).delayNanos(1, 1_000_000_000L)).isEqualTo(max);
        assertThat(Backoff.fibonacci(Duration.ZERO).delayNanos(1, 1_000_000_000L)).isEqualTo(max);
        assertThat(Backoff.fibonacci(Duration.ZERO).delayNanos(1, 10)).isEqualTo(89);
    }

    @Test
    void invalidBackoffsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Backoff.exponential(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("factor must be 1 or more, was 0");
        assertThatThrownBy(() -> Backoff.exponential(2, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxDelay must be zero or positive");
        assertThatThrownBy(() -> Backoff.fibonacci(null))
                .isInstanceOf(NullPointerException.class).hasMessage("maxDelay must not be null");
        assertThatThrownBy(() -> Backoff.constant().delay(MS100, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retry must be 1 or more, was 0");
        assertThatThrownBy(() -> Backoff.constant().delay(Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("initial must be zero or positive");
    }

    @Test
    void aRetryingSinkWaitsTheExponentialSequence() {
        ManualTimekeeper clock = FtSemanticsTest.clock();
        RetryPolicy policy = RetryPolicy.builder().timekeeper(clock).jitter(Duration.ZERO).maxRetries(6)
                .delay(MS100).backoff(Backoff.exponential(2, Duration.ofMillis(1500))).build();
        FlakySink sink = new FlakySink(6, new IllegalStateException());

        new RetryingSink<>(sink, policy, letter -> { }, clock).write("e1");

        assertThat(sink.delivered).containsExactly("e1");
        assertThat(clock.waitDurations()).isEqualTo(millis(100, 200, 400, 800, 1500, 1500));
    }

    @Test
    void aRetryingSinkWaitsTheFibonacciSequence() {
        ManualTimekeeper clock = FtSemanticsTest.clock();
        RetryPolicy policy = RetryPolicy.builder().timekeeper(clock).jitter(Duration.ZERO).maxRetries(5)
                .delay(MS100).backoff(Backoff.fibonacci(Duration.ofMillis(700))).build();
        FlakySink sink = new FlakySink(5, new IllegalStateException());

        new RetryingSink<>(sink, policy, letter -> { }, clock).write("e1");

        assertThat(clock.waitDurations()).isEqualTo(millis(100, 200, 300, 500, 700));
    }

    @Test
    void jitterIsAddedAfterTheBackoffAndClampedToMaxDelay() {
        RetryPolicy high = RetryPolicy.builder().delay(MS100).jitter(Duration.ofMillis(50))
                .backoff(Backoff.exponential(2, Duration.ofMillis(420))).random(RetryPolicyTest.extreme(true)).build();
        RetryPolicy low = high.toBuilder().random(RetryPolicyTest.extreme(false)).build();

        assertThat(Duration.ofNanos(high.nextDelayNanos(1))).isEqualTo(Duration.ofMillis(150));
        assertThat(Duration.ofNanos(high.nextDelayNanos(3))).isEqualTo(Duration.ofMillis(420)); // 400 + 50, capped
        assertThat(Duration.ofNanos(low.nextDelayNanos(3))).isEqualTo(Duration.ofMillis(350));
        // SmallRye's order: 800 - 50 = 750, then capped; a grown delay stays at the cap
        assertThat(Duration.ofNanos(low.nextDelayNanos(4))).isEqualTo(Duration.ofMillis(420));
    }

    @Test
    void maxDurationStillBoundsAGrowingBackoff() {
        ManualTimekeeper clock = FtSemanticsTest.clock();
        RetryPolicy policy = RetryPolicy.builder().timekeeper(clock).jitter(Duration.ZERO).maxRetries(-1)
                .delay(MS100).backoff(Backoff.exponential(2, Duration.ofSeconds(1)))
                .maxDuration(Duration.ofMillis(2000)).build();
        FlakySink sink = new FlakySink(Integer.MAX_VALUE, new IllegalStateException());

        new RetryingSink<>(sink, policy, letter -> { }, clock).write("e1");

        // attempts at 0, 100, 300, 700, 1500 ms; the next wait (1000 ms) would end at 2500 ms
        assertThat(sink.attempts).hasValue(5);
    }
}
