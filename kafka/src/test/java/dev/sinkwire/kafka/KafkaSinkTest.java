/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static dev.sinkwire.core.internal.Checks.awaitUninterruptibly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.Breaker;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KafkaSink} without CDI: accounting, permanent failures, shutdown, concurrent writers. */
class KafkaSinkTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** An event. */
    public record Item(String owner, int seq) {
    }

    /** An event whose JSON-B serialization fails. */
    public static final class Broken {
        public String getValue() {
            throw new IllegalStateException("no JSON for you");
        }
    }

    /** An event nested so deeply that JSON-B overflows the stack serializing it. */
    public static final class Nested {
        private final Nested inner;

        Nested(Nested inner) {
            this.inner = inner;
        }

        public Nested getInner() {
            return inner;
        }

        static Nested deep(int depth) {
            Nested n = null;
            for (int i = 0; i < depth; i++) {
                n = new Nested(n);
            }
            return n;
        }
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static KafkaProducer<byte[], byte[]> producer(String servers, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("bootstrap.servers", servers, "acks", "all",
                "enable.idempotence", "true"));
        p.putAll(extra);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void anEventThatCannotBeEncodedIsDeadLetteredWithoutARequestAndTheNextOneGoesThrough() {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("encode", 1);
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (KafkaSink sink = KafkaSink.builder(producer(broker.bootstrapServers(), Map.of()), topic, JSONB)
                .name("enc").dropListener(letters::add).retryStrategy(new Breaker(1, Duration.ofMillis(10)))
                .outcomes(e -> delivered.incrementAndGet(), (e, t) -> failed.incrementAndGet()).build()) {
            sink.write(new Broken());
            sink.write(new Item("ann", 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == 1);
        }
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.FAILED);
            assertThat(l.attempts()).isZero();
            assertThat(l.cause()).isInstanceOf(KafkaEncodingException.class).hasMessageContaining(topic);
            assertThat(l.event()).isInstanceOf(Broken.class);
        });
        assertThat(failed).hasValue(1);
        assertThat(broker.read(topic, 1, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void anEventThatOverflowsTheStackWhileEncodedIsDeadLetteredAndTheSinkGoesOn() {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("deep", 1);
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        AtomicInteger delivered = new AtomicInteger();
        try (KafkaSink sink = KafkaSink.builder(producer(broker.bootstrapServers(), Map.of()), topic, JSONB)
                .name("deep").dropListener(letters::add).retryStrategy(new Breaker(1, Duration.ofMillis(10)))
                .outcomes(e -> delivered.incrementAndGet(), (e, t) -> { }).build()) {
            sink.write(new Item("ann", 1));
            sink.write(Nested.deep(200_000));
            sink.write(new Item("ann", 2));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.get() + letters.size() == 3);
            sink.write(new Item("ann", 3)); // still open: the sender did not die
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.get() == 3);
        }
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.FAILED);
            assertThat(l.attempts()).isZero();
            assertThat(l.cause()).isInstanceOf(KafkaEncodingException.class).hasCauseInstanceOf(StackOverflowError.class);
            assertThat(l.event()).isInstanceOf(Nested.class);
        });
        assertThat(broker.read(topic, 3, Duration.ofSeconds(30))).hasSize(3);
    }

    @Test
    void closeIsBoundedAndReportsWhatTheBrokerNeverAcknowledged() {
        // no broker listens there: every send fails (retriable), the breaker retries until close gives up
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        KafkaSink sink = KafkaSink.builder(producer("127.0.0.1:1", Map.of("max.block.ms", "100",
                "delivery.timeout.ms", "300", "request.timeout.ms", "200", "linger.ms", "0")), "nowhere", JSONB)
                .name("down").dropListener(letters::add).retryStrategy(new Breaker(1, Duration.ofMillis(20)))
                .outcomes(e -> { }, (e, t) -> failed.incrementAndGet()).closeTimeout(Duration.ofMillis(500))
                .build();
        for (int i = 0; i < 5; i++) {
            sink.write(new Item("bob", i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> failed.get() >= 1);
        sink.close();
        assertThat(letters).hasSize(5).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN));
        assertThatThrownBy(() -> sink.write(new Item("bob", 9))).isInstanceOf(SinkClosedException.class);
        sink.close(); // a second close is a no-op
        assertThat(letters).hasSize(5);
    }

    @Test
    void eventsLeftAtTheCloseTimeoutAreReportedOnAThreadThatIsNotInterrupted() {
        // close interrupts the sender when its timeout passed; the drop listener must not inherit that
        // interruption (NIO channels close on it: a listener writing dead letters to a file or an H2 database)
        Queue<Boolean> interrupted = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        KafkaSink sink = KafkaSink.builder(producer("127.0.0.1:1", Map.of("max.block.ms", "600000",
                "linger.ms", "0")), "nowhere", JSONB)
                .name("down").dropListener(l -> interrupted.add(Thread.currentThread().isInterrupted()))
                .retryStrategy(new Breaker(1, Duration.ofMillis(20)))
                .outcomes(e -> { }, (e, t) -> failed.incrementAndGet()).closeTimeout(Duration.ofMillis(200))
                .build();
        for (int i = 0; i < 5; i++) {
            sink.write(new Item("bob", i));
        }
        sink.close(); // the sender waits for metadata (max.block.ms): interrupted after the close timeout
        assertThat(interrupted).hasSize(5).containsOnly(false);
    }

    /** The dead letters' reasons and causes, each with how many letters have it. */
    private static Map<String, Long> deadLetterCauses(Queue<DeadLetter> letters) {
        return letters.stream().collect(Collectors.groupingBy(l -> l.reason() + ": " + l.cause(), TreeMap::new,
                Collectors.counting()));
    }

    // 4,000 acknowledged writes: a fixed amount of work whose wall time grows with the machine's
    // load (once over a minute at a load of 20). The producer's own deadlines are past the hang guards
    // (KafkaBroker.unhurriedProducerProperties), so load cannot expire a record into a dead letter; the
    // bounds below only turn a hang into a failure, which names how many events have an outcome.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void concurrentWritersAreAllAcknowledgedInOrderPerKey() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("stress", 4);
        int threads = 8;
        int perThread = 500;
        AtomicInteger delivered = new AtomicInteger();
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        Map<String, Object> config = new HashMap<>(broker.unhurriedProducerProperties());
        config.put("linger.ms", "1");
        try (KafkaSink sink = KafkaSink.builder(new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()), topic, JSONB).name("stress").key(KeyExtractor.ofPath("owner", Item.class))
                .maxBatch(64)
                .dropListener(letters::add).outcomes(e -> delivered.incrementAndGet(), (e, t) -> { }).build()) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> writers = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                order.add(t);
            }
            Collections.shuffle(order);
            for (int t : order) {
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        sink.write(new Item("w" + t, i));
                    }
                });
                writers.add(w);
                w.start();
            }
            for (Thread w : writers) {
                w.join();
            }
            // every event gets exactly one outcome; wait for all of them, then require that none was a dead letter
            int total = threads * perThread;
            await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> assertThat(delivered.get() + letters.size())
                    .as("outcomes: %d delivered + %d dead-lettered of %d", delivered.get(), letters.size(), total)
                    .isEqualTo(total));
        }
        assertThat(deadLetterCauses(letters)).as("dead letters, by reason and cause").isEmpty();
        assertThat(delivered).hasValue(threads * perThread);
        Map<String, List<Integer>> seqs = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.read(topic, threads * perThread, Duration.ofMinutes(3))) {
            Map<?, ?> envelope = JSONB.fromJson(new String(r.value(), StandardCharsets.UTF_8), Map.class);
            Map<?, ?> item = (Map<?, ?>) envelope.get("event");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(item.get("owner"));
            seqs.computeIfAbsent((String) item.get("owner"), k -> new ArrayList<>())
                    .add(((Number) item.get("seq")).intValue());
        }
        assertThat(seqs).hasSize(threads);
        seqs.values().forEach(s -> assertThat(s).hasSize(perThread).isSortedAccordingTo(Integer::compare));
    }

    // Writers race close(): a write either returns (the event is accepted and gets exactly one outcome) or
    // throws SinkClosedException (the event is not the sink's, and nothing is reported for it); once a
    // writer was refused, it is refused again. The broker is up and the close timeout is longer than the
    // hang guard, so everything accepted is acknowledged before close returns.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void writesRacingCloseAreEachAcceptedAndSettledOrRefused() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("race", 4);
        int threads = 8;
        Queue<Object> delivered = new ConcurrentLinkedQueue<>();
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        Map<String, Object> config = new HashMap<>(broker.unhurriedProducerProperties());
        config.put("linger.ms", "1");
        KafkaSink sink = KafkaSink.builder(new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()), topic, JSONB).name("race").key(KeyExtractor.ofPath("owner", Item.class))
                .maxBatch(64).closeTimeout(Duration.ofMinutes(15))
                .dropListener(letters::add).outcomes(delivered::add, (e, t) -> { }).build();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        List<List<Item>> acceptedBy = new ArrayList<>();
        List<AtomicInteger> refusedAfterRefusal = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Item> mine = new ArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            acceptedBy.add(mine);
            refusedAfterRefusal.add(refused);
            String owner = "w" + t;
            workers.add(new Thread(() -> {
                arrive(start);
                // until refused: close comes once 2,000 events were accepted; at most 2,000 each, so that a
                // descheduled closer (a loaded machine) bounds the work instead of letting the writers run on
                boolean refusedOnce = false;
                for (int i = 0; i < 2_000 && !refusedOnce; i++) {
                    Item item = new Item(owner, i);
                    try {
                        sink.write(item);
                    } catch (SinkClosedException e) {
                        refusedOnce = true;
                        continue;
                    }
                    mine.add(item);
                    if (accepted.incrementAndGet() == 2_000) {
                        enough.countDown();
                    }
                }
                if (!refusedOnce) {
                    awaitUninterruptibly(closed); // not refused yet: write again once close has returned
                }
                for (int k = 0; k < 10; k++) { // refused once, refused for good
                    try {
                        sink.write(new Item(owner, -1));
                    } catch (SinkClosedException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        Thread closer = new Thread(() -> {
            arrive(start);
            try {
                enough.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sink.close();
            closed.countDown();
        });
        workers.add(closer);
        Collections.shuffle(workers);
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        List<Item> all = acceptedBy.stream().flatMap(List::stream).toList();
        assertThat(deadLetterCauses(letters)).as("dead letters, by reason and cause").isEmpty();
        // close returned after the sender reported every accepted event: exactly once each, none refused
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(all);
        assertThat(refusedAfterRefusal).allSatisfy(r -> assertThat(r).hasValue(10));
        assertThatThrownBy(() -> sink.write(new Item("late", 0))).isInstanceOf(SinkClosedException.class);
        Map<String, List<Integer>> seqs = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.read(topic, all.size(), Duration.ofMinutes(3))) {
            Map<?, ?> item = (Map<?, ?>) JSONB.fromJson(new String(r.value(), StandardCharsets.UTF_8), Map.class)
                    .get("event");
            seqs.computeIfAbsent((String) item.get("owner"), k -> new ArrayList<>())
                    .add(((Number) item.get("seq")).intValue());
        }
        for (int t = 0; t < threads; t++) { // on the topic once each, in write order per key
            assertThat(seqs.getOrDefault("w" + t, List.of())).isEqualTo(acceptedBy.get(t).stream().map(Item::seq)
                    .toList());
        }
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
