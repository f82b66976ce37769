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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

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

    @RepeatedTest(3)
    void snapshotsTakenWhileEventsFlowAreConservativeAndExactAtTheEnd() throws InterruptedException {
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
        Sink<String> chain = chain(flaky, 1 + random.nextInt(16), OverflowPolicy.values()[random.nextInt(4)]);
        int writers = 4;
        int perWriter = 3_000;
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong snapshots = new AtomicLong();
        Concurrently run = new Concurrently();
        AtomicLong doneWriters = new AtomicLong();
        for (int w = 0; w < writers; w++) {
            String prefix = "w" + w + "-";
            run.add(prefix, () -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        try {
                            chain.write(prefix + i);
                            accepted.add(prefix + i);
                        } catch (QueueFullException refused) {
                            // FAIL policy: not accepted, must not be counted
                        }
                    }
                } finally {
                    if (doneWriters.incrementAndGet() == writers) {
                        writing.set(false);
                    }
                }
            });
        }
        run.add("reader", () -> {
            SinkStats previous = meter.snapshot();
            while (writing.get()) {
                SinkStats s = meter.snapshot();
                snapshots.incrementAndGet();
                assertThat(s.pending()).as("pending in %s", s).isNotNegative();
                assertThat(s.retried()).as("retried in %s", s).isLessThanOrEqualTo(s.failedAttempts());
                // accepted = offered - refused: a write in flight is counted as offered, and may be
                // refused (FAIL policy) before the next snapshot, so accepted may step back by the
                // number of writes in flight; it never falls below what was settled before.
                assertThat(s.accepted()).isGreaterThanOrEqualTo(previous.accepted() - writers);
                assertThat(s.delivered()).isGreaterThanOrEqualTo(previous.delivered());
                assertThat(s.droppedTotal()).isGreaterThanOrEqualTo(previous.droppedTotal());
                previous = s;
            }
        });
        run.run(random, 60);
        chain.close();

        SinkStats end = meter.snapshot();
        assertThat(snapshots.get()).as("the reader took snapshots while writers wrote").isPositive();
        assertThat(end.accepted()).as("seed %d", seed).isEqualTo(accepted.size());
        assertThat(end.delivered()).isEqualTo(recorded.events().size());
        assertThat(end.failedAttempts()).isEqualTo(destinationThrows.get());
        assertThat(end.droppedTotal()).isEqualTo(letters.letters.size());
        assertThat(end.delivered() + end.droppedTotal()).isEqualTo(end.accepted());
        assertThat(end.pending()).isZero();
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        letters.letters.forEach(l -> byReason.merge(l.reason(), 1L, Long::sum));
        for (DropReason reason : DropReason.values()) {
            assertThat(end.dropped(reason)).as("%s", reason).isEqualTo(byReason.getOrDefault(reason, 0L));
        }
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
