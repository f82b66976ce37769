/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Concurrent writers over a flaky sink: every event is delivered exactly once, or (when the
 * strategy gives up on it) reported exactly once and never delivered.
 */
class RetryingSinkStressTest {

    private static final int WRITERS = 6;
    private static final int EVENTS = 500;

    /** Fails about half the writes, before recording anything. */
    static final class Flaky implements Sink<Integer> {
        private final SplittableRandom random;
        final List<Integer> delivered = new ArrayList<>();

        Flaky(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        public synchronized void write(Integer event) {
            if (random.nextBoolean()) {
                throw new SinkException("flaky: " + event);
            }
            delivered.add(event);
        }

        @Override
        public void close() {
        }
    }

    /** Wraps a strategy, and gives up on a failure with probability 1/4. */
    static final class SometimesGivesUp implements RetryStrategy {
        private final RetryStrategy delegate;
        private final SplittableRandom random;

        SometimesGivesUp(RetryStrategy delegate, long seed) {
            this.delegate = delegate;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public Duration proceed(Object event) {
            return delegate.proceed(event);
        }

        @Override
        public synchronized boolean failure(Object event, Throwable error) {
            delegate.failure(event, error);
            return random.nextInt(4) == 0;
        }

        @Override
        public void success(Object event) {
            delegate.success(event);
        }
    }

    @RepeatedTest(3)
    void breakerNeverDropsSoEveryEventIsDeliveredOnce() throws InterruptedException {
        long seed = System.nanoTime();
        Flaky flaky = new Flaky(seed);
        ManualTimekeeper clock = new ManualTimekeeper();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        RetryingSink<Integer> sink = new RetryingSink<>(flaky, new Breaker(3, Duration.ofMillis(5), clock),
                dropped::add, clock);

        writeAll(sink, seed);

        assertThat(dropped).isEmpty();
        assertThat(sorted(flaky.delivered)).as("seed %d", seed).isEqualTo(range(WRITERS * EVENTS));
    }

    @RepeatedTest(3)
    void anEventIsDeliveredOnceOrReportedOnceNeverBoth() throws InterruptedException {
        long seed = System.nanoTime();
        Flaky flaky = new Flaky(seed);
        ManualTimekeeper clock = new ManualTimekeeper();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        RetryStrategy strategy = new SometimesGivesUp(new ExponentialBackoff(
                new ExponentialBackoffConfig(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(50)),
                new SplittableRandom(seed)), seed);
        RetryingSink<Integer> sink = new RetryingSink<>(flaky, strategy, dropped::add, clock);

        writeAll(sink, seed);

        List<Integer> reported = new ArrayList<>();
        for (DeadLetter letter : dropped) {
            assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(letter.attempts()).isPositive();
            assertThat(letter.cause()).isInstanceOf(SinkException.class);
            reported.add((Integer) letter.event());
        }
        assertThat(reported).as("seed %d: some events given up", seed).isNotEmpty().doesNotHaveDuplicates();
        Set<Integer> both = new HashSet<>(reported);
        both.retainAll(flaky.delivered);
        assertThat(both).as("seed %d: delivered and reported", seed).isEmpty();
        List<Integer> all = new ArrayList<>(flaky.delivered);
        all.addAll(reported);
        assertThat(sorted(all)).as("seed %d: every event once", seed).isEqualTo(range(WRITERS * EVENTS));
    }

    private static void writeAll(RetryingSink<Integer> sink, long seed) throws InterruptedException {
        Concurrently run = new Concurrently();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int i = 0; i < EVENTS; i++) {
                    sink.write(writer * EVENTS + i);
                }
            });
        }
        run.run(new Random(seed), 60);
    }

    private static List<Integer> sorted(List<Integer> events) {
        List<Integer> copy;
        synchronized (events) {
            copy = new ArrayList<>(events);
        }
        copy.sort(null);
        return copy;
    }

    private static List<Integer> range(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }
}
