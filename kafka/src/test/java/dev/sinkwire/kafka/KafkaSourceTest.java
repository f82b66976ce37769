/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static dev.sinkwire.core.internal.Checks.awaitUninterruptibly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KafkaSource} without CDI: what a handler's failure or a hostile record does to the polling thread. */
@Timeout(300)
class KafkaSourceTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final KafkaBroker BROKER = KafkaBroker.shared();

    /** An event. */
    public record Item(String owner, int seq) {
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static void send(String topic, String... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(BROKER.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String item(int seq) {
        return JSONB.toJson(new Item("ann", seq));
    }

    private static String envelope(String event) {
        return "{\"id\":\"x\",\"timestamp\":\"t\",\"type\":\"x\",\"event\":" + event + "}";
    }

    private static KafkaSource source(String topic, boolean bare, Consumer<Object> handler) {
        return source(consumer("g-" + UUID.randomUUID()), topic, bare, handler);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaSource source(KafkaConsumer<byte[], byte[]> consumer, String topic, boolean bare,
            Consumer<Object> handler) {
        return KafkaSource.builder(consumer, topic, JSONB, handler).name("t").bare(bare).defaultType(Item.class)
                .retryBackoff(Duration.ofMillis(20)).build();
    }

    private static long committed(Admin admin, String group, TopicPartition tp) throws Exception {
        OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
        return o == null ? -1 : o.offset();
    }

    @Test
    void aHandlerThrowingAnErrorHoldsItsRecordAndTheSourceGoesOn() throws Exception {
        String topic = BROKER.newTopic("error", 1);
        send(topic, item(0), item(1), item(2));
        Queue<Integer> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean thrown = new AtomicBoolean();
        KafkaSource source = source(topic, true, e -> {
            int seq = ((Item) e).seq();
            attempts.add(seq);
            if (seq == 1 && thrown.compareAndSet(false, true)) {
                throw new AssertionError("an observer's Error, not a RuntimeException");
            }
        });
        source.start();
        try {
            // the record is handed over again, as after a RuntimeException; the polling thread does not die
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts.contains(2));
            assertThat(List.copyOf(attempts)).containsExactly(0, 1, 1, 2);
        } finally {
            assertThat(source.stop(Duration.ofSeconds(60))).isTrue();
        }
    }

    @Test
    void aDeeplyNestedRecordIsAPoisonRecordAndThePartitionMovesOn() throws Exception {
        String topic = BROKER.newTopic("deep", 1);
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        send(topic, envelope(item(0)), "{\"type\":\"x\",\"event\":" + deep + "}", envelope(item(1)));
        Queue<Integer> handled = new ConcurrentLinkedQueue<>();
        KafkaSource source = source(topic, false, e -> handled.add(((Item) e).seq()));
        source.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains(1));
            assertThat(List.copyOf(handled)).containsExactly(0, 1);
        } finally {
            assertThat(source.stop(Duration.ofSeconds(60))).isTrue();
        }
    }

    @Test
    void stopInTheMiddleOfABatchCommitsWhatWasHandedOverAndNothingAfterItAndClosesTheConsumer() throws Exception {
        String topic = BROKER.newTopic("stop", 1);
        for (int i = 0; i < 10; i++) {
            send(topic, item(i));
        }
        String group = "g-" + topic;
        Queue<Integer> handled = new ConcurrentLinkedQueue<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer = consumer(group);
        KafkaSource source = source(consumer, topic, true, e -> {
            int seq = ((Item) e).seq();
            if (seq == 3) {
                inside.countDown();
                awaitUninterruptibly(release);
            }
            handled.add(seq);
        });
        source.start();
        assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = new Thread(() -> stopped.set(source.stop(Duration.ofSeconds(120))));
        stopper.start();
        // stop() flags the thread at once, then joins it (its only timed wait): record 3 is still being handed over
        await().atMost(Duration.ofSeconds(60)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join();
        assertThat(stopped).isTrue(); // the polling thread ended
        assertThat(List.copyOf(handled)).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(consumer::assignment).isInstanceOf(IllegalStateException.class); // closed
        try (Admin admin = Admin.create(BROKER.clientProperties())) {
            assertThat(committed(admin, group, new TopicPartition(topic, 0))).isEqualTo(4);
        }
        Queue<Integer> next = new ConcurrentLinkedQueue<>();
        KafkaSource again = source(consumer(group), topic, true, e -> next.add(((Item) e).seq()));
        again.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> next.size() >= 6);
            assertThat(List.copyOf(next)).containsExactly(4, 5, 6, 7, 8, 9);
        } finally {
            assertThat(again.stop(Duration.ofSeconds(60))).isTrue();
        }
    }

    @Test
    void aRebalanceWhileABatchIsHandedOverCommitsWhatWasHandedOverAndNotWhatFailed() throws Exception {
        String topic = BROKER.newTopic("rebalance", 2);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(BROKER.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int part = 0; part < 2; part++) {
                for (int i = 0; i < 10; i++) {
                    String v = JSONB.toJson(new Item("p" + part, i));
                    p.send(new ProducerRecord<>(topic, part, null, v.getBytes(StandardCharsets.UTF_8))).get();
                }
            }
        }
        String group = "g-" + topic;
        Queue<String> handled = new ConcurrentLinkedQueue<>();
        Queue<String> failed = new ConcurrentLinkedQueue<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean thrown = new AtomicBoolean();
        KafkaSource first = source(consumer(group), topic, true, e -> {
            Item item = (Item) e;
            inside.countDown();
            awaitUninterruptibly(release);
            if (item.owner().equals("p0") && item.seq() == 5 && thrown.compareAndSet(false, true)) {
                failed.add(item.owner() + "/" + item.seq());
                throw new IllegalStateException("refused once");
            }
            handled.add(item.owner() + "/" + item.seq());
        });
        KafkaSource second = source(consumer(group), topic, true, e -> {
            Item item = (Item) e;
            handled.add(item.owner() + "/" + item.seq());
        });
        first.start();
        try (Admin admin = Admin.create(BROKER.clientProperties())) {
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue(); // the first source holds a batch
            second.start(); // joining makes the group rebalance while the batch is being handed over
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of(group))
                    .describedGroups().get(group).get().groupState() == GroupState.PREPARING_REBALANCE);
            release.countDown();
            await().atMost(Duration.ofSeconds(120)).until(() -> handled.size() >= 20);
            // the group settles with the two sources; everything is committed
            await().atMost(Duration.ofSeconds(120)).until(() -> committed(admin, group, new TopicPartition(topic, 0))
                    == 10 && committed(admin, group, new TopicPartition(topic, 1)) == 10);
        } finally {
            release.countDown();
            assertThat(first.stop(Duration.ofSeconds(60))).isTrue();
            assertThat(second.stop(Duration.ofSeconds(60))).isTrue();
        }
        // what was handed over before the partitions moved was committed (not handed over again); the record
        // whose observer failed was not, and was handed over again by whichever source then owned p0
        assertThat(failed).containsExactly("p0/5");
        assertThat(handled).hasSize(20).doesNotHaveDuplicates();
    }
}
