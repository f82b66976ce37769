/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnedCounterTest {

    @Test
    void countsOfOneThreadAreExact() {
        OwnedCounter counter = new OwnedCounter();
        assertThat(counter.sum()).isZero();
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }
        assertThat(counter.sum()).isEqualTo(1_000);
    }

    /**
     * Threads race to become the owner (all start at one barrier), then keep counting beside it,
     * while a reader checks that the sum never goes down; at the end the sum is exact.
     */
    @Test
    void racingThreadsLoseNoCountAndTheSumOnlyGrows() throws InterruptedException {
        long seed = System.nanoTime();
        OwnedCounter counter = new OwnedCounter();
        int writers = 4;
        int perWriter = 20_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Concurrently run = new Concurrently();
        for (int w = 0; w < writers; w++) {
            run.add("writer" + w, () -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        counter.increment();
                    }
                } finally {
                    if (done.incrementAndGet() == writers) {
                        writing.set(false);
                    }
                }
            });
        }
        run.add("reader", () -> {
            long previous = 0;
            do {
                long now = counter.sum();
                reads.incrementAndGet();
                assertThat(now).as("seed %d: a sum never goes down", seed).isGreaterThanOrEqualTo(previous)
                        .isLessThanOrEqualTo((long) writers * perWriter);
                previous = now;
            } while (writing.get());
        });
        run.run(new Random(seed), 60);

        assertThat(reads.get()).isPositive();
        assertThat(counter.sum()).as("seed %d", seed).isEqualTo((long) writers * perWriter);
    }
}
