/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return KafkaSource.builder(new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topic, JSONB, handler).name("t").bare(bare).defaultType(Item.class)
                .retryBackoff(Duration.ofMillis(20)).build();
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
}
