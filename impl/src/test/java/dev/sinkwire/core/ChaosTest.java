/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.BoundedTestSupport.GiveUpAfter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Chaos: several producers write thousands of events into a {@link Broadcaster} feeding several
 * chains, {@code Queue (bounded or not, every overflow policy) -> RetryingSink (give up after N
 * failures, or a Breaker on a virtual clock) or no retry -> flaky sink}. The sinks fail 50-90% of
 * their writes with {@link SinkException} or another {@link RuntimeException}, some with
 * {@link Error}, some are slow; while the
 * producers write, chains are closed at random moments (with and without a shutdown deadline)
 * and producer and consumer threads are interrupted at random.
 *
 * <p>At the end, for every chain: every event offered to it was either accepted or refused (and
 * the refusal reported by the broadcaster), never both; every accepted event was delivered exactly
 * once or reported exactly once, with a reason that chain can produce; the delivered sequence is a
 * subsequence of the accepted sequence (the queue's single consumer keeps acceptance order, a
 * retry holds back the events behind it, drops only leave gaps), so each producer's events arrive
 * in the order it wrote them; the {@link SinkMeter} agrees with all of this and shows nothing
 * pending; and the dead-letter sink received every report, the same instances.
 *
 * <p>System properties: {@code sinkwire.chaos.seed} (the seed of round 0; round {@code r} uses
 * {@code seed + r}), {@code sinkwire.chaos.events} (events per producer per round, default 1500),
 * {@code sinkwire.chaos.rounds} (default 3). The seed fixes the graph, the failures and the chaos
 * plan; thread scheduling still varies from run to run. {@code -Dsinkwire.chaos.verbose=true} prints
 * each chain's {@link SinkStats} per round. Soak:
 * {@code -Dtest=ChaosTest -Dsinkwire.chaos.rounds=200 -Dsinkwire.chaos.events=20000}.
 */
class ChaosTest {

    private static final long SEED = Long.getLong("sinkwire.chaos.seed", 20261126L);
    private static final int EVENTS = Integer.getInteger("sinkwire.chaos.events", 1_500);
    private static final int ROUNDS = Integer.getInteger("sinkwire.chaos.rounds", 3);
    private static final int PRODUCERS = 4;

    /** One event: who wrote it and its place in that producer's sequence. */
    record Ev(int producer, int seq) {
    }

    /** A failure of a flaky sink: expected, frequent, so no stack trace. */
    static final class Flake extends SinkException {
        private static final long serialVersionUID = 1L;

        Flake() {
            super("flaky sink failed", null, false);
        }
    }

    /** An Error thrown by a sink: passes through RetryingSink unretried; the queue reports it. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("sink crashed", null, false, false);
        }
    }

    enum Retry { NONE, GIVE_UP, BREAKER }

    /** The shape of one chain. */
    record Spec(String name, int capacity, OverflowPolicy policy, Duration maxWait, Retry retry,
            double failRate, double crashShare, boolean slow) {

        Set<DropReason> possibleReasons(boolean closedWithDeadline) {
            Set<DropReason> reasons = EnumSet.of(DropReason.FAILED); // crashes, interrupted backoffs, no retry
            if (policy == OverflowPolicy.REJECT || policy == OverflowPolicy.DROP_OLDEST) {
                reasons.add(DropReason.OVERFLOW);
            }
            if (retry == Retry.GIVE_UP) {
                reasons.add(DropReason.GAVE_UP);
            }
            if (closedWithDeadline) {
                reasons.add(DropReason.SHUTDOWN);
            }
            return reasons;
        }
    }

    /** What happened to the events of one chain, as seen from outside the library. */
    static final class Ledger {
        final Spec spec;
        final SinkMeter meter;
        final List<Ev> offered = Collections.synchronizedList(new ArrayList<>());
        final List<Ev> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<Ev> deliveredOrder = Collections.synchronizedList(new ArrayList<>());
        final Map<Ev, AtomicInteger> delivered = new ConcurrentHashMap<>();
        final Map<Ev, DeadLetter> dropped = new ConcurrentHashMap<>();
        final List<DeadLetter> duplicateDrops = new CopyOnWriteArrayList<>();
        final List<DeadLetter> refused = new CopyOnWriteArrayList<>();
        final AtomicLong flakes = new AtomicLong();
        final AtomicBoolean closedWithDeadline = new AtomicBoolean();
        Queue<Ev> queue;

