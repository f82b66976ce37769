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

    /**
     * Many writers fail at once on a clock that moves forward at every reading, started in a
     * shuffled order: however their clock readings and updates interleave, the breaker ends with
     * every failure counted and the backoff running from the latest reading any failure made.
     */
    @Test
    void concurrentFailuresCountEveryFailureAndKeepTheLatestTime() throws InterruptedException {
        int writers = 8;
        int failuresEach = 2_000;
        for (int round = 0; round < 20; round++) {
            long seed = System.nanoTime();
            AtomicLong time = new AtomicLong(Long.MAX_VALUE - 10_000); // wraps during the round
            java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean();
            Timekeeper clock = new Timekeeper() {
                @Override
                public long nanoTime() {
                    if (frozen.get()) {
                        return time.get();
                    }
                    long now = time.incrementAndGet();
                    if ((now & 3) == 0) {
                        Thread.yield(); // widen the window between reading the clock and recording the failure
                    }
                    return now;
                }

                @Override
                public boolean await(CountDownLatch wake, long nanos) {
                    throw new UnsupportedOperationException("not waited on");
                }
            };
            Breaker breaker = new Breaker(writers * failuresEach, BACKOFF, clock);
            Concurrently run = new Concurrently();
            for (int w = 0; w < writers; w++) {
                run.add("failing-" + w, () -> {
                    for (int i = 0; i < failuresEach; i++) {
                        breaker.failure("e", ERROR);
                    }
                });
            }
            run.run(new java.util.Random(seed), 30);
            frozen.set(true); // now = the latest reading handed out, all of them to failures

            assertThat(breaker.open()).as("seed %d: every failure counted (threshold = all of them)", seed).isTrue();
            assertThat(breaker.proceed("e")).as("seed %d: the backoff runs from the latest failure", seed)
                    .isEqualTo(BACKOFF);
        }
    }

    @Test
    void usesTheSystemClockByDefault() {
        Breaker breaker = new Breaker(1, Duration.ofHours(1));
        breaker.failure("e", ERROR);
        assertThat(breaker.proceed("e")).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    }
}
