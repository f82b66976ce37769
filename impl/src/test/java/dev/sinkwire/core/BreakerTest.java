/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Breaker's arithmetic, on a manual clock: go-events' {@code Breaker.Proceed/Failure/Success}. */
class BreakerTest {

    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final SinkException ERROR = new SinkException("failed");

    /** Clock readings are arbitrary, and may wrap around: start just before Long.MAX_VALUE too. */
    @ParameterizedTest
    @ValueSource(longs = {0L, -5_000_000_000L, Long.MAX_VALUE - 100_000_000L})
    void backsOffOnlyOnceTheThresholdIsReached(long start) {
        ManualTimekeeper clock = new ManualTimekeeper(start);
        Breaker breaker = new Breaker(3, BACKOFF, clock);

        assertThat(breaker.proceed("e")).isZero();
        breaker.failure("e", ERROR);
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).as("2 failures, threshold 3").isZero();

        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).as("threshold reached: the full backoff").isEqualTo(BACKOFF);

        clock.advance(Duration.ofMillis(400)); // crosses Long.MAX_VALUE for the last start value
        assertThat(breaker.proceed("e")).as("backoff remaining").isEqualTo(Duration.ofMillis(600));

        clock.advance(Duration.ofMillis(600));
        assertThat(breaker.proceed("e")).as("backoff over").isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(breaker.proceed("e")).isZero();
    }

    @Test
    void theBackoffRunsFromTheLatestFailure() {
        ManualTimekeeper clock = new ManualTimekeeper();
        Breaker breaker = new Breaker(2, BACKOFF, clock);
        breaker.failure("e", ERROR);
        breaker.failure("e", ERROR);
        clock.advance(Duration.ofMillis(900));
        breaker.failure("e", ERROR); // the probe after the backoff failed again
        clock.advance(Duration.ofMillis(300));
        assertThat(breaker.proceed("e")).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void oneSuccessResetsTheCount() {
        ManualTimekeeper clock = new ManualTimekeeper();
        Breaker breaker = new Breaker(2, BACKOFF, clock);
        breaker.failure("e", ERROR);
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isEqualTo(BACKOFF);

        breaker.success("e");
        assertThat(breaker.proceed("e")).isZero();
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).as("one failure after the reset, threshold 2").isZero();
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isEqualTo(BACKOFF);
    }

    @Test
    void isOpenFromTheThresholdUntilASuccess() {
        ManualTimekeeper clock = new ManualTimekeeper();
        Breaker breaker = new Breaker(2, BACKOFF, clock);
        assertThat(breaker.open()).isFalse();
        breaker.failure("e", ERROR);
        assertThat(breaker.open()).as("1 failure, threshold 2").isFalse();
        breaker.failure("e", ERROR);
        assertThat(breaker.open()).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(breaker.open()).as("the backoff passed, but no probe succeeded yet").isTrue();
        breaker.success("e");
        assertThat(breaker.open()).isFalse();
        Breaker zero = new Breaker(0, BACKOFF, clock);
        assertThat(zero.open()).isFalse();
        zero.failure("e", ERROR);
        assertThat(zero.open()).as("threshold 0 behaves like 1").isTrue();
    }

    @Test
    void neverDropsAnEvent() {
        Breaker breaker = new Breaker(1, BACKOFF, new ManualTimekeeper());
        for (int i = 0; i < 10_000; i++) {
            assertThat(breaker.failure("e", ERROR)).isFalse();
        }
        assertThat(breaker.proceed("e")).isEqualTo(BACKOFF);
    }

    @Test
    void thresholdZeroBehavesLikeOne() {
        ManualTimekeeper clock = new ManualTimekeeper(123);
        Breaker breaker = new Breaker(0, BACKOFF, clock);
        assertThat(breaker.proceed("e")).as("no failure yet").isZero();
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isEqualTo(BACKOFF);
    }

    @Test
    void zeroBackoffNeverWaits() {
        Breaker breaker = new Breaker(1, Duration.ZERO, new ManualTimekeeper());
        breaker.failure("e", ERROR);
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isZero();
    }

    @Test
    void aBackoffTooLongForNanosecondsSaturatesInsteadOfOverflowing() {
        ManualTimekeeper clock = new ManualTimekeeper(Long.MAX_VALUE - 10);
        Breaker breaker = new Breaker(1, ChronoUnit.FOREVER.getDuration(), clock);
        breaker.failure("e", ERROR);
        clock.advance(Duration.ofDays(365));
        assertThat(breaker.proceed("e")).as("still backing off after a year")
                .isEqualTo(Duration.ofNanos(Long.MAX_VALUE).minusDays(365));
    }

    /**
     * Two writers fail at once: A reads the clock (t = 1000), is descheduled, and B fails at
     * t = 1500 and records it; then A records its failure. The latest failure is B's, so the
     * backoff must run from 1500. (It ran from 1000: A's late update moved the time back, and the
     * next attempt came 500 ns early; with a long backoff and a long descheduling, much earlier.)
     */
    @Test
    void aFailureThatReadTheClockEarlierDoesNotMoveTheLatestFailureBack() throws Exception {
        AtomicLong time = new AtomicLong(1_000);
        CountDownLatch lateHasReadTheClock = new CountDownLatch(1);
        CountDownLatch releaseLate = new CountDownLatch(1);
        Thread[] late = new Thread[1];
        Timekeeper clock = new Timekeeper() {
            @Override
            public long nanoTime() {
                long now = time.get();
                if (Thread.currentThread() == late[0]) {
                    lateHasReadTheClock.countDown();
                    dev.sinkwire.core.internal.Checks.awaitUninterruptibly(releaseLate); // descheduled here
                }
                return now;
            }

            @Override
            public boolean await(CountDownLatch wake, long nanos) {
                throw new UnsupportedOperationException("not waited on");
            }
        };
        Breaker breaker = new Breaker(1, BACKOFF, clock);
        late[0] = new Thread(() -> breaker.failure("a", ERROR), "late-failure");
        late[0].start();
        lateHasReadTheClock.await();

        time.set(1_500);
        breaker.failure("b", ERROR); // the latest failure
        releaseLate.countDown();
        late[0].join();

        assertThat(breaker.proceed("e")).as("the backoff runs from the latest failure, at 1500").isEqualTo(BACKOFF);
    }

    @Test
    void usesTheSystemClockByDefault() {
        Breaker breaker = new Breaker(1, Duration.ofHours(1));
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    }
}
