/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.core.Breaker;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipelined {@link KafkaSink} under many writers with several batches in flight, retriable
 * failures injected into the producer and events that cannot be encoded mixed in: every event has
 * exactly one outcome, and no event of a key is sent after a failure of an earlier event of that key
 * was reported and before that event is sent again.
 */
class KafkaSinkPipelineStressTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    /** An event. */
    public record Item(String owner, int seq) {
    }

    /** An event with a key that JSON-B cannot serialize. */
    public static final class Poison {
        private final String owner;
        private final int seq;

        Poison(String owner, int seq) {
            this.owner = owner;
            this.seq = seq;
        }

        public String getOwner() {
            return owner;
        }

        public int getSeq() {
            return seq;
        }

        public String getValue() {
            throw new IllegalStateException("no JSON for " + owner + "/" + seq);
        }
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static boolean poison(int seq) {
        return seq % 50 == 25;
    }

    private static boolean injected(int seq) {
        return seq % 23 == 7 && !poison(seq);
    }

    // a fixed amount of acknowledged writes whose wall time grows with the machine's load; the
    // producer's own deadlines are past the bounds (KafkaBroker.unhurriedProducerProperties), so load
    // cannot expire a record into a failed attempt, and the bounds only turn a hang into a failure
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void manyWritersWithFailuresInFlightGetOneOutcomeEachAndRetriesAreNotOvertaken() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("pipeline", 4);
        int threads = 8;
        int perThread = 400;
        FaultyProducer faulty = new FaultyProducer(new KafkaProducer<>(broker.unhurriedProducerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer()));
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Queue<String> twice = new ConcurrentLinkedQueue<>();
        Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        AtomicInteger failedAttempts = new AtomicInteger();
        KafkaSink sink = KafkaSink.builder(faulty.proxy(), topic, JSONB).name("pipeline")
                .key(KeyExtractor.ofPath("owner", Item.class, Poison.class))
                .maxBatch(48) // far fewer than the events: the ring fills, many batches pass through it
                .retryStrategy(new Breaker(1, Duration.ZERO))
                .dropListener(l -> {
                    letters.add(l);
                    if (outcomes.putIfAbsent(id(l.event()), "dropped") != null) {
                        twice.add(id(l.event()));
                    }
                })
                .outcomes(e -> {
                    if (outcomes.putIfAbsent(id(e), "delivered") != null) {
                        twice.add(id(e));
                    }
                }, (e, t) -> failedAttempts.incrementAndGet())
                .build();

        CyclicBarrier start = new CyclicBarrier(threads);
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            order.add(t);
        }
        Collections.shuffle(order);
        List<Thread> writers = new ArrayList<>();
        for (int t : order) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    sink.write(poison(i) ? new Poison("w" + t, i) : new Item("w" + t, i));
                }
            });
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join();
        }
        // every event gets an outcome; wait for all of them before closing (close gives up after its
        // timeout and would turn a slow run into SHUTDOWN dead letters)
        int total = threads * perThread;
        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> assertThat(outcomes.size())
                .as("events with an outcome: %d of %d (%d dead letters)", outcomes.size(), total, letters.size())
                .isEqualTo(total));
        sink.close();

        int poisons = 0;
        int injectedCount = 0;
        for (int i = 0; i < perThread; i++) {
            poisons += poison(i) ? 1 : 0;
            injectedCount += injected(i) ? 1 : 0;
        }
        assertThat(twice).as("events reported twice").isEmpty();
        assertThat(outcomes).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(outcomes.get("w" + t + "/" + i)).as("w" + t + "/" + i)
                        .isEqualTo(poison(i) ? "dropped" : "delivered");
            }
        }
        assertThat(letters).hasSize(threads * poisons).allSatisfy(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.FAILED);
            assertThat(l.cause()).isInstanceOf(KafkaEncodingException.class);
        });
        assertThat(faulty.injected).hasSize(threads * injectedCount);
        assertThat(failedAttempts).hasValue(threads * (poisons + injectedCount));
        assertThat(faulty.violations).as("events sent before an earlier failed event of their key").isEmpty();

        int delivered = threads * (perThread - poisons);
        Map<String, List<Integer>> seqs = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.read(topic, delivered, Duration.ofMinutes(3))) {
            seqs.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(seq(r.value()));
        }
        assertThat(seqs).hasSize(threads);
        for (List<Integer> s : seqs.values()) {
            assertThat(new HashSet<>(s)).as("each event once").hasSize(perThread - poisons).hasSameSizeAs(s);
            // events never retried keep their write order (a retried one may follow later ones that
            // were in flight when its failure came)
            assertThat(s.stream().filter(q -> !injected(q)).toList()).isSortedAccordingTo(Integer::compare);
        }
    }

    private static String id(Object event) {
        if (event instanceof Item i) {
            return i.owner() + "/" + i.seq();
        }
        Poison p = (Poison) event;
        return p.getOwner() + "/" + p.getSeq();
    }

    private static int seq(byte[] value) {
        Matcher m = SEQ.matcher(new String(value, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * A producer that fails the first send of every event whose sequence number is
     * {@link #injected} with a retriable error, without sending it; the failure is reported on the
     * sink's sender thread at the end of the next send (while the sink is sending, as a callback of
     * the producer's I/O thread can come) or at the next {@code flush} (before the real flush), so
     * which sends come after a reported failure is known exactly. It records every send of an event of a key after a
     * reported failure of an earlier event of that key and before that event was sent again.
     */
    private static final class FaultyProducer implements InvocationHandler {
        private final KafkaProducer<byte[], byte[]> real;
        final Set<String> injected = ConcurrentHashMap.newKeySet();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        /** Guarded by this: failures not reported yet. */
        private final List<Object[]> pending = new ArrayList<>();
        /** Guarded by this: per key, the reported failures not sent again yet. */
        private final Map<String, Set<Integer>> failed = new HashMap<>();

        FaultyProducer(KafkaProducer<byte[], byte[]> real) {
            this.real = real;
        }

        @SuppressWarnings("unchecked")
        Producer<byte[], byte[]> proxy() {
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Producer.class}, this);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "FaultyProducer";
                };
            }
            if (method.getName().equals("send") && args.length == 2) {
                List<Object[]> earlier = due();
                Object answer = send((ProducerRecord<byte[], byte[]>) args[0], (Callback) args[1]);
                if (answer == null) {
                    answer = real.send((ProducerRecord<byte[], byte[]>) args[0], (Callback) args[1]);
                }
                report(earlier); // while the sink is sending: as a callback from the I/O thread would come
                return answer;
            } else if (method.getName().equals("flush")) {
                report();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** @return a future that never completes if this send fails, {@code null} to send it for real */
        private Object send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            int seq = seq(record.value());
            synchronized (this) {
                Set<Integer> open = failed.computeIfAbsent(key, k -> new HashSet<>());
                open.remove(seq); // sent again
                for (int f : open) {
                    if (f < seq) {
                        violations.add(key + "/" + seq + " sent while " + key + "/" + f + " waits for its retry");
                    }
                }
                if (injected(seq) && injected.add(key + "/" + seq)) {
                    pending.add(new Object[] {key, seq, callback});
                    return new CompletableFuture<RecordMetadata>();
                }
            }
            return null;
        }

        private void report() {
            report(due());
        }

        /** @return the failures not reported yet (of sends before this call) */
        private synchronized List<Object[]> due() {
            List<Object[]> now = new ArrayList<>(pending);
            pending.clear();
            return now;
        }

        private void report(List<Object[]> now) {
            synchronized (this) {
                for (Object[] p : now) {
                    failed.computeIfAbsent((String) p[0], k -> new HashSet<>()).add((Integer) p[1]);
                }
            }
            for (Object[] p : now) {
                ((Callback) p[2]).onCompletion(null, new TimeoutException("injected: " + p[0] + "/" + p[1]));
            }
        }
    }
}
