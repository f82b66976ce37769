/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.KafkaSource;
import dev.sinkwire.kafka.it.Fixtures.Order;
import dev.sinkwire.kafka.it.Fixtures.Received;
import dev.sinkwire.kafka.it.Fixtures.Remote;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Poison records and consumer restarts of a Kafka source under Weld SE. */
class SourceFaultsTest {

    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final String SOURCE = RoundTripTest.SOURCE;

    /** Fails on every order from sequence 7 on, recording each attempt. */
    @ApplicationScoped
    public static class FailingObserver {
        private final List<Integer> attempts = new CopyOnWriteArrayList<>();

        void on(@Observes @Remote Order order) {
            attempts.add(order.getSeq());
            if (order.getSeq() >= 7) {
                throw new IllegalStateException("observer refuses " + order);
            }
        }

        List<Integer> attempts() {
            return attempts;
        }
    }

    private static void send(String topic, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                BROKER.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    private static byte[] order(Jsonb jsonb, int seq) {
        return ("{\"id\":\"x\",\"timestamp\":\"t\",\"type\":\"" + Order.class.getName() + "\",\"event\":"
                + jsonb.toJson(new Order("ann", seq)) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String topic = BROKER.newTopic("poison", 1);
        String dlq = BROKER.newTopic("poison-dlq", 1);
        try (Jsonb jsonb = JsonbBuilder.create()) {
            send(topic, order(jsonb, 0));
            send(topic, "this is not JSON".getBytes(StandardCharsets.UTF_8));
            send(topic, order(jsonb, 1));
            send(topic, "{\"type\":\"x\",\"event\":{\"seq\":\"not a number\"}}".getBytes(StandardCharsets.UTF_8));
            send(topic, order(jsonb, 2));
            try (Container b = RoundTripTest.consumer(topic, "g-" + topic)
                    .config(SOURCE + "dead-letter.topic", dlq).start()) {
                Received received = b.get(Received.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> received.remote().size() >= 3);
                assertThat(received.remote()).extracting(Order::getSeq).containsExactly(0, 1, 2);

                List<ConsumerRecord<byte[], byte[]>> letters = BROKER.read(dlq, 2, Duration.ofSeconds(30));
                assertThat(letters).hasSize(2);
                assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
                assertThat(header(letters.get(0), KafkaSource.ORIGIN_HEADER)).isEqualTo(topic + "/0/1");
                assertThat(header(letters.get(0), KafkaSource.ERROR_CLASS_HEADER)).isNotBlank();
                assertThat(header(letters.get(0), KafkaSource.ERROR_HEADER)).isNotBlank();
                assertThat(header(letters.get(1), KafkaSource.ORIGIN_HEADER)).isEqualTo(topic + "/0/3");
            }
        }
    }

    @Test
    void aRestartedConsumerGetsOnlyTheRecordsThatWereNotCommitted() throws Exception {
        String topic = BROKER.newTopic("restart", 1);
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (int i = 0; i < 10; i++) {
                send(topic, order(jsonb, i));
            }
        }
        String group = "g-" + topic;
        try (Container b1 = Container.builder().beans(Received.class, FailingObserver.class)
                .config(SOURCE + "type", "kafka").config(SOURCE + "topic", topic).config(SOURCE + "group", group)
                .config(SOURCE + "event-type", Order.class.getName())
                .config(SOURCE + "qualifiers", Remote.class.getName())
                .config(SOURCE + "retry-backoff", "20ms")
                .config(SOURCE + "kafka.bootstrap.servers", BROKER.bootstrapServers())
                .config(SOURCE + "kafka.auto.offset.reset", "earliest").start()) {
            FailingObserver failing = b1.get(FailingObserver.class);
            // 7 fails, so it is handed over again and again: the partition waits, nothing after it is committed
            await().atMost(Duration.ofSeconds(30)).until(() -> failing.attempts().stream()
                    .filter(s -> s == 7).count() >= 3);
            assertThat(failing.attempts()).doesNotContain(8, 9).startsWith(0, 1, 2, 3, 4, 5, 6, 7);
        }
        try (Container b2 = RoundTripTest.consumer(topic, group).start()) {
            Received received = b2.get(Received.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.remote().size() >= 3);
            assertThat(received.remote()).extracting(Order::getSeq).containsExactly(7, 8, 9);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
