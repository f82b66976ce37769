/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.it.ReliabilityFixtures.Counting;
import dev.sinkwire.it.ReliabilityFixtures.DeadLetterSink;
import dev.sinkwire.it.ReliabilityFixtures.Parcel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many producers firing CDI events into a small bounded queue: every event ends up delivered or
 * in the dead-letter sink exactly once, per-producer order is kept among the delivered ones, and
 * the stats balance. Both front ends, every non-blocking policy and block.
 */
class ReliabilityConcurrencyTest {

    private static final int PRODUCERS = 4;
    private static final int EVENTS = 500;

    @BeforeEach
    void reset() {
        ReliabilityFixtures.reset();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PORTABLE, reject", "PORTABLE, drop-oldest", "PORTABLE, fail", "PORTABLE, block",
            "LITE, reject", "LITE, drop-oldest", "LITE, fail", "LITE, block"})
    void everyEventIsDeliveredOrDeadLetteredExactlyOnce(Mode mode, String overflow) throws Exception {
        SinkwireStats stats;
        List<Thread> producers = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        try (TestContainer c = TestContainer.builder(mode).beans(Counting.class, DeadLetterSink.class)
                .config("sinkwire.sinks.counting.queue.capacity", "4")
                .config("sinkwire.sinks.counting.queue.overflow", overflow)
                .config("sinkwire.sinks.counting.dead-letter", "dlq")
                .config("sinkwire.sinks.dlq.async", "false")
                .config("sinkwire.dead-letter.events", "false").start()) {
            stats = c.get(SinkwireStats.class);
            CyclicBarrier start = new CyclicBarrier(PRODUCERS);
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                order.add(p);
            }
            Collections.shuffle(order, new Random(42));
            for (int p : order) {
                Thread t = new Thread(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < EVENTS; i++) {
                            c.weld().getBeanManager().getEvent().select(Parcel.class).fire(new Parcel(p + "-" + i));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "producer-" + p);
                producers.add(t);
                t.start();
            }
            for (Thread t : producers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
        } // shutdown drains the queue (default timeout 30 s)
        assertThat(errors).isEmpty();

        List<String> delivered = Counting.DELIVERED.stream().map(Parcel::id).toList();
        List<String> dead = DeadLetterSink.LETTERS.stream().map(l -> ((Parcel) l.event()).id()).toList();
        assertThat(DeadLetterSink.LETTERS).allSatisfy(l -> {
            assertThat(l.sink()).isEqualTo("counting");
            assertThat(l.reason()).isEqualTo(DropReason.OVERFLOW);
        });
        Set<String> all = new HashSet<>(delivered);
        all.addAll(dead);
        assertThat(delivered.size() + dead.size()).as("no duplicates").isEqualTo(PRODUCERS * EVENTS);
        assertThat(all).hasSize(PRODUCERS * EVENTS);
        // per-producer order among the delivered events
        Map<String, Integer> last = new HashMap<>();
        for (String id : delivered) {
            String producer = id.substring(0, id.indexOf('-'));
            int n = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            assertThat(n).as("order of producer " + producer).isGreaterThan(last.getOrDefault(producer, -1));
            last.put(producer, n);
        }

        SinkStats s = stats.of("counting");
        assertThat(s.pending()).isZero();
        assertThat(s.delivered()).isEqualTo(delivered.size());
        assertThat(s.accepted()).isEqualTo(s.delivered() + s.droppedTotal());
        if (overflow.equals("fail")) {
            assertThat(s.droppedTotal()).as("refused, not accepted: not counted as dropped").isZero();
            assertThat(s.accepted()).isEqualTo(delivered.size());
        } else {
            assertThat(s.dropped(DropReason.OVERFLOW)).isEqualTo(dead.size());
            assertThat(s.accepted()).isEqualTo(PRODUCERS * EVENTS);
        }
        if (overflow.equals("block")) {
            assertThat(dead).isEmpty();
        }
        assertThat(stats.of("dlq").delivered()).isEqualTo(dead.size());
        assertThat(DeadLetterSink.LETTERS).extracting(DeadLetter::attempts).allSatisfy(a -> assertThat(a).isZero());
    }
}
