/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.BoundedTestSupport.GateSink;
import dev.sinkwire.core.BoundedTestSupport.GiveUpAfter;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SinkMeter} and {@link SinkStats}: every step counted once, and the invariant. */
class AccountingTest {

    private final SinkMeter meter = new SinkMeter("audit");
    private final Letters letters = new Letters();
    private final DropListener drops = meter.dropping(letters);

    /** Fails the first attempt of events starting with "once", every attempt of "never", none of the others. */
    private static final class Scripted extends RecordingSink<String> {
        private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        final AtomicLong throwsSeen = new AtomicLong();

        @Override
        public void write(String event) {
            if (event.startsWith("never") || (event.startsWith("once") && failedOnce.add(event))) {
                throwsSeen.incrementAndGet();
                throw new SinkException("scripted failure of " + event);
            }
            super.write(event);
        }
    }

    private Sink<String> chain(Sink<String> destination, int capacity, OverflowPolicy policy) {
        Queue.Builder<String> builder = Queue.builder(new RetryingSink<>(meter.delivering(destination),
                meter.retrying(new GiveUpAfter(2)), drops, new ManualTimekeeper()));
        if (capacity > 0) {
            builder.capacity(capacity).overflow(policy);
        }
        return meter.accepting(builder.name("audit").dropListener(drops).build());
    }

