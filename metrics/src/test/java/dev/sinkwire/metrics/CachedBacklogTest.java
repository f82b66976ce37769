/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.Timekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link CachedBacklog} read by many scrape threads at once: one query at a time, one per
 * {@link CachedBacklog#MAX_AGE} of the clock, and never a value older than that.
 */
class CachedBacklogTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 200;

    /** A store whose backlog is the number of its reads, and which counts reads running at once. */
    private static final class CountingStore implements DurableBacklog {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicLong reads = new AtomicLong();

        @Override
        public Backlog backlog() {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.yield(); // widen the window for a second reader
                return new Backlog(reads.incrementAndGet(), Duration.ZERO);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private static SinkwireStats stats(DurableBacklog store) {
        SinkwireStats.Probe probe = Fixtures.durableProbe("ledger", store);
        return new SinkwireStats(Map.of("ledger", new SinkMeter("ledger")), Map.of("ledger", probe), true);
    }

    @Test
    void manyScrapersReadTheStoreOnceAtATimeAndOncePerMaxAge() throws Exception {
        CountingStore store = new CountingStore();
        AtomicLong nanos = new AtomicLong(-Duration.ofDays(1).toNanos()); // nanoTime may be negative
        Timekeeper clock = new Timekeeper() {
            @Override
            public long nanoTime() {
                return nanos.get();
            }

            @Override
            public boolean await(CountDownLatch wake, long timeout) throws InterruptedException {
                return wake.await(timeout, TimeUnit.NANOSECONDS);
            }
        };
        CachedBacklog cached = new CachedBacklog(stats(store), "ledger", clock);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Long>> seen = new ArrayList<>();
                List<Integer> order = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    order.add(t);
                }
                Collections.shuffle(order, ThreadLocalRandom.current());
                for (int t : order) {
                    int reads = 1 + t % 3; // two series per scrape, and scrapes of several systems
                    seen.add(pool.submit(() -> {
                        start.await();
                        long last = 0;
                        for (int i = 0; i < reads; i++) {
                            last = cached.get().pending();
                        }
                        return last;
                    }));
                }
                for (Future<Long> f : seen) {
                    assertThat(f.get(1, TimeUnit.MINUTES)).as("round %d: the value read in this period", round)
                            .isEqualTo(round);
                }
                assertThat(store.reads.get()).as("one read per period").isEqualTo(round);
                // just short of the age: still cached; then the age: read again in the next round
                nanos.addAndGet(CachedBacklog.MAX_AGE.toNanos() - 1);
                assertThat(cached.get().pending()).isEqualTo(round);
                nanos.incrementAndGet();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.mostAtOnce.get()).as("queries running at once").isEqualTo(1);
    }
}
