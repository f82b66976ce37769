/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.spi.ConfiguredSourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What only Kafka knows about a {@code type=kafka} source, for the extension's one configuration
 * reader: topic names, and the consumer properties ({@code kafka.<consumer property>}, checked against
 * the client's own names; values never printed). Also turns a read source into the consumer's and
 * the dead-letter producer's properties. Stateless, thread-safe.
 */
public final class KafkaSourceProvider implements ConfiguredSourceProvider {

    /** For {@link java.util.ServiceLoader}. */
    public KafkaSourceProvider() {
        // stateless
    }

    @Override
    public String type() {
        return KafkaSinkProvider.TYPE;
    }

    @Override
    public List<String> check(String prefix, Map<String, String> keys) {
        List<String> problems = new ArrayList<>();
        KafkaKeys.topic(prefix, Keys.SOURCE_TOPIC, keys, false, problems);
        KafkaKeys.topic(prefix, Keys.SOURCE_DEAD_LETTER_TOPIC, keys, false, problems);
        consumer(prefix, keys, problems);
        return problems;
    }

    /**
     * The consumer's properties: the {@code kafka.*} keys, the group, no auto commit.
     *
     * @param prefix the source's full prefix, for messages
     * @param keys the source's keys (only {@code kafka.*} are read)
     * @param problems receives the problems
     * @return the properties, without {@code group.id}
     */
    static Properties consumer(String prefix, Map<String, String> keys, List<String> problems) {
        Map<String, String> fixed = Map.of( // properties Sinkwire sets itself, with why
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed by Sinkwire after the CDI notification",
                ConsumerConfig.GROUP_ID_CONFIG, "set it with " + prefix + Keys.SOURCE_GROUP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "records are read as bytes",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "records are read as bytes");
        return KafkaKeys.client(prefix, keys, ConsumerConfig.configNames(), fixed, Map.of(), "consumer", problems);
    }

    /**
     * The dead-letter producer's properties: those of the consumer that are producer configs too
     * (connection and security), with {@code acks=all} and idempotence.
     *
     * @param consumer the consumer's properties
     * @return the producer's properties
     */
    static Properties producer(Properties consumer) {
        Properties producer = new Properties();
        for (String k : new TreeSet<>(consumer.stringPropertyNames())) {
            if (ProducerConfig.configNames().contains(k) && !k.equals(ConsumerConfig.CLIENT_ID_CONFIG)
                    && !k.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                producer.put(k, consumer.getProperty(k));
            }
        }
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return producer;
    }
}
