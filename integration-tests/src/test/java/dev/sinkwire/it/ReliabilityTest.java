/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.QueueFullException;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.it.ReliabilityFixtures.Broken;
import dev.sinkwire.it.ReliabilityFixtures.DeadLetterSink;
import dev.sinkwire.it.ReliabilityFixtures.Flaky;
import dev.sinkwire.it.ReliabilityFixtures.Gated;
import dev.sinkwire.it.ReliabilityFixtures.Parcel;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bounded queues, dead-letter routing, the stats bean and the shutdown deadline, configured
 * through {@code sinkwire.*} keys, in both front ends. Latches hold the sinks; nothing sleeps.
 */
class ReliabilityTest {

    private static final Parcel P1 = new Parcel("p1");
    private static final Parcel P2 = new Parcel("p2");
    private static final Parcel P3 = new Parcel("p3");

    @BeforeEach
    void reset() {
        ReliabilityFixtures.reset();
    }

    private static void fire(TestContainer c, Parcel p) {
        c.weld().getBeanManager().getEvent().select(Parcel.class).fire(p);
    }

    /** Fires p1 and waits until the consumer holds it at the gate (the queue is empty), then fires p2 (queued). */
    private static void fillQueueOfOne(TestContainer c) throws InterruptedException {
        fire(c, P1);
        assertThat(Gated.entered.await(10, TimeUnit.SECONDS)).as("p1 reached the gate").isTrue();
        fire(c, P2);
    }

    private static TestContainer.Builder gated(Mode mode, String overflow) {
        return TestContainer.builder(mode).beans(Gated.class, DeadLetterSink.class)
                .config("sinkwire.sinks.gated.queue.capacity", "1")
                .config("sinkwire.sinks.gated.queue.overflow", overflow)
                .config("sinkwire.sinks.gated.dead-letter", "dlq")
                .config("sinkwire.sinks.dlq.async", "false") // letters arrive before the overflowing write returns
                .config("sinkwire.shutdown.timeout", "1s"); // a failed test must not hold shutdown for 30 s
    }

