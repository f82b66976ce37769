/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Filter: non-matching events are accepted and dropped quietly; safe for concurrent use. */
class FilterTest {

    private final RecordingSink<Integer> dst = new RecordingSink<>();

    @Test
    void nonMatchingEventsAreAcceptedNotForwarded() {
        Filter<Integer> filter = new Filter<>(dst, i -> i % 3 == 0);
        for (int i = 0; i < 10; i++) {
            filter.write(i); // returns normally either way
        }
        assertThat(dst.events()).containsExactly(0, 3, 6, 9);
    }

    @Test
    void aMatcherForASupertypeIsAccepted() {
        dev.sinkwire.Matcher<Object> isInteger = event -> event instanceof Integer;
        Filter<Integer> filter = new Filter<>(dst, isInteger);
        filter.write(1);
        assertThat(dst.events()).containsExactly(1);
    }

    @Test
    void aMatcherFailurePropagatesAndForwardsNothing() {
        IllegalStateException broken = new IllegalStateException("matcher broke");
        Filter<Integer> filter = new Filter<>(dst, i -> {
            throw broken;
        });
        assertThatThrownBy(() -> filter.write(1)).isSameAs(broken);
        assertThat(dst.events()).isEmpty();
    }

    @RepeatedTest(3)
    void concurrentWritersThroughOneFilter() throws InterruptedException {
        Filter<Integer> filter = new Filter<>(dst, i -> i % 2 == 0);
        int writers = 6;
        int events = 2_000;
        Concurrently run = new Concurrently();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            run.add("writer-" + w, () -> {
                for (int i = 0; i < events; i++) {
                    filter.write(writer * events + i);
                }
            });
        }
        run.run(new Random(), 30);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < writers * events; i += 2) {
            expected.add(i);
        }
        List<Integer> got = new ArrayList<>(dst.events());
        got.sort(null);
        assertThat(got).isEqualTo(expected);
    }
}
