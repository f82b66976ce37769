/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static dev.sinkwire.core.ft.CircuitBreaker.State.CLOSED;
import static dev.sinkwire.core.ft.CircuitBreaker.State.HALF_OPEN;
import static dev.sinkwire.core.ft.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.core.ManualTimekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The breaker's state machine under many threads started together in random order, on a frozen
 * manual clock so that only the threads (not time) move it. Invariants asserted after each round.
 */
class CircuitBreakerStressTest {

    private static final int THREADS = 16;
    private static final long SEED = 20261126L;

    private final ManualTimekeeper clock = FtSemanticsTest.clock();
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

    /** Runs {@code task(i)} on {@link #THREADS} threads released together, started in random order. */
    private void concurrently(Random random, IntFunction<Runnable> task) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Runnable r = task.apply(i);
            threads.add(new Thread(() -> {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                    r.run();
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }, "stress-" + i));
        }
        Collections.shuffle(threads, random);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("thread %s finished", t.getName()).isFalse();
        }
        assertThat(unexpected).isEmpty();
    }

    @RepeatedTest(5)
    void underConcurrentFailuresTheBreakerOpensOnceAndThenNeverCallsTheSink(
            org.junit.jupiter.api.RepetitionInfo info) throws Exception {
        Random random = new Random(SEED + info.getCurrentRepetition());
        int window = 10;
        AtomicInteger delegateCalls = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Sink<Object> failing = sink(() -> {
            delegateCalls.incrementAndGet();
            throw new IllegalStateException("down");
        });
        CircuitBreakerSink<Object> guarded = new CircuitBreakerSink<>(failing, CircuitBreaker.builder()
                .requestVolumeThreshold(window).failureRatio(0.5).delay(Duration.ofSeconds(1)).timekeeper(clock).build());
        int writesPerThread = 200;

        concurrently(random, i -> () -> {
            for (int n = 0; n < writesPerThread; n++) {
                try {
                    guarded.write(n);
                } catch (CircuitBreakerOpenException e) {
                    refused.incrementAndGet();
                } catch (IllegalStateException e) {
                    failed.incrementAndGet();
                }
            }
        });

        // every write either reached the sink or was refused, never both or neither
        assertThat(delegateCalls.get() + refused.get()).isEqualTo(THREADS * writesPerThread);
        assertThat(failed).hasValue(delegateCalls.get());
        // it opened after the window filled; at most the writes already admitted by then got through
        assertThat(delegateCalls.get()).isBetween(window, window + THREADS - 1);
        assertThat(guarded.breaker().state()).isEqualTo(OPEN);
    }

    @RepeatedTest(5)
    void halfOpenAdmitsExactlySuccessThresholdConcurrentTrials(org.junit.jupiter.api.RepetitionInfo info)
            throws Exception {
        Random random = new Random(SEED * 31 + info.getCurrentRepetition());
        int successThreshold = 3;
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1)
                .delay(Duration.ofSeconds(1)).successThreshold(successThreshold).timekeeper(clock).build();
        breaker.record(breaker.tryAcquire(), true);
        assertThat(breaker.state()).isEqualTo(OPEN);
        clock.advance(Duration.ofSeconds(1));

        CountDownLatch settled = new CountDownLatch(THREADS); // each thread: refused, or inside the sink
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Sink<Object> blocking = sink(() -> {
            inside.incrementAndGet();
            settled.countDown();
            await(release);
        });
        CircuitBreakerSink<Object> guarded = new CircuitBreakerSink<>(blocking, breaker);
        Thread releaser = new Thread(() -> {
            await(settled);
            // everyone settled: trials are inside, the rest were refused
            if (inside.get() != successThreshold || breaker.state() != HALF_OPEN) {
                unexpected.add(new AssertionError("inside=" + inside + " state=" + breaker.state()));
            }
            release.countDown();
        });
        releaser.start();

        concurrently(random, i -> () -> {
            try {
                guarded.write(i);
            } catch (CircuitBreakerOpenException e) {
                refused.incrementAndGet();
                settled.countDown();
            }
        });
        releaser.join();

        assertThat(unexpected).isEmpty();
        assertThat(inside).hasValue(successThreshold);
        assertThat(refused).hasValue(THREADS - successThreshold);
        assertThat(breaker.state()).isEqualTo(CLOSED); // all trials succeeded
    }

    @Test
    void concurrentSuccessesNeverOpenAndConcurrentFailuresAlwaysDo() throws Exception {
        Random random = new Random(SEED);
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(50).failureRatio(0.5)
                .delay(Duration.ofSeconds(1)).timekeeper(clock).build();
        CircuitBreakerSink<Object> succeeding = new CircuitBreakerSink<>(sink(() -> { }), breaker);
        CircuitBreakerSink<Object> failing = new CircuitBreakerSink<>(sink(() -> {
            throw new IllegalStateException("down");
        }), breaker);
        AtomicInteger refused = new AtomicInteger();

        concurrently(random, i -> () -> {
            for (int n = 0; n < 1_000; n++) {
                succeeding.write(n);
            }
        });
        assertThat(breaker.state()).isEqualTo(CLOSED);

        concurrently(random, i -> () -> {
            for (int n = 0; n < 100; n++) {
                try {
                    failing.write(n);
                } catch (IllegalStateException expected) {
                    // a failure, recorded
                } catch (CircuitBreakerOpenException e) {
                    refused.incrementAndGet();
                }
            }
        });
        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(refused.get()).isPositive(); // 1,600 failing writes: once open, the rest are refused
    }

    @RepeatedTest(3)
    void mixedTrafficWithTimeMovingKeepsEveryWriteAccountedForAndTheStateValid(
            org.junit.jupiter.api.RepetitionInfo info) throws Exception {
        Random random = new Random(SEED + 7 * info.getCurrentRepetition());
        AtomicInteger delegateCalls = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        CircuitBreakerSink<Object> guarded = new CircuitBreakerSink<>(sink(() -> {
            delegateCalls.incrementAndGet();
            if (java.util.concurrent.ThreadLocalRandom.current().nextInt(3) == 0) {
                throw new IllegalStateException("flaky");
            }
        }), CircuitBreaker.builder().requestVolumeThreshold(8).failureRatio(0.25).delay(Duration.ofMillis(10))
                .successThreshold(2).timekeeper(clock).build());
        int writesPerThread = 2_000;

        concurrently(random, i -> () -> {
            for (int n = 0; n < writesPerThread; n++) {
                if (n % 50 == 0) {
                    clock.advance(Duration.ofMillis(1));
                }
                try {
                    guarded.write(n);
                    succeeded.incrementAndGet();
                } catch (CircuitBreakerOpenException e) {
                    refused.incrementAndGet();
                } catch (IllegalStateException e) {
                    failed.incrementAndGet();
                }
                assertThat(guarded.breaker().state()).isIn(CLOSED, OPEN, HALF_OPEN);
            }
        });

        assertThat(succeeded.get() + failed.get()).isEqualTo(delegateCalls.get());
        assertThat(delegateCalls.get() + refused.get()).isEqualTo(THREADS * writesPerThread);
        assertThat(refused.get()).isPositive(); // it did open
        assertThat(succeeded.get()).isPositive();
    }

    private static Sink<Object> sink(Runnable write) {
        return new Sink<>() {
            @Override
            public void write(Object event) {
                write.run();
            }

            @Override
            public void close() {
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