        Ledger(Spec spec) {
            this.spec = spec;
            this.meter = new SinkMeter(spec.name());
        }

        void dropped(DeadLetter letter) {
            if (dropped.putIfAbsent((Ev) letter.event(), letter) != null) {
                duplicateDrops.add(letter);
            }
        }
    }

    /** The flaky destination of one chain: records what it accepts; used by one consumer at a time. */
    static final class Flaky implements Sink<Ev> {
        private final Ledger ledger;
        private final Random random;
        private volatile boolean closed;

        Flaky(Ledger ledger, long seed) {
            this.ledger = ledger;
            this.random = new Random(seed);
        }

        @Override
        public void write(Ev event) {
            if (closed) {
                throw new SinkClosedException(ledger.spec.name() + " destination is closed");
            }
            double roll;
            long pause;
            synchronized (random) {
                roll = random.nextDouble();
                pause = ledger.spec.slow() && random.nextInt(4) == 0 ? 20_000 + random.nextInt(80_000) : 0;
            }
            if (pause > 0) {
                LockSupport.parkNanos(pause); // a slow receiver, not a wait for anything
            }
            if (roll < ledger.spec.failRate()) {
                ledger.flakes.incrementAndGet();
                if (roll < ledger.spec.failRate() * ledger.spec.crashShare()) {
                    throw new Crash();
                }
                if (roll < ledger.spec.failRate() * 0.6) {
                    throw new IllegalStateException("flaky sink failed"); // any RuntimeException, not only SinkException
                }
                throw new Flake();
            }
            ledger.deliveredOrder.add(event);
            ledger.delivered.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return ledger.spec.name();
        }
    }

    /** The chain's entry as the broadcaster sees it: notes what was offered and accepted. */
    static final class Entry implements Sink<Ev> {
        private final Ledger ledger;
        private final Sink<Ev> chain;

        Entry(Ledger ledger, Sink<Ev> chain) {
            this.ledger = ledger;
            this.chain = chain;
        }

        @Override
        public void write(Ev event) {
            ledger.offered.add(event);
            chain.write(event); // a throw: refused, and the broadcaster reports it
            ledger.accepted.add(event);
        }

        @Override
        public void close() {
            chain.close();
        }

        @Override
        public String toString() {
            return ledger.spec.name();
        }
    }

    @TestFactory
    Stream<DynamicTest> chaos() {
        return IntStream.range(0, ROUNDS).mapToObj(round -> DynamicTest.dynamicTest(
                "round " + round + " (seed " + (SEED + round) + ", " + EVENTS + " events per producer)",
                () -> new Round(SEED + round).run()));
    }

    /** One round: build a random graph, run producers and chaos, then check everything. */
    static final class Round {
        private final long seed;
        private final Random random;
        private final List<Ledger> ledgers = new ArrayList<>();
        private final List<Thread> consumers = new CopyOnWriteArrayList<>();
        private final List<Thread> producers = new CopyOnWriteArrayList<>();
        private final List<DeadLetter> reportedToDeadLetters = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Ledger> byName = new ConcurrentHashMap<>();