    /** Waits until nothing is pending, then checks the invariant and returns the stats. */
    private static SinkStats settled(SinkwireStats stats, String sink) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stats.of(sink).pending() == 0);
        SinkStats s = stats.of(sink);
        assertThat(s.accepted()).as("accepted = delivered + dropped + pending")
                .isEqualTo(s.delivered() + s.droppedTotal() + s.pending());
        return s;
    }

    private static void assertLetter(DeadLetter letter, Parcel event, String sink, DropReason reason) {
        assertThat(letter.event()).isEqualTo(event);
        assertThat(letter.sink()).isEqualTo(sink);
        assertThat(letter.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rejectKeepsTheQueuedEventsAndRoutesTheNewOneToTheDeadLetterSink(Mode mode) throws Exception {
        try (TestContainer c = gated(mode, "reject").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            fillQueueOfOne(c);
            fire(c, P3); // the queue is full: accepted, then reported at once

            assertThat(DeadLetterSink.LETTERS).singleElement()
                    .satisfies(l -> assertLetter(l, P3, "gated", DropReason.OVERFLOW));
            Gated.release.countDown();
            SinkStats s = settled(stats, "gated");
            assertThat(Gated.DELIVERED).containsExactly(P1, P2);
            assertThat(s.accepted()).isEqualTo(3);
            assertThat(s.delivered()).isEqualTo(2);
            assertThat(s.dropped(DropReason.OVERFLOW)).isEqualTo(1);
            assertThat(s.droppedTotal()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void dropOldestEvictsTheQueuedEventToTheDeadLetterSink(Mode mode) throws Exception {
        try (TestContainer c = gated(mode, "drop-oldest").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            fillQueueOfOne(c);
            fire(c, P3); // evicts p2

            assertThat(DeadLetterSink.LETTERS).singleElement()
                    .satisfies(l -> assertLetter(l, P2, "gated", DropReason.OVERFLOW));
            Gated.release.countDown();
            SinkStats s = settled(stats, "gated");
            assertThat(Gated.DELIVERED).containsExactly(P1, P3);
            assertThat(s.accepted()).isEqualTo(3);
            assertThat(s.delivered()).isEqualTo(2);
            assertThat(s.dropped(DropReason.OVERFLOW)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failRefusesTheNewEvent(Mode mode) throws Exception {
        try (TestContainer c = gated(mode, "FAIL").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            Sink<?> chain = c.get(new TypeLiteral<Sink<?>>() { }, SinkChain.Literal.of("gated"));
            fillQueueOfOne(c);
            // a direct write sees the refusal
            @SuppressWarnings("unchecked")
            Sink<Object> direct = (Sink<Object>) chain;
            assertThatThrownBy(() -> direct.write(P3)).isInstanceOf(QueueFullException.class);
            assertThat(DeadLetterSink.LETTERS).isEmpty();
            // a CDI event cannot throw at the code that fired it: the refusal is reported as OVERFLOW
            fire(c, P3);
            assertThat(DeadLetterSink.LETTERS).singleElement().satisfies(l -> {
                assertLetter(l, P3, "gated", DropReason.OVERFLOW);
                assertThat(l.cause()).isInstanceOf(QueueFullException.class);
            });

            Gated.release.countDown();
            SinkStats s = settled(stats, "gated");
            assertThat(Gated.DELIVERED).containsExactly(P1, P2);
            assertThat(s.accepted()).as("refused writes are not accepted").isEqualTo(2);
            assertThat(s.delivered()).isEqualTo(2);
            assertThat(s.droppedTotal()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void blockWithMaxWaitRefusesTheEventWhenTheWaitRunsOut(Mode mode) throws Exception {
        try (TestContainer c = gated(mode, "block").config("sinkwire.sinks.gated.queue.max-wait", "50ms").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            fillQueueOfOne(c);
            fire(c, P3); // waits at most 50 ms for room, then gives up

            assertThat(DeadLetterSink.LETTERS).singleElement().satisfies(l -> {
                assertLetter(l, P3, "gated", DropReason.OVERFLOW);
                assertThat(l.cause()).isInstanceOf(QueueFullException.class);
            });
            Gated.release.countDown();
            SinkStats s = settled(stats, "gated");
            assertThat(Gated.DELIVERED).containsExactly(P1, P2);
            assertThat(s.accepted()).isEqualTo(2);
            assertThat(s.delivered()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void blockHoldsTheFiringThreadUntilThereIsRoom(Mode mode) throws Exception {
        // no overflow key: block is the default once a capacity is set
        try (TestContainer c = TestContainer.builder(mode).beans(Gated.class)
                .config("sinkwire.sinks.gated.queue.capacity", "1")
                .config("sinkwire.shutdown.timeout", "1s").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            fillQueueOfOne(c);
            Thread producer = new Thread(() -> fire(c, P3), "blocked-producer");
            producer.start();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> producer.getState() == Thread.State.WAITING);
            assertThat(Gated.DELIVERED).as("nothing passed the gate yet").isEmpty();

            Gated.release.countDown();
            producer.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(producer.isAlive()).isFalse();
            SinkStats s = settled(stats, "gated");
            assertThat(Gated.DELIVERED).containsExactly(P1, P2, P3);
            assertThat(s.accepted()).isEqualTo(3);
            assertThat(s.delivered()).isEqualTo(3);
            assertThat(s.droppedTotal()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void statsCountRetriesFailuresAndDropsPerSink(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Flaky.class, Broken.class, DeadLetterSink.class)
                .config("sinkwire.sinks.flaky.retry.strategy", "breaker")
                .config("sinkwire.sinks.flaky.retry.threshold", "5")
                .config("sinkwire.sinks.flaky.retry.backoff", "0ms")
                .config("sinkwire.dead-letter.events", "false")
                .config("sinkwire.dead-letter", "dlq").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            int n = 20;
            for (int i = 0; i < n; i++) {
                fire(c, new Parcel("s-" + i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Flaky.DELIVERED.size() == n);

            SinkStats flaky = settled(stats, "flaky");
            assertThat(flaky.accepted()).isEqualTo(n);
            assertThat(flaky.delivered()).isEqualTo(n);
            assertThat(flaky.failedAttempts()).isEqualTo(n);
            assertThat(flaky.retried()).isEqualTo(n);
            assertThat(flaky.droppedTotal()).isZero();

            SinkStats broken = settled(stats, "broken");
            assertThat(broken.accepted()).isEqualTo(n);
            assertThat(broken.delivered()).isZero();
            assertThat(broken.failedAttempts()).isEqualTo(n);
            assertThat(broken.retried()).isZero();
            assertThat(broken.dropped(DropReason.FAILED)).isEqualTo(n);
            // the global dead-letter sink received broken's letters (CDI DeadLetter events are off)
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> DeadLetterSink.LETTERS.size() == n);
            assertThat(DeadLetterSink.LETTERS).allSatisfy(l -> {
                assertThat(l.sink()).isEqualTo("broken");
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
            });
            SinkStats dlq = settled(stats, "dlq");
            assertThat(dlq.accepted()).isEqualTo(n);
            assertThat(dlq.delivered()).isEqualTo(n);

            assertThat(stats.names()).containsExactlyInAnyOrder("flaky", "broken", "dlq");
            assertThat(stats.all()).containsOnlyKeys("flaky", "broken", "dlq");
            assertThat(stats.all().get("flaky").delivered()).isEqualTo(n);
            assertThatThrownBy(() -> stats.of("flakey")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no sink named 'flakey'; known sinks: ");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRoutedDeadLetterReachesTheDeadLetterSinkOnceAndIsStillFiredAsACdiEvent(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Broken.class, DeadLetterSink.class, DeadLetters.class)
                .config("sinkwire.sinks.broken.async", "false")
                .config("sinkwire.sinks.broken.dead-letter", "dlq").start()) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            List<DeadLetter> observed = c.get(DeadLetters.class).letters();
            fire(c, P1);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !DeadLetterSink.LETTERS.isEmpty());
            settled(stats, "dlq");
            assertThat(DeadLetterSink.LETTERS).as("routed, and the CDI event is not delivered to it again")
                    .singleElement().satisfies(l -> assertLetter(l, P1, "broken", DropReason.FAILED));
            assertThat(observed).as("other DeadLetter observers still see it").singleElement()
                    .satisfies(l -> assertLetter(l, P1, "broken", DropReason.FAILED));
            assertThat(stats.of("dlq").accepted()).isEqualTo(1);
            // a synchronous write that throws is not accepted by the chain: a failed attempt, not a drop
            SinkStats broken = stats.of("broken");
            assertThat(broken.accepted()).isZero();
            assertThat(broken.failedAttempts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsLeftAtTheShutdownDeadlineGoToTheDeadLetterSinkWithReasonShutdown(Mode mode) throws Exception {
        SinkwireStats stats;
        try (TestContainer c = TestContainer.builder(mode).beans(Gated.class, DeadLetterSink.class)
                .config("sinkwire.shutdown.timeout", "100ms")
                .config("sinkwire.sinks.gated.dead-letter", "dlq")
                .config("sinkwire.sinks.dlq.async", "false").start()) {
            stats = c.get(SinkwireStats.class);
            fire(c, P1);
            assertThat(Gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
            fire(c, P2);
            fire(c, P3);
            // the gate never opens: at the deadline p1 (in flight) and p2, p3 (queued) are abandoned
        }
        assertThat(Gated.DELIVERED).isEmpty();
        assertThat(DeadLetterSink.LETTERS).extracting(DeadLetter::event).containsExactlyInAnyOrder(P1, P2, P3);
        assertThat(DeadLetterSink.LETTERS).allSatisfy(l -> {
            assertThat(l.sink()).isEqualTo("gated");
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
        });
        SinkStats s = stats.of("gated");
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.delivered()).isZero();
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(3);
        assertThat(s.pending()).isZero();
        assertThat(stats.of("dlq").delivered()).isEqualTo(3);
    }
}
