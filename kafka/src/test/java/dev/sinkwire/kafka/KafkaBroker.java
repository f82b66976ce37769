/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in the test JVM (KRaft, one combined broker + controller node), wrapping
 * {@code KafkaClusterTestKit}, whose package is internal and changes between Kafka versions: this is
 * the only class that names it. Not thread-safe; one per test class (or {@link #shared()}).
 */
public final class KafkaBroker implements AutoCloseable {

    /** The producer deadlines of {@link #unhurriedProducerProperties()}: longer than any test's {@code @Timeout}. */
    private static final int UNHURRIED_MS = 15 * 60_000;

    private static KafkaBroker shared;

    private final KafkaClusterTestKit kit;
    private final Admin admin;

    private KafkaBroker() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        admin = kit.admin();
    }

    /** @return a new broker, started */
    public static KafkaBroker start() {
        try {
            return new KafkaBroker();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka broker", e);
        }
    }

    /**
     * The broker shared by the tests of this JVM, closed by {@link SharedBrokerCloser} when the test
     * run ends (not in a JVM shutdown hook: Kafka's own hooks delete its directories meanwhile).
     *
     * @return the shared broker, started on first use
     */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Closes the shared broker, if it was started. */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** @return {@code host:port} of the broker */
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /**
     * Creates a topic with a unique name.
     *
     * @param prefix the start of the name
     * @param partitions the number of partitions
     * @return the name
     */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        return name;
    }

    /** Stops the broker process (the controller keeps running); {@link #restartBroker()} brings it back. */
    public void stopBroker() {
        kit.brokers().values().forEach(b -> {
            b.shutdown();
            b.awaitShutdown();
        });
    }

    /** Starts the broker again after {@link #stopBroker()}, on the same port. */
    public void restartBroker() {
        kit.brokers().values().forEach(b -> b.startup());
        try {
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads every record of a topic from the beginning until {@code count} were read.
     *
     * @param topic the topic
     * @param count how many records to wait for
     * @param timeout how long to wait at most
     * @return the records, in partition order
     */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < end) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The number of records in a topic (the sum of its partitions' end offsets; no deletions here).
     *
     * @param topic the topic
     * @return the count
     */
    public long count(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            return c.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** @return producer properties pointing at this broker */
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /**
     * Producer properties for a test that requires every record to be acknowledged, however loaded
     * the machine is: {@code acks=all}, idempotence on, and the producer's own deadlines moved past
     * any test's hang guard (its {@code @Timeout}). With the defaults a record expires 2 minutes after
     * it was appended ({@code delivery.timeout.ms}), a request is given up after 30 s
     * ({@code request.timeout.ms}) and a send waits at most 1 minute for metadata
     * ({@code max.block.ms}): a fixed amount of work that only ran slowly on a loaded machine can then
     * end in dead letters (or, with a retry strategy, in extra failed attempts). With these, a slow run
     * stays a slow run, and only a run that makes no progress fails, at the hang guard.
     *
     * @return the properties, pointing at this broker
     */
    public Map<String, Object> unhurriedProducerProperties() {
        return Map.of("bootstrap.servers", bootstrapServers(), "acks", "all", "enable.idempotence", "true",
                "delivery.timeout.ms", UNHURRIED_MS, "request.timeout.ms", UNHURRIED_MS / 2, "max.block.ms",
                UNHURRIED_MS);
    }

    @Override
    public void close() {
        try {
            admin.close(Duration.ofSeconds(5));
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
