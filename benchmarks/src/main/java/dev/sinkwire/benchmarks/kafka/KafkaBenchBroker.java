/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.kafka;

import dev.sinkwire.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker of {@link KafkaSinkBenchmark} in a JVM of its own, so that both benchmarks of one JMH
 * run write to the same broker, already warm, and {@code -prof gc} of the benchmark forks counts
 * the clients' allocations, not the broker's. Starts one KRaft node (the tests' {@link KafkaBroker}),
 * warms it with {@value #WARM_UP_RECORDS} records shaped like the benchmark's (or as many as the
 * second argument says), writes {@code host:port} to the file named by the first argument, and runs
 * until the process is stopped.
 * Used by {@code /work/benchrun/kafka.sh}.
 */
public final class KafkaBenchBroker {

    /** Records sent before the broker is announced. */
    static final int WARM_UP_RECORDS = 300_000;

    private KafkaBenchBroker() {
    }

    /**
     * Starts the broker.
     *
     * @param args the file to write {@code host:port} to, optionally the number of warm-up records
     * @throws Exception if the broker cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: KafkaBenchBroker <file to write host:port to> [warm-up records]");
        }
        int warmUp = args.length == 2 ? Integer.parseInt(args[1]) : WARM_UP_RECORDS;
        KafkaBroker broker = KafkaBroker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-bench-broker-stop"));
        String topic = broker.newTopic("warm-up", 3);
        byte[] value = ("{\"cents\":1999,\"customer\":\"customer-1\",\"note\":\"two blue widgets, gift wrapped\","
                + "\"seq\":1}").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "acks", "all", "enable.idempotence", "true"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < warmUp; i++) {
                p.send(new ProducerRecord<>(topic, ("customer-" + (i % 37)).getBytes(StandardCharsets.UTF_8), value));
            }
            p.flush();
        }
        Path file = Path.of(args[0]);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, broker.bootstrapServers());
        Files.move(tmp, file); // appears whole
        System.out.println("Kafka benchmark broker ready at " + broker.bootstrapServers());
        stopped.await();
    }
}
