/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka inside Quarkus (ArC, the CDI Lite front end), sinkwire-kafka consumed as an installed jar,
 * against a real broker in the test JVM ({@link KafkaResource}): parcels fired as CDI events go to
 * the topic through the Kafka sink 'parcels-out', come back through the Kafka source 'parcels-in' as
 * {@code @Remote} CDI events, and reach the method sink 'depot' and an observer, in order per key; a
 * record that is not a parcel goes to the dead-letter topic and the partition moves on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class ParcelsTest {

    @Inject
    Event<Parcel> parcels;

    @Inject
    Depot depot;

    @Inject
    SinkwireStats stats;

    @Test
    void parcelsGoThroughKafkaAndComeBackAsCdiEventsAndAPoisonRecordIsDeadLettered() {
        Duration guard = Duration.ofSeconds(90); // a hang guard for a loaded machine, not a timing assertion
        List<Parcel> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Parcel p = new Parcel("parcel-" + i, i % 2 == 0 ? "north" : "south");
            sent.add(p);
            parcels.fire(p);
        }
        await().atMost(guard).untilAsserted(() -> assertThat(depot.sunk()).containsExactlyInAnyOrderElementsOf(sent));
        await().atMost(guard).untilAsserted(() -> assertThat(depot.observed()).containsExactlyInAnyOrderElementsOf(sent));
        for (String key : List.of("north", "south")) { // one key, one partition: its order is kept
            List<Parcel> ofKey = sent.stream().filter(p -> p.depot().equals(key)).toList();
            assertThat(depot.sunk().stream().filter(p -> p.depot().equals(key)).toList()).isEqualTo(ofKey);
            assertThat(depot.observed().stream().filter(p -> p.depot().equals(key)).toList()).isEqualTo(ofKey);
        }

        // a record that is not a parcel, then a parcel with the same key (same partition) behind it
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaResource.bootstrap, "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("parcels", utf8("north"), utf8("not json at all"))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Parcel after = new Parcel("parcel-after-poison", "north");
        parcels.fire(after);
        await().atMost(guard).untilAsserted(() -> assertThat(depot.sunk()).contains(after));
        assertThat(depot.sunk()).hasSize(7);

        ConsumerRecord<byte[], byte[]> letter = readOne("parcels-dlq", guard);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("north");
        assertThat(header(letter, "sinkwire.origin")).startsWith("parcels/");
        assertThat(header(letter, "sinkwire.error")).isNotBlank();

        // the sink settled every parcel it accepted: the 7 fired, and the 7 the source fired back
        // (not written again: they are on the topic already)
        await().atMost(guard).untilAsserted(() -> {
            SinkStats out = stats.of("parcels-out");
            assertThat(out.pending()).isZero();
            assertThat(out.droppedTotal()).isZero();
            assertThat(out.delivered()).isEqualTo(out.accepted()).isEqualTo(14);
        });
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic, Duration guard) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KafkaResource.bootstrap, "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            await().atMost(guard).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
            assertThat(read).hasSize(1);
            return read.get(0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
