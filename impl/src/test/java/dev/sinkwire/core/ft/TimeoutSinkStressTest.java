/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Timekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The race between a write finishing and its deadline passing, run for real many times: the
 * deadline "passes" (the timekeeper returns false) at once, while the worker may or may not have
 * finished. Whatever the interleaving, each write has exactly one outcome, consistent with what
 * the sink did.
 */
class TimeoutSinkStressTest {

    private static final int WRITERS = 8;
    private static final int WRITES_PER_WRITER = 500;

    /**
     * Every wait ends with the deadline passed, after spinning a random while (none a quarter of
     * the time) during which the worker may finish: so both orders, and the tight race between
     * them, happen. Kept beside {@code ManualTimekeeper} on purpose: this clock exists to race the
     * worker (a random spin, then "late" whatever happened), which a manual clock, whose waits
     * either pass at once or follow a script, does not do.
     */
    private static final class RacingTimekeeper implements Timekeeper {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public boolean await(CountDownLatch wake, long nanos) {
            int spins = ThreadLocalRandom.current().nextInt(4) == 0 ? 0 : ThreadLocalRandom.current().nextInt(200_000);
            for (int i = 0; i < spins && wake.getCount() > 0; i++) {
                Thread.onSpinWait();
            }
            return false;
        }
    }

    @Test
    void eachWriteHasExactlyOneOutcomeConsistentWithTheSink() throws Exception {
        Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Sink<Object> sink = RetryPolicyTest.sinkThat(e -> {
            int id = (Integer) e;
            if (id % 2 == 1) {
                throw new IllegalStateException("odd " + id);
            }
            deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        });
        ExecutorService workers = Executors.newCachedThreadPool();
        TimeoutSink<Object> timeout = TimeoutSink.builder(sink).timeout(Duration.ofMillis(1))
                .executor(workers).timekeeper(new RacingTimekeeper()).build();
        Map<Integer, String> outcomes = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int n = 0; n < WRITES_PER_WRITER; n++) {
                        int id = writer * WRITES_PER_WRITER + n;
                        String outcome;
                        try {
                            timeout.write(id);
                            outcome = "ok";
                        } catch (SinkTimeoutException t) {
                            outcome = "timeout";
                        } catch (IllegalStateException failed) {
                            outcome = "failed";
                        }
                        if (outcomes.put(id, outcome) != null) {
                            unexpected.add(new AssertionError("two outcomes for " + id));
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }));
        }
        Collections.shuffle(threads, new Random(42));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).isFalse();
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue(); // late writes are done too

        assertThat(unexpected).isEmpty();
        assertThat(outcomes).hasSize(WRITERS * WRITES_PER_WRITER);
        int timeouts = 0;
        for (Map.Entry<Integer, String> e : outcomes.entrySet()) {
            int id = e.getKey();
            AtomicInteger delivered = deliveries.get(id);
            int times = delivered == null ? 0 : delivered.get();
            switch (e.getValue()) {
                case "ok" -> {
                    assertThat(id % 2).as("event %d succeeded", id).isZero();
                    assertThat(times).as("event %d delivered", id).isEqualTo(1);
                }
                case "failed" -> assertThat(id % 2).as("event %d failed", id).isOne();
                default -> {
                    timeouts++;
                    assertThat(times).as("timed-out event %d delivered at most once", id).isLessThanOrEqualTo(1);
                }
            }
        }
        // both orders of the race must have happened for the test to mean anything
        assertThat(timeouts).isPositive().isLessThan(outcomes.size());
    }
}
