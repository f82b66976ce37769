/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** ExponentialBackoff's arithmetic: a uniform draw from [0, min(base + factor * 2^(n-1), max)). */
class ExponentialBackoffTest {

    private static final SinkException ERROR = new SinkException("failed");

    /** Records every bound asked for and answers {@code bound - 1}, the largest value allowed. */
    static final class HighestDraw implements RandomGenerator {
        final List<Long> bounds = new ArrayList<>();

        @Override
        public long nextLong() {
            throw new AssertionError("the strategy must draw with a bound");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return bound - 1;
        }
    }

    private static ExponentialBackoffConfig seconds(long base, long factor, long max) {
        return new ExponentialBackoffConfig(Duration.ofSeconds(base), Duration.ofSeconds(factor), Duration.ofSeconds(max));
    }

    @Test
    void theWindowGrowsAsBasePlusFactorTimesTwoToTheFailuresMinusOneCappedAtMax() {
        HighestDraw random = new HighestDraw();
        ExponentialBackoff strategy = new ExponentialBackoff(ExponentialBackoffConfig.DEFAULT, random);

        assertThat(strategy.proceed("e")).as("no failure: no wait").isZero();
        assertThat(random.bounds).as("no draw without failures").isEmpty();

        List<Duration> waits = new ArrayList<>();
        for (int failures = 1; failures <= 7; failures++) {
            assertThat(strategy.failure("e", ERROR)).as("never drops").isFalse();
            waits.add(strategy.proceed("e"));
        }
        long s = 1_000_000_000L;
        // windows: 1+1=2s, 1+2=3s, 1+4=5s, 1+8=9s, 1+16=17s, then capped at 20s
        assertThat(random.bounds).containsExactly(2 * s, 3 * s, 5 * s, 9 * s, 17 * s, 20 * s, 20 * s);
        assertThat(waits).containsExactly(Duration.ofNanos(2 * s - 1), Duration.ofNanos(3 * s - 1),
                Duration.ofNanos(5 * s - 1), Duration.ofNanos(9 * s - 1), Duration.ofNanos(17 * s - 1),
                Duration.ofNanos(20 * s - 1), Duration.ofNanos(20 * s - 1));
    }

    @Test
    void drawsAreUniformInTheHalfOpenWindow() {
        ExponentialBackoff strategy = new ExponentialBackoff(
                new ExponentialBackoffConfig(Duration.ZERO, Duration.ofNanos(1000), Duration.ofSeconds(1)),
                new SplittableRandom(42));
        strategy.failure("e", ERROR); // window [0, 1000ns)
        int[] buckets = new int[10];
        int samples = 100_000;
        for (int i = 0; i < samples; i++) {
            long nanos = strategy.proceed("e").toNanos();
            assertThat(nanos).isBetween(0L, 999L);
            buckets[(int) (nanos / 100)]++;
        }
        for (int count : buckets) { // expected 10,000 per bucket; 5 sigma is about 475
            assertThat(count).isBetween(9_000, 11_000);
        }
    }

    @Test
    void oneSuccessResets() {
        HighestDraw random = new HighestDraw();
        ExponentialBackoff strategy = new ExponentialBackoff(seconds(1, 1, 20), random);
        for (int i = 0; i < 5; i++) {
            strategy.failure("e", ERROR);
        }
        strategy.success("e");
        assertThat(strategy.proceed("e")).isZero();
        strategy.failure("e", ERROR);
        strategy.proceed("e");
        assertThat(random.bounds).containsExactly(2_000_000_000L);
    }

    @Test
    void hugeFailureCountsSaturateAtMax() {
        ExponentialBackoff strategy = new ExponentialBackoff(seconds(1, 1, 20), new HighestDraw());
        long max = Duration.ofSeconds(20).toNanos();
        for (long failures : new long[] {6, 30, 62, 63, 64, 65, 100, 1_000, Long.MAX_VALUE}) {
            assertThat(strategy.window(failures)).as("window after %d failures", failures).isEqualTo(max);
        }
        assertThat(strategy.window(0)).isZero();
        assertThat(strategy.window(-1)).isZero();
    }

    @Test
    void anUncappedWindowGrowsUntilTheArithmeticWouldOverflow() {
        ExponentialBackoff strategy = new ExponentialBackoff(new ExponentialBackoffConfig(
                Duration.ZERO, Duration.ofNanos(1), ChronoUnit.FOREVER.getDuration()), new HighestDraw());
        assertThat(strategy.window(1)).isEqualTo(1);
        assertThat(strategy.window(62)).isEqualTo(1L << 61);
        assertThat(strategy.window(63)).isEqualTo(1L << 62);
        assertThat(strategy.window(64)).as("2^63 does not fit: max (saturated)").isEqualTo(Long.MAX_VALUE);
        assertThat(strategy.window(1_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void manyFailuresThroughThePublicApiStayAtMax() {
        HighestDraw random = new HighestDraw();
        ExponentialBackoff strategy = new ExponentialBackoff(seconds(1, 1, 20), random);
        for (int i = 0; i < 200; i++) { // go-events wraps around to short waits from about 63 on
            strategy.failure("e", ERROR);
        }
        assertThat(strategy.proceed("e")).isEqualTo(Duration.ofSeconds(20).minusNanos(1));
    }

    @Test
    void baseEqualToMaxGivesAConstantWindow() {
        HighestDraw random = new HighestDraw();
        ExponentialBackoff strategy = new ExponentialBackoff(seconds(5, 1, 5), random);
        strategy.failure("e", ERROR);
        strategy.proceed("e");
        strategy.failure("e", ERROR);
        strategy.proceed("e");
        assertThat(random.bounds).containsExactly(5_000_000_000L, 5_000_000_000L);
    }

    @Test
    void theDefaultRandomStaysInTheWindow() {
        ExponentialBackoff strategy = new ExponentialBackoff(ExponentialBackoffConfig.DEFAULT);
        strategy.failure("e", ERROR);
        for (int i = 0; i < 1000; i++) {
            assertThat(strategy.proceed("e")).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void defaultConfigIsGoEventsDefault() {
        assertThat(ExponentialBackoffConfig.DEFAULT)
                .isEqualTo(new ExponentialBackoffConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }
}
