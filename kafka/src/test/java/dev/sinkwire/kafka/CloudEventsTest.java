/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records written in the CloudEvents formats parse with the CloudEvents SDK (binary and structured
 * mode of the Kafka protocol binding), and a CloudEvent written by the SDK is read back by the source
 * decoder.
 */
class CloudEventsTest {

    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** An event. */
    public record Shipped(String parcel, int items) {
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", BROKER.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaFormat.class, names = {"CLOUDEVENTS_BINARY", "CLOUDEVENTS_STRUCTURED"})
    void recordsParseWithTheSdk(KafkaFormat format) throws Exception {
        String topic = BROKER.newTopic("ce", 1);
        CountDownLatch delivered = new CountDownLatch(1);
        try (KafkaSink sink = KafkaSink.builder(producer(), topic, JSONB).name("ce").format(format)
                .key(KeyExtractor.ofPath("parcel", Shipped.class)).cloudEventsSource("/shop/north")
                .outcomes(e -> delivered.countDown(), (e, t) -> { }).build()) {
            sink.write(new Shipped("p-\"7\"", 3));
            delivered.await();
        }
        ConsumerRecord<byte[], byte[]> r = BROKER.read(topic, 1, Duration.ofSeconds(30)).get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("p-\"7\"");
        CloudEvent ce = KafkaMessageFactory.createReader(r).toEvent();
        assertThat(ce.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(ce.getType()).isEqualTo(Shipped.class.getName());
        assertThat(ce.getSource()).isEqualTo(URI.create("/shop/north"));
        assertThat(UUID.fromString(ce.getId()).version()).isEqualTo(4);
        assertThat(ce.getTime()).isNotNull();
        assertThat(ce.getDataContentType()).isEqualTo("application/json");
        assertThat(JSONB.fromJson(new String(ce.getData().toBytes(), StandardCharsets.UTF_8), Shipped.class))
                .isEqualTo(new Shipped("p-\"7\"", 3));
        if (format == KafkaFormat.CLOUDEVENTS_BINARY) {
            assertThat(r.headers().lastHeader("ce_specversion")).isNotNull();
        } else {
            assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
        }
    }

    @Test
    void aCloudEventWrittenByTheSdkIsReadAsItsMappedType() throws Exception {
        String topic = BROKER.newTopic("ce-in", 1);
        CloudEvent ce = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/elsewhere"))
                .withType("shipped.v1").withDataContentType("application/json")
                .withData(JSONB.toJson(new Shipped("p-9", 2)).getBytes(StandardCharsets.UTF_8)).build();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            ProducerRecord<Void, byte[]> record = KafkaMessageFactory.<Void>createWriter(topic).writeBinary(ce);
            p.send(new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, record.value(), record.headers())).get();
        }
        ConsumerRecord<byte[], byte[]> r = BROKER.read(topic, 1, Duration.ofSeconds(30)).get(0);
        RecordDecoder decoder = new RecordDecoder(JSONB, false, null, Map.of("shipped.v1", Shipped.class));
        assertThat(decoder.decode(r)).isEqualTo(new Shipped("p-9", 2));
        RecordDecoder unmapped = new RecordDecoder(JSONB, false, null, Map.of("other", Shipped.class));
        assertThat(List.of(r)).allSatisfy(x -> org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> unmapped.decode(x)).hasMessageContaining("shipped.v1"));
    }
}