        Round(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        private List<Spec> specs() {
            List<Spec> specs = new ArrayList<>();
            specs.add(spec("unbounded-giveup", 0, null, null, Retry.GIVE_UP, 0.2));
            specs.add(spec("block-breaker", 1 + random.nextInt(32), OverflowPolicy.BLOCK, null, Retry.BREAKER, 0));
            specs.add(spec("block-maxwait-giveup", 1 + random.nextInt(8), OverflowPolicy.BLOCK,
                    Duration.ofNanos(random.nextInt(500_000)), Retry.GIVE_UP, 0.1));
            specs.add(spec("reject-noretry", 1 + random.nextInt(16), OverflowPolicy.REJECT, null, Retry.NONE, 0.3));
            specs.add(spec("dropoldest-giveup", 1 + random.nextInt(16), OverflowPolicy.DROP_OLDEST, null,
                    Retry.GIVE_UP, 0.2));
            specs.add(spec("fail-breaker", 1 + random.nextInt(16), OverflowPolicy.FAIL, null, Retry.BREAKER, 0.1));
            return specs;
        }

        private Spec spec(String name, int capacity, OverflowPolicy policy, Duration maxWait, Retry retry,
                double crashShare) {
            double failRate = 0.5 + 0.4 * random.nextDouble();
            return new Spec(name, capacity, policy, maxWait, retry, failRate, crashShare, random.nextBoolean());
        }

        void run() throws Exception {
            RecordingSink<DeadLetter> deadLetterStore = new RecordingSink<>("dead-letter-store");
            Queue<DeadLetter> deadLetters = Queue.<DeadLetter>builder(deadLetterStore).name("dead-letters").build();
            DropListener toDeadLetters = DropListeners.toSink(deadLetters);
            DropListener recordAndRoute = letter -> {
                reportedToDeadLetters.add(letter);
                toDeadLetters.dropped(letter);
            };

            List<Sink<Ev>> entries = new ArrayList<>();
            for (Spec spec : specs()) {
                Ledger ledger = new Ledger(spec);
                ledgers.add(ledger);
                byName.put(spec.name(), ledger);
                entries.add(new Entry(ledger, chain(ledger, recordAndRoute)));
            }
            Collections.shuffle(entries, random);
            DropListener broadcastRefusals = letter -> {
                byName.get(letter.sink()).refused.add(letter);
                recordAndRoute.dropped(letter);
            };
            @SuppressWarnings("unchecked")
            Broadcaster<Ev> broadcaster = new Broadcaster<>(broadcastRefusals, entries.toArray(new Sink[0]));

            int total = PRODUCERS * EVENTS;
            AtomicLong progress = new AtomicLong();
            AtomicInteger producing = new AtomicInteger(PRODUCERS);
            List<CountDownLatch> closeAt = new ArrayList<>();
            List<Ledger> toClose = new ArrayList<>(ledgers);
            Collections.shuffle(toClose, random);
            toClose = toClose.subList(0, 2 + random.nextInt(2));
            for (int i = 0; i < toClose.size(); i++) {
                closeAt.add(new CountDownLatch(total / 10 + random.nextInt(total * 7 / 10)));
            }
            long interruptSeed = random.nextLong();

            Concurrently run = new Concurrently();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                run.add("producer-" + p, () -> {
                    producers.add(Thread.currentThread());
                    try {
                        for (int seq = 0; seq < EVENTS; seq++) {
                            broadcaster.write(new Ev(producer, seq)); // fails only once closed: never here
                            Thread.interrupted(); // an interrupt is meant for one write at most
                            progress.incrementAndGet();
                            closeAt.forEach(CountDownLatch::countDown);
                        }
                    } finally {
                        producing.decrementAndGet();
                        Thread.interrupted();
                    }
                });
            }
            List<Ledger> closing = toClose;
            run.add("closer", () -> {
                Random r = new Random(seed ^ 0xC105E);
                for (int i = 0; i < closing.size(); i++) {
                    if (!closeAt.get(i).await(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("producers made no progress");
                    }
                    Ledger ledger = closing.get(i);
                    switch (r.nextInt(3)) {
                        case 0 -> ledger.queue.close();
                        case 1 -> {
                            ledger.closedWithDeadline.set(true);
                            ledger.queue.close(Duration.ZERO);
                        }
                        default -> {
                            ledger.closedWithDeadline.set(true);
                            ledger.queue.close(Duration.ofNanos(r.nextInt(2_000_000)));
                        }
                    }
                }
            });
            run.add("interrupter", () -> {
                Random r = new Random(interruptSeed);
                while (producing.get() > 0) {
                    LockSupport.parkNanos(50_000 + r.nextInt(450_000)); // chaos pacing, not a wait for anything
                    List<Thread> targets = r.nextBoolean() ? producers : consumers;
                    if (!targets.isEmpty()) {
                        targets.get(r.nextInt(targets.size())).interrupt();
                    }
                }
            });
            run.run(random, 60);

            broadcaster.close(); // closes (and so flushes) every chain still attached
            deadLetters.close(); // last: every chain has reported everything by now
            assertThat(progress.get()).isEqualTo(total);

            for (Ledger ledger : ledgers) {
                check(ledger);
                if (Boolean.getBoolean("sinkwire.chaos.verbose")) {
                    System.out.printf("chaos seed %d: %s refused=%d closedWithDeadline=%s %s%n", seed, ledger.spec.name(),
                        ledger.refused.size(), ledger.closedWithDeadline.get(), ledger.meter.snapshot());
                }
            }
            checkDeadLetters(deadLetterStore);
        }

        private Sink<Ev> chain(Ledger ledger, DropListener recordAndRoute) {
            Spec spec = ledger.spec;
            SinkMeter meter = ledger.meter;
            DropListener drops = meter.dropping(DropListeners.all(ledger::dropped, recordAndRoute));
            Sink<Ev> destination = meter.delivering(new Flaky(ledger, random.nextLong()));
            Sink<Ev> inner = switch (spec.retry()) {
                case NONE -> destination;
                case GIVE_UP -> new RetryingSink<>(destination, meter.retrying(new GiveUpAfter(2 + random.nextInt(4))),
                        drops, new ManualTimekeeper());
                case BREAKER -> {
                    ManualTimekeeper clock = new ManualTimekeeper();
                    RetryStrategy breaker = new Breaker(1 + random.nextInt(3), Duration.ofSeconds(1), clock);
                    yield new RetryingSink<>(destination, meter.retrying(breaker), drops, clock);
                }
            };
            Queue.Builder<Ev> builder = Queue.builder(inner).name(spec.name()).dropListener(drops)
                    .threadFactory(task -> {
                        Thread thread = new Thread(task, "chaos-" + spec.name());
                        thread.setDaemon(true);
                        consumers.add(thread);
                        return thread;
                    });
            if (spec.capacity() > 0) {
                builder.capacity(spec.capacity()).overflow(spec.policy());
                if (spec.maxWait() != null) {
                    builder.maxWait(spec.maxWait());
                }
            }
            ledger.queue = builder.build();
            return meter.accepting(ledger.queue);
        }

        private void check(Ledger l) {
            String ctx = "chain " + l.spec + ", seed " + seed;
            List<Ev> accepted = List.copyOf(l.accepted);
            Set<Ev> acceptedSet = new HashSet<>(accepted);
            assertThat(acceptedSet).as("accepted once each: %s", ctx).hasSize(accepted.size());

            // offered = accepted + refused, disjoint; a refusal is reported by the broadcaster
            Set<Ev> refused = new HashSet<>();
            for (DeadLetter letter : l.refused) {
                assertThat(refused.add((Ev) letter.event())).as("refusal reported once: %s", ctx).isTrue();
                assertThat(letter.reason()).as(ctx).isIn(DropReason.FAILED, DropReason.CLOSED);
            }
            assertThat(intersection(refused, acceptedSet)).as("refused events were not accepted: %s", ctx).isEmpty();
            Set<Ev> offered = new HashSet<>(l.offered);
            Set<Ev> acceptedOrRefused = new HashSet<>(acceptedSet);
            acceptedOrRefused.addAll(refused);
            assertThat(acceptedOrRefused).as("every offered event accepted or refused: %s", ctx).isEqualTo(offered);

            // every accepted event delivered exactly once or dropped exactly once, never both
            assertThat(l.duplicateDrops).as("no event reported twice: %s", ctx).isEmpty();
            l.delivered.forEach((ev, n) -> assertThat(n.get()).as("%s delivered once: %s", ev, ctx).isEqualTo(1));
            assertThat(intersection(l.delivered.keySet(), l.dropped.keySet()))
                    .as("delivered but also dropped: %s", ctx).isEmpty();
            Set<Ev> outcome = new HashSet<>(l.delivered.keySet());
            outcome.addAll(l.dropped.keySet());
            assertThat(outcome).as("delivered + dropped = accepted: %s", ctx).isEqualTo(acceptedSet);

            // reasons this chain can produce, each letter naming the chain
            Set<DropReason> possible = l.spec.possibleReasons(l.closedWithDeadline.get());
            for (DeadLetter letter : l.dropped.values()) {
                assertThat(letter.reason()).as("reason of %s: %s", letter, ctx).isIn(possible);
                assertThat(letter.sink()).as(ctx).isEqualTo(l.spec.name());
            }

            // order: the delivered sequence is a subsequence of the accepted sequence
            List<Ev> deliveredOrder = List.copyOf(l.deliveredOrder);
            int i = 0;
            for (Ev ev : deliveredOrder) {
                while (i < accepted.size() && !accepted.get(i).equals(ev)) {
                    i++;
                }
                assertThat(i).as("%s delivered out of acceptance order: %s", ev, ctx).isLessThan(accepted.size());
                i++;
            }
            int[] lastSeq = new int[PRODUCERS];
            java.util.Arrays.fill(lastSeq, -1);
            for (Ev ev : deliveredOrder) {
                assertThat(ev.seq()).as("producer %d order: %s", ev.producer(), ctx).isGreaterThan(lastSeq[ev.producer()]);
                lastSeq[ev.producer()] = ev.seq();
            }

            // the meter agrees
            SinkStats stats = l.meter.snapshot();
            assertThat(stats.accepted()).as("the chain saw traffic (not a vacuous round): %s", ctx).isPositive();
            assertThat(stats.failedAttempts()).as("the chain saw failures: %s", ctx).isPositive();
            assertThat(stats.accepted()).as("meter accepted: %s", ctx).isEqualTo(accepted.size());
            assertThat(stats.delivered()).as("meter delivered: %s", ctx).isEqualTo(l.delivered.size());
            assertThat(stats.failedAttempts()).as("meter failed attempts: %s", ctx).isEqualTo(l.flakes.get());
            assertThat(stats.retried()).as(ctx).isLessThanOrEqualTo(stats.failedAttempts());
            if (l.spec.retry() == Retry.NONE) {
                assertThat(stats.retried()).as(ctx).isZero();
            }
            Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
            l.dropped.values().forEach(letter -> byReason.merge(letter.reason(), 1L, Long::sum));
            for (DropReason reason : DropReason.values()) {
                assertThat(stats.dropped(reason)).as("meter dropped %s: %s", reason, ctx)
                        .isEqualTo(byReason.getOrDefault(reason, 0L));
            }
            assertThat(stats.pending()).as("nothing pending after close: %s", ctx).isZero();
            assertThat(stats.delivered() + stats.droppedTotal()).as(ctx).isEqualTo(stats.accepted());
        }

        private static Set<Ev> intersection(Set<Ev> a, Set<Ev> b) {
            Set<Ev> both = new HashSet<>(a);
            both.retainAll(b);
            return both;
        }

        private void checkDeadLetters(RecordingSink<DeadLetter> store) {
            Map<DeadLetter, Boolean> reported = new IdentityHashMap<>();
            synchronized (reportedToDeadLetters) {
                reportedToDeadLetters.forEach(letter -> reported.put(letter, Boolean.TRUE));
            }
            List<DeadLetter> stored = store.events();
            Map<DeadLetter, Boolean> storedSet = new IdentityHashMap<>();
            stored.forEach(letter -> storedSet.put(letter, Boolean.TRUE));
            assertThat(stored).as("seed %d", seed).hasSize(reported.size());
            assertThat(storedSet.keySet()).as("the dead-letter sink got the very letters reported, seed %d", seed)
                    .hasSize(stored.size());
            for (DeadLetter letter : stored) {
                assertThat(reported).as("seed %d", seed).containsKey(letter);
            }
        }
    }
}