    @Test
    void aChainCountsAcceptedDeliveredFailedRetriedAndDropped() {
        Scripted destination = new Scripted();
        Sink<String> chain = chain(destination, 0, null);
        chain.write("ok");
        chain.write("once");
        chain.write("never");
        chain.close();

        SinkStats stats = meter.snapshot();
        assertThat(stats.sink()).isEqualTo("audit");
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.failedAttempts()).as("once: 1, never: 2").isEqualTo(3).isEqualTo(destination.throwsSeen.get());
        assertThat(stats.retried()).as("once's first failure, never's first failure").isEqualTo(2);
        assertThat(stats.dropped(DropReason.GAVE_UP)).isEqualTo(1);
        assertThat(stats.droppedTotal()).isEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(destination.events()).containsExactly("ok", "once");
        assertThat(letters.events()).containsExactly("never");
    }

    @Test
    void pendingCountsWhatIsQueuedOrBeingDelivered() throws InterruptedException {
        GateSink<String> gate = new GateSink<>();
        Sink<String> chain = chain(gate, 0, null);
        for (int i = 0; i < 4; i++) {
            chain.write("e" + i);
        }
        gate.awaitEntered();
        SinkStats held = meter.snapshot();
        assertThat(held.accepted()).isEqualTo(4);
        assertThat(held.delivered()).isZero();
        assertThat(held.pending()).isEqualTo(4);

        gate.open();
        chain.close();
        SinkStats done = meter.snapshot();
        assertThat(done.delivered()).isEqualTo(4);
        assertThat(done.pending()).isZero();
    }

    @Test
    void refusedWritesAreNotAccepted() throws InterruptedException {
        GateSink<String> gate = new GateSink<>();
        Sink<String> chain = chain(gate, 1, OverflowPolicy.FAIL);
        chain.write("0");
        gate.awaitEntered();
        chain.write("1");
        assertThatThrownBy(() -> chain.write("2")).isInstanceOf(QueueFullException.class);
        assertThatNullPointerException().isThrownBy(() -> chain.write(null));
        gate.open();
        chain.close();
        assertThatThrownBy(() -> chain.write("3")).isInstanceOf(SinkClosedException.class);

        SinkStats stats = meter.snapshot();
        assertThat(stats.accepted()).isEqualTo(2);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.pending()).isZero();
    }

    @Test
    void overflowIsAcceptedAndDroppedWithItsReason() throws InterruptedException {
        GateSink<String> gate = new GateSink<>();
        Sink<String> chain = chain(gate, 1, OverflowPolicy.DROP_OLDEST);
        chain.write("0");
        gate.awaitEntered();
        chain.write("1");
        chain.write("2"); // evicts "1"
        SinkStats during = meter.snapshot();
        assertThat(during.accepted()).isEqualTo(3);
        assertThat(during.dropped(DropReason.OVERFLOW)).isEqualTo(1);
        assertThat(during.pending()).as("0 in delivery, 2 queued").isEqualTo(2);
        gate.open();
        chain.close();
        SinkStats stats = meter.snapshot();
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.dropped(DropReason.OVERFLOW)).isEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(letters.events()).containsExactly("1");
    }

    /**
     * Writers race accepted, refused (full queue, policy {@code FAIL} or {@code BLOCK} with no
     * wait) and failing writes (a flaky destination, retried then given up) while two readers take
     * snapshots: in every snapshot the invariant holds with {@code pending >= 0}, and no counter
     * ever goes down; at the end every count is exact.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(OverflowPolicy.class)
    void snapshotsTakenWhileWritesRaceAreMonotonicKeepTheInvariantAndAreExactAtTheEnd(OverflowPolicy policy)
            throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        RecordingSink<String> recorded = new RecordingSink<>();
        AtomicLong destinationThrows = new AtomicLong();
        Sink<String> flaky = new Sink<>() {
            private final Random failures = new Random(seed);

            @Override
            public void write(String event) {
                boolean fail;
                synchronized (failures) { // called by the queue's one consumer, but keep it honest
                    fail = failures.nextInt(10) < 6;
                }
                if (fail) {
                    destinationThrows.incrementAndGet();
                    throw new SinkException("flaky");
                }
                recorded.write(event);
            }

            @Override
            public void close() {
                recorded.close();
            }
        };
        Queue.Builder<String> builder = Queue.builder(new RetryingSink<>(meter.delivering(flaky),
                meter.retrying(new GiveUpAfter(2)), drops, new ManualTimekeeper()))
                .name("audit").dropListener(drops).capacity(1 + random.nextInt(8)).overflow(policy);
        if (policy == OverflowPolicy.BLOCK) {
            builder.maxWait(Duration.ZERO); // refuses at once when full
        }
        Sink<String> chain = meter.accepting(builder.build());
        int writers = 3;
        int perWriter = 3_000;
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong snapshots = new AtomicLong();
        AtomicLong doneWriters = new AtomicLong();
        Concurrently run = new Concurrently();
        for (int w = 0; w < writers; w++) {
            String prefix = "w" + w + "-";
            run.add(prefix, () -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        try {
                            chain.write(prefix + i);
                            accepted.add(prefix + i);
                        } catch (QueueFullException full) {
                            refused.incrementAndGet(); // not accepted: must never be counted
                        }
                    }
                } finally {
                    if (doneWriters.incrementAndGet() == writers) {
                        writing.set(false);
                    }
                }
            });
        }
        for (int r = 0; r < 2; r++) {
            run.add("reader" + r, () -> {
                SinkStats previous = meter.snapshot();
                do {
                    SinkStats s = meter.snapshot();
                    snapshots.incrementAndGet();
                    String where = "seed " + seed + ", policy " + policy + ", " + previous + " then " + s;
                    assertThat(s.pending()).as("pending, %s", where).isNotNegative();
                    assertThat(s.accepted()).as("invariant, %s", where)
                            .isEqualTo(s.delivered() + s.droppedTotal() + s.pending());
                    assertThat(s.retried()).as("retried <= failedAttempts, %s", where)
                            .isLessThanOrEqualTo(s.failedAttempts());
                    assertThat(s.accepted()).as("accepted, %s", where).isGreaterThanOrEqualTo(previous.accepted());
                    assertThat(s.delivered()).as("delivered, %s", where).isGreaterThanOrEqualTo(previous.delivered());
                    assertThat(s.failedAttempts()).as("failedAttempts, %s", where)
                            .isGreaterThanOrEqualTo(previous.failedAttempts());
                    assertThat(s.retried()).as("retried, %s", where).isGreaterThanOrEqualTo(previous.retried());
                    for (DropReason reason : DropReason.values()) {
                        assertThat(s.dropped(reason)).as("dropped %s, %s", reason, where)
                                .isGreaterThanOrEqualTo(previous.dropped(reason));
                    }
                    previous = s;
                } while (writing.get());
            });
        }
        run.run(random, 60);
        chain.close();

        SinkStats end = meter.snapshot();
        String where = "seed " + seed + ", policy " + policy + ", " + end;
        assertThat(snapshots.get()).as("the readers took snapshots while writers wrote").isPositive();
        if (policy == OverflowPolicy.FAIL || policy == OverflowPolicy.BLOCK) {
            assertThat(refused.get() + accepted.size()).as(where).isEqualTo((long) writers * perWriter);
        }
        assertThat(end.accepted()).as(where).isEqualTo(accepted.size());
        assertThat(end.delivered()).as(where).isEqualTo(recorded.events().size());
        assertThat(end.failedAttempts()).as(where).isEqualTo(destinationThrows.get());
        assertThat(end.droppedTotal()).as(where).isEqualTo(letters.letters.size());
        assertThat(end.delivered() + end.droppedTotal()).as(where).isEqualTo(end.accepted());
        assertThat(end.pending()).as(where).isZero();
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        letters.letters.forEach(l -> byReason.merge(l.reason(), 1L, Long::sum));
        for (DropReason reason : DropReason.values()) {
            assertThat(end.dropped(reason)).as("%s, %s", reason, where).isEqualTo(byReason.getOrDefault(reason, 0L));
        }
    }

    /**
     * The case that used to make {@code accepted} step back: a snapshot taken while a write that
     * will be refused is in progress. The refused write is held inside the queue's entry while the
     * snapshot is taken; it is never counted, before or after.
     */
    @Test
    void aWriteThatIsRefusedIsNotCountedWhileInProgress() throws Exception {
        java.util.concurrent.CountDownLatch inWrite = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch mayRefuse = new java.util.concurrent.CountDownLatch(1);
        Sink<String> refusing = new Sink<>() {
            @Override
            public void write(String event) {
                inWrite.countDown();
                try {
                    mayRefuse.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new QueueFullException("refused " + event);
            }

            @Override
            public void close() {
            }
        };
        Sink<String> chain = meter.accepting(refusing);
        BoundedTestSupport.Running writer = BoundedTestSupport.async("writer", () -> chain.write("a"));
        inWrite.await();
        SinkStats during = meter.snapshot();
        mayRefuse.countDown();
        assertThat(BoundedTestSupport.failureOf(writer.done())).isInstanceOf(QueueFullException.class);
        SinkStats after = meter.snapshot();
        assertThat(during.accepted()).as("in progress, not yet accepted").isZero();
        assertThat(after.accepted()).as("refused, never accepted").isZero();
    }

    @Test
    void decoratorsCloseWhatTheyWrapAndKeepItsName() {
        RecordingSink<String> inner = new RecordingSink<>("inner");
        Sink<String> accepting = meter.accepting(inner);
        Sink<String> delivering = meter.delivering(new RecordingSink<String>("other"));
        assertThat(accepting).hasToString("inner");
        accepting.close();
        delivering.close();
        assertThat(inner.closes()).isEqualTo(1);
        assertThat(meter.retrying(new Breaker(1, java.time.Duration.ZERO)).toString()).startsWith("Breaker");
        assertThat(meter).hasToString("SinkMeter[audit]");
        assertThat(meter.sink()).isEqualTo("audit");
    }

    @Test
    void aCountingListenerForwardsAndSurvivesABrokenListener() {
        DropListener counting = meter.dropping(letter -> {
            throw new IllegalStateException("broken listener");
        });
        counting.dropped(new dev.sinkwire.DeadLetter("e", "audit", DropReason.CLOSED, null, 1));
        assertThat(meter.snapshot().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void meterRejectsBadArguments() {
        assertThatNullPointerException().isThrownBy(() -> new SinkMeter(null)).withMessage("sink must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new SinkMeter(" ")).withMessageContaining("sink");
        assertThatNullPointerException().isThrownBy(() -> meter.accepting(null)).withMessage("entry must not be null");
        assertThatNullPointerException().isThrownBy(() -> meter.delivering(null))
                .withMessage("destination must not be null");
        assertThatNullPointerException().isThrownBy(() -> meter.retrying(null)).withMessage("strategy must not be null");
        assertThatNullPointerException().isThrownBy(() -> meter.dropping(null)).withMessage("listener must not be null");
    }

    @Test
    void statsFillMissingReasonsAndAreImmutable() {
        SinkStats stats = new SinkStats("s", 10, 4, 7, 3, Map.of(DropReason.OVERFLOW, 2L, DropReason.SHUTDOWN, 1L));
        assertThat(stats.dropped()).containsOnlyKeys(DropReason.values());
        assertThat(stats.dropped(DropReason.FAILED)).isZero();
        assertThat(stats.droppedTotal()).isEqualTo(3);
        assertThat(stats.pending()).isEqualTo(3);
        assertThatThrownBy(() -> stats.dropped().put(DropReason.FAILED, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(List.copyOf(stats.dropped().keySet())).containsExactly(DropReason.values());
    }

    @Test
    void statsRejectBadValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SinkStats("s", -1, 0, 0, 0, Map.of()))
                .withMessage("accepted must be zero or positive, was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SinkStats("s", 0, 0, 0, 0, Map.of(DropReason.GAVE_UP, -2L)))
                .withMessageContaining("dropped[GAVE_UP]");
        assertThatNullPointerException().isThrownBy(() -> new SinkStats(null, 0, 0, 0, 0, Map.of()))
                .withMessage("sink must not be null");
        assertThatNullPointerException().isThrownBy(() -> new SinkStats("s", 0, 0, 0, 0, null))
                .withMessage("dropped must not be null");
    }
}
